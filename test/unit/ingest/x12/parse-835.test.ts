import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { looks835, parse835, parse835Report } from '../../../../electron/core/ingest/x12';
import { badInput } from '../../../support/bad-input';
import { corporaDir } from '../../../support/corpora';

// A hand-written 835 (two claims, a denial, line-level CAS/LQ, MIA/MOA, PLB), '>' components, '^' repetition.
const ISA = 'ISA*00*          *00*          *ZZ*PAYERSENDER    *ZZ*PROVRECEIVER   *261123*1200*^*00501*000000123*0*P*>~';
const BODY = [
  'BPR*I*245.5*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20261120',
  'TRN*1*EFT0042*1512345678',
  'DTM*405*20261118',
  'N1*PR*ACME HEALTH PLAN',
  'N3*1 PAYER WAY',
  'N4*SPRINGFIELD*IL*62701',
  'REF*2U*ACME01',
  'N1*PE*RIVERSIDE CLINIC*XX*1234567893',
  'REF*TJ*123456789',
  'LX*1',
  'CLP*CLM-1001*1*300*245.5*20*12*PCN-77-A*11*1',
  'CAS*CO*45*34.5',
  'NM1*QC*1*DOE*JANE****MI*MEMQC1',
  'NM1*IL*1*DOE*JOHN****MI*SUBSCR9',
  'NM1*82*1*HOUSE*GREG****XX*1999999984',
  'MOA***MA01*N130',
  'DTM*232*20261101',
  'DTM*233*20261102',
  'DTM*050*20261105',
  'AMT*AU*265.5',
  'SVC*HC>99214>25*200*165.5**1',
  'DTM*472*20261101',
  'CAS*CO*45*14.5*1*253*2',
  'CAS*PR*2*18',
  'AMT*B6*185.5',
  'LQ*HE*N381',
  'SVC*HC>80053*100*80**2',
  'DTM*472*20261101',
  'CAS*CO*45*18*2',
  'CAS*PR*1*2',
  'CLP*CLM-1002*4*150*0*0**PCN-78-B*11*1',
  'CAS*CO*50*150',
  'NM1*QC*1*ROE*RICHARD',
  'MIA*0***0*M80',
  'SVC*HC>J3490*150*0**1',
  'DTM*150*20261103',
  'DTM*151*20261104',
  'CAS*CO*50*150',
  'LQ*HE*M127',
  'LQ*RX*ABC',
  'PLB*1234567893*20261231*WO>CLM-0999*-35*L6*0.5',
];
const TRAILER = (n: number) => [`SE*${n}*0001`, 'GE*1*77', 'IEA*1*000000123'];
const file = (sep = '~', nl = ''): string =>
  [ISA.slice(0, -1), 'GS*HP*PAYERSENDER*PROVRECEIVER*20261123*1200*77*X*005010X221A1', 'ST*835*0001', ...BODY, ...TRAILER(BODY.length + 2)].join(sep + nl) + sep + nl;

