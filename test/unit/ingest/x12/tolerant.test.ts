/**
 * The 835 reader is tolerant where payers and clearinghouses are sloppy but the payment data is still
 * unambiguous (envelope counts and control numbers, terminator layout, stray text, truncation after a
 * complete transaction set), and honest about it: every tolerance is a warning on the file and on each
 * remittance it affects. All files here are generated (test/support/x12-835.ts).
 */
import { describe, expect, it } from 'vitest';
import { parse835Report, type ParsedRemittance } from '../../../../electron/core/ingest/x12';
import { badInput } from '../../../support/bad-input';
import { write835, type Remit835, type Write835Options } from '../../../support/x12-835';

const REMIT: Remit835 = {
  transactionControl: '0001',
  payerName: 'ACME HEALTH PLAN',
  payerId: 'ACME01',
  payeeName: 'RIVERSIDE CLINIC',
  payeeNpi: '1234567893',
  checkNumber: 'EFT0042',
  paymentAmount: 120,
  paymentDate: '2026-11-20',
  productionDate: '2026-11-18',
  plb: [{ reason: 'L6', reference: null, amount: 1.25 }],
  claims: [
    {
      claimNumber: 'CLM-1', statusCode: '1', billed: 200, paid: 120, patientResp: 30, payerClaimControl: 'PCN1',
      patientFamily: 'DOE', patientGiven: 'JANE', memberId: 'M1', renderingNpi: '1999999984',
      serviceStart: '2026-11-01', serviceEnd: null, receivedAt: '2026-11-05', moaRemarks: ['MA01'], adjustments: [],
      lines: [{ qualifier: 'HC', code: '99214', modifiers: ['25'], billed: 200, paid: 120, units: 1, serviceDate: '2026-11-01', rarc: ['N381'],
        adjustments: [{ groupCode: 'CO', carc: '45', amount: 50 }, { groupCode: 'PR', carc: '2', amount: 30 }] }],
    },
  ],
};
const OTHER: Remit835 = {
  ...REMIT,
  transactionControl: '0002',
  checkNumber: 'CHK9',
  paymentAmount: 0,
  claims: [{ ...REMIT.claims[0]!, claimNumber: 'CLM-2', statusCode: '4', paid: 0, patientFamily: 'ROE', patientGiven: 'RICHARD', adjustments: [{ groupCode: 'CO', carc: '50', amount: 200 }], lines: [] }],
};
const PHI = /DOE|JANE|ROE|RICHARD|CLM-|PCN|M1\b|ACME|RIVERSIDE|EFT0042|CHK9/;
const withoutWarnings = (rs: ParsedRemittance[]) => rs.map(({ warnings: _w, ...r }) => r);
const gen = (o: Write835Options = {}) => write835([REMIT, OTHER], o);
const BASE = parse835Report(gen());

