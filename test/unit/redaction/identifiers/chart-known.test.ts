import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChartKnownMatcher, detectKnown, splitName, type KnownIdentifiers } from '../../../../electron/core/redaction/identifiers/chart-known';
import { detectIdentifiers } from '../../../../electron/core/redaction/identifiers';
import { defaultLexicon } from '../../../../electron/core/redaction/identifiers/lexicon';

const lex = defaultLexicon();
const isCommonWord = (w: string) => lex.commonWords.has(w) || lex.clinicalStop.has(w);

const KNOWN: KnownIdentifiers = {
  patient: {
    name: { given: 'Quentin Ambrose', family: 'Vandermolen' },
    mrns: ['MRN-00482913'],
    memberIds: ['XQZ884120377'],
    birthDates: ['1951-03-07'],
    phones: ['(617) 555-0142'],
    address: { line: '42 Juniper Hollow Road, Apt 3', city: 'Marblehead', postalCode: '01945-2210' },
  },
  contacts: [{ name: { given: 'Hortensia', family: 'Vandermolen' }, phones: ['617.555.0199'] }],
  careTeam: { practitioners: [{ full: 'Dr. Imogen R. Castellanos, MD' }], organizations: ['Harborview Lantern Medical Center'], npis: ['1234567893'] },
  others: { people: [{ given: 'Bartholomew', family: 'Okonkwo-Reyes' }] },
};

/** The text of every span of a type, in order. */
const found = (text: string, known = KNOWN) => detectKnown(text, known, { isCommonWord }).map((s) => `${s.type}:${s.text}`);

describe('chart-known detection', () => {
  it('finds the patient name in case, order and initials variants', () => {
    const text = [
      'Pt QUENTIN VANDERMOLEN seen today.',
      'Vandermolen, Quentin A. reports pain.',
      'quentin vandermolen called back; Q. Vandermolen agrees.',
      'Mr. Vandermolen tolerated the procedure. vandermolen stable.',
      'Dictated by QAV, signed Q.A.V.',
    ].join('\n');
    const spans = found(text);
    for (const s of ['QUENTIN VANDERMOLEN', 'Vandermolen, Quentin A', 'quentin vandermolen', 'Q. Vandermolen', 'Mr. Vandermolen', 'vandermolen', 'QAV', 'Q.A.V']) {
      expect(spans).toContain(`NAME:${s}`);
    }
  });

  it('finds ids, phones, birth dates and the address in their usual formats', () => {
    const text =
      'MRN 00482913; member id XQZ-884-120-377. DOB 3/7/1951 (03/07/51, March 7th, 1951, 1951-03-07). ' +
      'Home (617) 555-0142, daughter at 617-555-0199 or 555-0199. Lives at 42 Juniper Hollow Rd in MARBLEHEAD 01945.';
    const spans = found(text);
    expect(spans).toEqual(
      expect.arrayContaining([
        'MRN:00482913',
        'HEALTH_PLAN_ID:XQZ-884-120-377',
        'DATE:3/7/1951',
        'DATE:03/07/51',
        'DATE:March 7th, 1951',
        'DATE:1951-03-07',
        'PHONE:(617) 555-0142',
        'PHONE:617-555-0199',
        'PHONE:555-0199',
        'ADDRESS:42 Juniper Hollow Rd',
        'LOCATION:MARBLEHEAD',
        'ZIP:01945',
      ]),
    );
  });

  it('finds contacts, the care team and their initials; other people only as full names', () => {
    const text =
      'Wife Hortensia at bedside. Seen with Dr. Castellanos (I. Castellanos; ICastellanos no). Transferred from HARBORVIEW LANTERN MEDICAL CENTER (HLMC). ' +
      'Roommate Bartholomew Okonkwo-Reyes visited; Bartholomew was kind. NPI 1234567893.';
    const spans = found(text);
    expect(spans).toEqual(
      expect.arrayContaining([
        'NAME:Hortensia',
        'PROVIDER_NAME:Dr. Castellanos',
        'PROVIDER_NAME:I. Castellanos',
        'FACILITY_NAME:HARBORVIEW LANTERN MEDICAL CENTER',
        'FACILITY_NAME:HLMC',
        'NAME:Bartholomew Okonkwo-Reyes',
        'NPI:1234567893',
      ]),
    );
    // a first name alone of someone outside the chart is not enough
    expect(spans).not.toContain('NAME:Bartholomew');
  });

  it('does not take a name that is a common word unless it is capitalized mid-sentence', () => {
    const known: KnownIdentifiers = { patient: { name: { given: 'Grace', family: 'White' } } };
    expect(found('White count normal. wbc white 12. Patient in good spirits.', known)).toEqual([]);
    expect(found('Seen with Mrs. White today; met with White and Grace White.', known)).toEqual(expect.arrayContaining(['NAME:Mrs. White', 'NAME:White', 'NAME:Grace White']));
  });

  it('never takes initials or acronyms that are clinical abbreviations', () => {
    const known: KnownIdentifiers = { patient: { name: { given: 'Carl', family: 'Tanaka' } } };
    expect(found('CT abdomen negative; C.T. ordered.', known)).toEqual([]);
    const cbc: KnownIdentifiers = { patient: { name: { given: 'Carl Bertram', family: 'Coe' } }, careTeam: { organizations: ['Intensive Care Unit'] } };
    expect(found('CBC and BMP drawn; ICU bed requested.', cbc)).toEqual([]);
  });

  it('takes a full name made of common words only when it is capitalized', () => {
    const known: KnownIdentifiers = { others: { people: [{ given: 'Will', family: 'Hope' }] } };
    expect(found('we will hope for the best', known)).toEqual([]);
    expect(found('Visited by Will Hope.', known)).toEqual(['NAME:Will Hope']);
  });

  it('splits stored practitioner names into given and family names', () => {
    expect(splitName({ full: 'Dr. Imogen R. Castellanos, MD' })).toEqual({ given: ['imogen', 'r'], family: ['castellanos'] });
    expect(splitName({ full: 'Castellanos, Imogen' })).toEqual({ given: ['imogen'], family: ['castellanos'] });
  });

  it('merges into the identifier finder with high confidence, without loosening the rest', () => {
    const text = 'quentin vandermolen (mrn 00482913) is stable.';
    const plain = detectIdentifiers(text);
    const withKnown = detectIdentifiers(text, { known: KNOWN });
    expect(withKnown.find((s) => s.text === 'quentin vandermolen')).toMatchObject({ type: 'NAME' });
    expect(withKnown.find((s) => s.text === '00482913')).toMatchObject({ type: 'MRN' });
    expect(withKnown.filter((s) => s.type === 'NAME').every((s) => s.confidence >= 0.9)).toBe(true);
    expect(withKnown.length).toBeGreaterThanOrEqual(plain.length);
  });

  it('never throws and stays within the text on hostile input', () => {
    const m = new ChartKnownMatcher(KNOWN, { isCommonWord });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        for (const c of m.candidates(s)) {
          expect(c.start).toBeGreaterThanOrEqual(0);
          expect(c.end).toBeLessThanOrEqual(s.length);
          expect(c.end).toBeGreaterThan(c.start);
        }
      }),
      { numRuns: 300 },
    );
    // megabytes without spaces, of separators, of digit groups, of trailing hyphens: linear, never throws
    for (const long of ['Vandermolen'.repeat(200_000), 'a-'.repeat(1_000_000) + '-'.repeat(1_000_000), '1.2/3-'.repeat(300_000), '617 555 '.repeat(250_000), '\u202e\ud800😀'.repeat(300_000)]) {
      expect(() => m.candidates(long)).not.toThrow();
    }
  });
});