describe('parse835', () => {
  it('reads the header, claims, lines, adjustments, remarks and provider adjustments', () => {
    const [r, ...more] = parse835(file());
    expect(more).toHaveLength(0);
    expect(r).toMatchObject({
      sourceSystem: 'x12-835',
      sourceId: 'ACME01|1234567893|EFT0042',
      payerName: 'ACME HEALTH PLAN',
      payerId: 'ACME01',
      payeeName: 'RIVERSIDE CLINIC',
      payeeNpi: '1234567893',
      checkNumber: 'EFT0042',
      paymentAmount: 245.5,
      paymentDate: '2026-11-20',
      productionDate: '2026-11-18',
    });
    const [c1, c2] = r!.claims;
    expect(c1).toMatchObject({
      claimNumber: 'CLM-1001',
      statusCode: '1',
      billed: 300,
      paid: 245.5,
      patientResp: 20,
      payerClaimControl: 'PCN-77-A',
      patientName: 'DOE, JANE',
      memberId: 'SUBSCR9', // the subscriber's id (NM1*IL) wins over the patient's
      renderingNpi: '1999999984',
      serviceStart: '2026-11-01',
      serviceEnd: '2026-11-02',
      receivedAt: '2026-11-05',
      rarc: ['MA01', 'N130'],
      adjustments: [{ groupCode: 'CO', carc: '45', amount: 34.5, quantity: null }],
      amounts: { AU: 265.5 },
    });
    expect(c1!.lines).toEqual([
      {
        lineNo: 1,
        codeSystem: 'HC',
        code: '99214',
        modifiers: ['25'],
        billed: 200,
        paid: 165.5,
        units: 1,
        serviceDate: '2026-11-01',
        rarc: ['N381'],
        amounts: { B6: 185.5 },
        adjustments: [
          { groupCode: 'CO', carc: '45', amount: 14.5, quantity: 1 },
          { groupCode: 'CO', carc: '253', amount: 2, quantity: null },
          { groupCode: 'PR', carc: '2', amount: 18, quantity: null },
        ],
      },
      expect.objectContaining({ lineNo: 2, code: '80053', modifiers: [], units: 2, adjustments: [expect.objectContaining({ carc: '45', amount: 18, quantity: 2 }), expect.objectContaining({ groupCode: 'PR', carc: '1' })] }),
    ]);
    expect(c2).toMatchObject({ claimNumber: 'CLM-1002', statusCode: '4', paid: 0, patientName: 'ROE, RICHARD', memberId: null, rarc: ['M80'] });
    expect(c2!.lines[0]).toMatchObject({ code: 'J3490', serviceDate: '2026-11-03', rarc: ['M127'], adjustments: [{ groupCode: 'CO', carc: '50', amount: 150 }] });
    expect(r!.providerAdjustments).toEqual([
      { providerId: '1234567893', fiscalPeriodDate: '2026-12-31', reason: 'WO', reference: 'CLM-0999', amount: -35 },
      { providerId: '1234567893', fiscalPeriodDate: '2026-12-31', reason: 'L6', reference: null, amount: 0.5 },
    ]);
  });

  it('takes the delimiters from ISA and tolerates line breaks after terminators', () => {
    const base = parse835(file());
    expect(parse835(file('~', '\n'))).toEqual(base);
    expect(parse835(file('~', '\r\n'))).toEqual(base);
    expect(parse835('\uFEFF' + file('~', '\r\n'))).toEqual(base);
    // Other delimiters: '|' elements, '!' components, '\n' as the terminator itself.
    const other = file('\n').replaceAll('*', '|').replaceAll('>', '!');
    expect(parse835(other)).toEqual(base);
    // Non-padded ISA fields (seen in real Medicaid files) still find ISA16 and the terminator.
    expect(parse835(file().replace('*          *00*          *', '* *00* *'))).toEqual(base);
  });

  it('reads a bare ST*835 transaction set without an envelope', () => {
    const bare = ['ST*835*0001', ...BODY, `SE*${BODY.length + 2}*0001`].join('~\n') + '~\n';
    const [r] = parse835(bare);
    expect(r!.sourceId).toBe('ACME01|1234567893|EFT0042'); // keyed by payment, not envelope
    expect(r!.claims[0]!.lines[0]!.modifiers).toEqual(['25']);
  });

  it('rejects damaged files with BAD_INPUT and never quotes their content', () => {
    const good = file('~', '\n');
    const messages = [
      badInput(() => parse835(good.slice(0, good.length - 30))), // truncated: no transaction set complete
      badInput(() => parse835(good.slice(0, 60))), // truncated inside ISA
      badInput(() => parse835(good.replace(/~\n/g, ''))), // terminators stripped
      badInput(() => parse835(good.replace(/~\n/g, '~').replace(/~(?=CLP)/g, '\n'))), // a wrong terminator mid-file
      badInput(() => parse835(good.replace('GS*HP', 'GS*HC'))), // an 837 group
      badInput(() => parse835(good.replace('ST*835', 'ST*837'))),
      badInput(() => parse835(good.replace('BPR*I*245.5', 'BPR*I*24S.5'))),
      badInput(() => parse835('Dear Dr. Smith, please find attached')),
      badInput(() => parse835('')),
    ];
    expect(messages[0]).toMatch(/truncated/);
    expect(messages[4]).toMatch(/GS01 must be HP/);
    for (const m of messages) expect(m).not.toMatch(/DOE|JANE|ROE|RICHARD|CLM-10|SUBSCR|MEMQC|Smith|PCN/);
  });

  it('imports envelope mismatches and unreadable detail segments with warnings that never quote the file', () => {
    const good = file('~', '\n');
    const variants: Array<[string, RegExp]> = [
      [good.replace('SE*43*0001', 'SE*42*0001'), /SE segment \d+ counts 42 segments; the transaction set has 43: envelope count mismatch/],
      [good.replace('GE*1*77', 'GE*2*77'), /counts 2 transaction sets/],
      [good.replace('IEA*1*000000123', 'IEA*1*000000124'), /ISA13/],
      [good.replace('CLP*CLM-1002*4*150', 'CLP*CLM-1002*4*1S0'), /billed amount is not a number\. The claim was kept without it/],
      [good.replace('DTM*232*20261101', 'DTM*232*20261341'), /DTM segment \d+: the date does not exist\. The segment was skipped/],
      [good.replace('CAS*CO*50*150~\nNM1', 'CAS*ZZ*50*150~\nNM1'), /CAS segment \d+: the claim adjustment group code/],
    ];
    for (const [text, warning] of variants) {
      const [r, ...more] = parse835(text);
      expect(more).toHaveLength(0);
      expect(r!.warnings.some((w) => warning.test(w))).toBe(true);
      for (const w of r!.warnings) expect(w).not.toMatch(/DOE|JANE|ROE|RICHARD|CLM-10|SUBSCR|MEMQC|PCN/);
    }
  });

  it('recognises 835 content, not names', () => {
    expect(looks835(Buffer.from(file()))).toBe(true);
    expect(looks835(Buffer.from(file().replace('ST*835', 'ST*837')))).toBe(false);
    expect(looks835(Buffer.from('ST*835*0001~BPR*I'))).toBe(true);
    expect(looks835(Buffer.from('%PDF-1.7'))).toBe(false);
  });
});

