/**
 * Hostile text: the finder gives a result and never throws on megabytes without spaces, control
 * characters, mixed scripts, right-to-left text, emoji and lone surrogates; spans stay well-formed.
 * Linear time is pinned by work, not by a clock: doubling a hostile input must not more than roughly
 * double the spans and must finish (a quadratic pattern on 2 MB would not finish within the test run).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectIdentifiers } from '../../../../electron/core/redaction/identifiers/index';

const hostilePieces = [
  '\u0000', '\u0007', '\u001b[31m', '\u200b', '\u200e', '\u202e', '\u2066', '\ufeff', '\ud800', '\udfff', '\ud83d\ude00', '👨‍👩‍👧',
  'مرحبا', 'שלום', 'Привет', '你好', 'ñandú', 'İstanbul', 'ß', 'Ǆ', '\r\n', '\t', '        ', '...', '////', '----', '1/2/3/4/5/6',
  'dr ', 'son ', 'Mr. ', 'transferred to ', 'GH', 'St. ', '1957', "'84", '600x12', '120-130', '10/5', 'q. ', 'rrt', 'Pager #', '54321',
];
const hostile = fc.oneof(
  fc.array(fc.constantFrom(...hostilePieces), { maxLength: 80 }).map((a) => a.join('')),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.oneof(fc.constantFrom(...hostilePieces), fc.string({ unit: 'grapheme', maxLength: 5 })), { maxLength: 60 }).map((a) => a.join('')),
);

function wellFormed(input: string) {
  const spans = detectIdentifiers(input);
  let last = 0;
  for (const s of spans) {
    expect(s.start).toBeGreaterThanOrEqual(last);
    expect(s.end).toBeGreaterThan(s.start);
    expect(s.end).toBeLessThanOrEqual(input.length);
    expect(s.text).toBe(input.slice(s.start, s.end));
    last = s.end;
  }
  return spans;
}

describe('identifier finder on hostile text', () => {
  it('never throws and keeps spans well-formed on control characters, mixed scripts, RTL, emoji and lone surrogates', () => {
    fc.assert(fc.property(hostile, (input) => void wellFormed(input)), { numRuns: 500 });
  });

  it('gives the same spans at both operating points, viewing a subset of disclosure', () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const disclosure = detectIdentifiers(input, { operatingPoint: 'disclosure' });
        const viewing = detectIdentifiers(input, { operatingPoint: 'viewing' });
        for (const v of viewing) expect(disclosure).toContainEqual(v);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['letters without a space', () => 'a'.repeat(2_000_000)],
    ['digits without a space', () => '7'.repeat(2_000_000)],
    ['a word joined by periods', () => 'word.'.repeat(400_000)],
    ['slashed numbers', () => '1/'.repeat(1_000_000)],
    ['ranges', () => '120-130-'.repeat(250_000)],
    ['capitalised names without a space', () => 'Smith'.repeat(400_000)],
    ['title after title', () => 'Dr. '.repeat(500_000)],
    ['initials', () => 'Q. '.repeat(600_000)],
    ['lone surrogates and RTL marks', () => '\ud800\u202e'.repeat(1_000_000)],
  ])('returns a result on 2 MB of %s', (_name, make) => {
    const text = make();
    const spans = wellFormed(text);
    expect(Array.isArray(spans)).toBe(true);
  });

  it('finds the same identifier after megabytes of hostile text as alone', () => {
    const noise = '\u202e\ud83d\ude00'.repeat(300_000) + 'x'.repeat(500_000);
    const note = ' Pager #54321. Transferred to GH on 8/23. Dr. Lander aware.';
    const alone = detectIdentifiers(note).map((s) => [s.type, s.text]);
    const after = detectIdentifiers(noise + note).map((s) => [s.type, s.text]);
    expect(alone.length).toBeGreaterThanOrEqual(3);
    expect(after).toEqual(expect.arrayContaining(alone));
  });
});
