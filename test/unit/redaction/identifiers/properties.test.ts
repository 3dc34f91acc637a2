import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IDENTIFIER_TYPES } from '../../../../shared/identifier-types';
import { detectIdentifiers } from '../../../../electron/core/redaction/identifiers/index';

const pieces = [
  'Dr. ', 'Mr. ', 'husband ', 'MRN: ', 'DOB ', 'Smith', 'JOHN', 'Hope', 'MORPHINE', ', ', '. ', '\n', ' ',
  '01/02/2020', '5/325 mg', 'BP 120/80', '555-123-4567', 'fax ', '123-45-6789', '1234567893', 'Jan 2, 2020',
  '1234 Oak Street', 'Springfield, IL 62704', 'a@b.com', 'http://x.org/y', '10.0.0.1', 'Mercy Hospital', 'the ',
];
const text = fc.oneof(
  fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join('')),
  fc.string({ maxLength: 200 }),
  fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 30 }).map((a) => a.join('')),
);

describe('detectIdentifiers properties', () => {
  it('spans are in bounds, sorted, non-overlapping, typed, and text === input.slice(start, end)', () => {
    fc.assert(
      fc.property(text, (input) => {
        const spans = detectIdentifiers(input);
        let last = 0;
        for (const s of spans) {
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.end).toBeLessThanOrEqual(input.length);
          expect(s.text).toBe(input.slice(s.start, s.end));
          expect(IDENTIFIER_TYPES).toContain(s.type);
          expect(s.confidence).toBeGreaterThan(0);
          expect(s.confidence).toBeLessThanOrEqual(1);
          last = s.end;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic and finds an inserted SSN wherever it goes', () => {
    fc.assert(
      fc.property(text, fc.nat(), (input, at) => {
        const i = at % (input.length + 1);
        const doc = `${input.slice(0, i)} SSN 123-45-6789 ${input.slice(i)}`;
        const a = detectIdentifiers(doc);
        expect(detectIdentifiers(doc)).toEqual(a);
        const where = doc.indexOf('123-45-6789', i);
        expect(a.some((s) => s.start <= where && s.end >= where + 11)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