const CORPUS = path.join(corporaDir(), 'x12-835');
describe.skipIf(!fs.existsSync(CORPUS))('835 sample corpus (open-source parsers)', () => {
  const read = (f: string) => fs.readFileSync(path.join(CORPUS, f), 'utf8');
  it('reads the well-formed samples', () => {
    const emedny = parse835(read('affect-therapeutics_edi-835-parser/emedny_sample.txt'));
    expect(emedny[0]).toMatchObject({ payerName: 'NYSDOH', payeeNpi: '9999999995', paymentAmount: 45.75, productionDate: '2010-01-01' });
    expect(emedny[0]!.claims).toHaveLength(3);
    const uhc = parse835(read('keironstoddart_edi-835-parser/united_healthcare_legacy_sample.txt'));
    expect(uhc[0]).toMatchObject({ payerId: '87726', paymentAmount: 349.99, checkNumber: '1234567890' });
    const mult = parse835(read('azoner_pyx12/835_mult_loops.txt'));
    expect(mult[0]!.claims[0]!.lines.map((l) => [l.code, l.units, l.serviceDate, l.rarc])).toEqual([
      ['T1005', 68, '2003-11-29', ['N14']],
      ['T1005', 16, '2003-10-30', ['N14']],
      ['T1005', 36, '2003-10-31', ['N14']],
    ]);
    const exhaustive = parse835(read('affect-therapeutics_edi-835-parser/exhaustive_sample.txt'));
    expect(exhaustive[0]!.providerAdjustments).toHaveLength(6);
  });
  it('reads the samples whose envelopes are inconsistent, with a warning saying why', () => {
    // These samples were edited by hand upstream: their SE counts / IEA control numbers no longer add up.
    const warned = (f: string, why: RegExp) => {
      const got = parse835Report(read(f));
      expect(got.remittances.length).toBeGreaterThan(0);
      expect(got.warnings.some((w) => why.test(w))).toBe(true);
      expect(got.remittances.some((r) => r.warnings.some((w) => why.test(w)))).toBe(true);
    };
    warned('affect-therapeutics_edi-835-parser/blue_cross_nc_sample.txt', /segment count|counts \d+ segments/);
    warned('affect-therapeutics_edi-835-parser/sample_835.txt', /counts \d+ segments/);
    warned('affect-therapeutics_edi-835-parser/nevada_medicaid.txt', /ISA13/);
    warned('affect-therapeutics_edi-835-parser/sample_835_with_interests.txt', /no segment identifier/);
    // What disputes need: SVC06 (the procedure as billed when the payer recoded it) and REF*6R line control numbers.
    const bc = parse835(read('affect-therapeutics_edi-835-parser/blue_cross_nc_sample.txt'))[0]!.claims[0]!;
    expect(bc.lines.map((l) => [l.code, l.billedCode ?? null, l.controlNumber ?? null])).toEqual([
      ['59430', '59410', '0001'],
      ['59440', '59410', '0002'],
      ['59426', null, '0003'],
    ]);
    const nv = parse835(read('affect-therapeutics_edi-835-parser/nevada_medicaid.txt'))[0]!.claims[0]!;
    expect(nv).toMatchObject({ filingIndicator: 'MC', serviceStart: '2018-03-14', serviceEnd: '2018-03-17' });
    expect(Object.keys(nv.refs)).toEqual(['EA']);
  });
});
