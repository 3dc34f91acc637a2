import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentences } from '../../../renderer/src/coder/text-spans';

const pieces = (t: string) => sentences(t).map((s) => t.slice(s.start, s.end));

describe('sentences for keyboard fact selection', () => {
  it('splits at sentence ends and line breaks, not inside numbers, list numbers, initials or abbreviations', () => {
    expect(pieces('Hemoglobin 6.8 g/dL on day 2. Seen by Dr. Smith today.\n1. Pneumonia (J18.9)\nBP 120/80? yes')).toEqual([
      'Hemoglobin 6.8 g/dL on day 2.',
      'Seen by Dr. Smith today.',
      '1. Pneumonia (J18.9)',
      'BP 120/80?',
      'yes',
    ]);
  });

  it('gives ordered, non-overlapping, trimmed, non-empty spans inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', ' ', '.', '\n', '1', '?', '!') }), (t) => {
        let last = 0;
        for (const s of sentences(t)) {
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.end).toBeLessThanOrEqual(t.length);
          expect(t.slice(s.start, s.end)).toBe(t.slice(s.start, s.end).trim());
          last = s.end;
        }
      }),
    );
  });
});
