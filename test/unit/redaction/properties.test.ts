import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeSections } from '../../../electron/core/redaction/analyze-sections';

const pieces = [
  'HPI:', 'HISTORY OF PRESENT ILLNESS:,', 'PMH: ', 'Plan', 'ASSESSMENT AND PLAN', 'FAMILY HISTORY:', 'S:', 'P: 80', 'BP: 120/80', '10:30', 'Dr. Smith:',
  'denies alcohol use', 'mother had depression', 'HIV', 'F10.20', 'no', ',', '.', ':', ':,', '\n', '\n\n', ' ', '  ', 'é', '😀', 'A', 'z', '1',
];
const noteLike = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 12 })), { maxLength: 60 }).map((a) => a.join(''));

function checkTiling(text: string) {
  const { sections } = analyzeSections(text);
  if (text.length === 0) {
    expect(sections).toEqual([]);
    return;
  }
  expect(sections[0]!.start).toBe(0);
  expect(sections.at(-1)!.end).toBe(text.length);
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    expect(s.start).toBeLessThan(s.end);
    if (i > 0) expect(s.start).toBe(sections[i - 1]!.end);
    expect(s.loinc === 'unknown' || /^\d+-\d$/.test(s.loinc)).toBe(true);
    if (s.title) expect(text.slice(s.start, s.end).trimStart().startsWith(s.title)).toBe(true);
    for (const sp of s.spans) {
      expect(sp.start).toBeGreaterThanOrEqual(s.start);
      expect(sp.end).toBeLessThanOrEqual(s.end);
      expect(sp.start).toBeLessThan(sp.end);
    }
    for (const l of s.labels) expect(s.spans.some((sp) => sp.labels.includes(l) && !sp.negated && sp.experiencer === 'patient') || s.title !== '').toBe(true);
  }
}

describe('properties', () => {
  it('sections tile any string: start at 0, no gaps or overlaps, end at its length', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (t) => void checkTiling(t)), { numRuns: 500 });
    fc.assert(fc.property(noteLike, (t) => void checkTiling(t)), { numRuns: 1000 });
  });

  it('never starts a section mid-token (found by the property above: a code run into a colon word)', () => {
    checkTiling('F10.20AA:,Dr. Smith:');
    expect(analyzeSections('F10.20AA:,Dr. Smith:').sections).toHaveLength(1);
  });

  it('is deterministic', () => {
    fc.assert(fc.property(noteLike, (t) => void expect(analyzeSections(t)).toEqual(analyzeSections(t))), { numRuns: 200 });
  });
});