describe('835 envelope mismatches import with a warning on the file and on each affected remittance', () => {
  it('reads the undamaged file with no warnings', () => {
    expect(BASE.remittances).toHaveLength(2);
    expect(BASE.warnings).toEqual([]);
    expect(BASE.remittances.map((r) => r.warnings)).toEqual([[], []]);
  });

  const cases: Array<[string, Write835Options['damage'], RegExp, 'first' | 'all']> = [
    ['SE segment count', { seCount: 7 }, /SE segment \d+ counts 7 segments; the transaction set has \d+: envelope count mismatch: verify against the payer's EOB/, 'first'],
    ['SE control number', { seControl: '9999' }, /control number does not match its header \(ST02\).*verify against the payer's EOB/, 'first'],
    ['GE transaction set count', { geCount: 5 }, /GE segment \d+ counts 5 transaction sets; the group holds 2: envelope count mismatch/, 'all'],
    ['GE control number', { geControl: '906' }, /does not match its header \(GS06\)/, 'all'],
    ['IEA group count', { ieaCount: 3 }, /IEA segment \d+ counts 3 functional groups; the interchange holds 1: envelope count mismatch/, 'all'],
    ['IEA control number differing from ISA13', { ieaControl: '000000906' }, /does not match its header \(ISA13\).*verify against the payer's EOB/, 'all'],
  ];
  it.each(cases)('%s', (_name, damage, message, affects) => {
    const got = parse835Report(gen({ damage }));
    expect(withoutWarnings(got.remittances)).toEqual(withoutWarnings(BASE.remittances)); // nothing lost, nothing changed
    expect(got.warnings.some((w) => message.test(w))).toBe(true);
    const [first, second] = got.remittances;
    expect(first!.warnings.some((w) => message.test(w))).toBe(true);
    expect(second!.warnings.some((w) => message.test(w))).toBe(affects === 'all');
    for (const w of [...got.warnings, ...first!.warnings, ...second!.warnings]) expect(w).not.toMatch(PHI);
  });
});

describe('835 terminator and separator variants', () => {
  const terminators = ['~', "'", '!', '|', '\n'];
  const layouts = ['', '\n', '\r\n', '  \r\n', '\t\n', ' '];
  for (const segment of terminators) {
    for (const newline of layouts) {
      if (segment === '\n' && newline.includes('\n')) continue; // a blank line between segments: covered by '\n' + ''
      it(`terminator ${JSON.stringify(segment)} followed by ${JSON.stringify(newline)}`, () => {
        const got = parse835Report(gen({ segment, newline }));
        expect(got.remittances).toEqual(BASE.remittances);
        expect(got.warnings).toEqual([]);
      });
    }
  }
  it('other element and component separators declared in the ISA', () => {
    const got = parse835Report(gen({ element: '|', component: '>', segment: '\n', newline: '' }));
    expect(got.remittances).toEqual(BASE.remittances);
  });
  it('trailing whitespace and blank lines after the interchange', () => {
    expect(parse835Report(gen() + '   \r\n\n\t\n').remittances).toEqual(BASE.remittances);
  });
});

describe('835 truncated files import their complete transaction sets and report the rest', () => {
  const text = gen();
  const firstSe = text.indexOf('SE*');
  const afterFirst = text.indexOf('~', firstSe) + 1;
  const secondSe = text.indexOf('SE*', afterFirst);

  it('every cut inside the second transaction set imports the first and says the second was not imported', () => {
    for (let cut = afterFirst; cut < secondSe; cut += 7) {
      const got = parse835Report(text.slice(0, cut));
      expect(got.remittances.map((r) => r.checkNumber)).toEqual(['EFT0042']);
      expect(got.warnings.join('\n')).toMatch(/has no trailer \(SE\).*not imported|no trailer \(GE\)/s);
      expect(got.remittances[0]!.warnings.join('\n')).toMatch(/no trailer \(GE\).*truncated/s); // the payment's envelope did not close
      for (const w of got.warnings) expect(w).not.toMatch(PHI);
    }
  });

  it('a cut mid-segment says the file ends inside a segment', () => {
    const got = parse835Report(text.slice(0, secondSe + 4));
    expect(got.warnings.join('\n')).toMatch(/ends inside a segment/);
    expect(got.remittances).toHaveLength(1);
  });

  it('a file cut before any transaction set is complete is refused', () => {
    expect(badInput(() => parse835Report(text.slice(0, firstSe + 2)))).toMatch(/truncated/);
  });

  it('a file missing only its trailers imports both payments with a warning', () => {
    const got = parse835Report(text.slice(0, text.indexOf('GE*')));
    expect(got.remittances).toHaveLength(2);
    expect(got.remittances.every((r) => r.warnings.some((w) => /no trailer \(GE\)/.test(w)) && r.warnings.some((w) => /no trailer \(IEA\)/.test(w)))).toBe(true);
  });
});

describe('835 unreadable pieces', () => {
  it('text with no segment identifier between terminators is skipped with a warning on the remittance holding it', () => {
    const text = gen({ newline: '\n' }).replace('PLB*', 'resnCode>adjID>5***~\nPLB*');
    const got = parse835Report(text);
    expect(withoutWarnings(got.remittances)).toEqual(withoutWarnings(BASE.remittances));
    expect(got.remittances[0]!.warnings.join('\n')).toMatch(/no segment identifier.*skipped/);
    expect(got.remittances[1]!.warnings).toEqual([]);
    for (const w of got.warnings) expect(w).not.toMatch(/resnCode|adjID/);
  });

  it('an unreadable adjustment is skipped and a claim amount that cannot be read is left empty, each with a warning', () => {
    const text = gen().replace('CAS*CO*50*200', 'CAS*grp_code*reason_code*amount').replace('CLP*CLM-1*1*200', 'CLP*CLM-1*1*2O0');
    const got = parse835Report(text);
    expect(got.remittances[1]!.claims[0]!.adjustments).toEqual([]);
    expect(got.remittances[1]!.warnings.join('\n')).toMatch(/CAS segment \d+: the claim adjustment group code .* skipped: verify against the payer's EOB/);
    expect(got.remittances[0]!.claims[0]).toMatchObject({ claimNumber: 'CLM-1', billed: null, paid: 120 });
    expect(got.remittances[0]!.claims[0]!.lines).toHaveLength(1); // the line still belongs to its claim
    expect(got.remittances[0]!.warnings.join('\n')).toMatch(/CLP segment \d+: the billed amount is not a number\. The claim was kept without it/);
    for (const w of got.warnings) expect(w).not.toMatch(PHI);
  });

  it('a transaction set whose payment header cannot be read is left out and reported; the other imports', () => {
    const got = parse835Report(gen().replace('BPR*I*0*', 'BPR*I*zero*'));
    expect(got.remittances.map((r) => r.checkNumber)).toEqual(['EFT0042']);
    expect(got.warnings.join('\n')).toMatch(/could not be read and was not imported: BPR segment \d+: the payment amount is not a number/);
  });

  it('a million unreadable segments give a bounded list of warnings', () => {
    const junk = 'CAS*ZZ*1*1~'.repeat(200_000);
    const got = parse835Report(gen().replace('PLB*', `${junk}PLB*`));
    expect(got.remittances[0]!.warnings.length).toBeLessThanOrEqual(22);
    expect(got.remittances[0]!.warnings.join('\n')).toMatch(/200000 unreadable segments were skipped/);
  });
});

describe('835 hostile shapes stay linear', () => {
  it('reads 20,000 transaction sets in one group (trace numbers checked by set, not by scan)', () => {
    const sets = Array.from({ length: 20_000 }, (_, i) => `ST*835*${i}~BPR*I*0*C*NON~TRN*1*T${i}*1~SE*4*${i}~`).join('');
    const got = parse835Report(`ST*835*x~BPR*I*0*C*NON~TRN*1*first*1~SE*4*x~${sets}`);
    expect(got.remittances).toHaveLength(20_001);
    expect(got.warnings).toEqual([]);
  });

  it('20,000 transaction sets with no trailer are reported in a bounded list', () => {
    const got = parse835Report(`ST*835*x~BPR*I*0*C*NON~TRN*1*first*1~SE*4*x~${'ST*835*1~BPR*I*0*C*NON~'.repeat(20_000)}`);
    expect(got.remittances).toHaveLength(1);
    expect(got.warnings.length).toBeLessThanOrEqual(20);
  });
});

describe('what is still refused', () => {
  it.each([
    ['plain text', 'Dear Dr. Smith, please find attached the remittance'],
    ['a PDF', '%PDF-1.7\n1 0 obj'],
    ['empty', ''],
    ['an 837 claim file', gen().replace('GS*HP', 'GS*HC')],
    ['an 837 transaction set', gen().replace(/ST\*835/g, 'ST*837')],
    ['no segment terminator after the ISA', gen().replace(/~\n/g, '')],
    ['an ISA cut short', gen().slice(0, 60)],
  ])('%s', (_name, text) => {
    expect(badInput(() => parse835Report(text))).not.toMatch(PHI);
  });
});
