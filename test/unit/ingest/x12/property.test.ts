import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNtkError } from '../../../../electron/core/errors';
import { parse835 } from '../../../../electron/core/ingest/x12';
import { remittanceKey } from '../../../../electron/core/ingest/x12/parse-835';
import { write835, type Remit835, type Remit835Line } from '../../../support/x12-835';

const token = (max = 12) => fc.stringMatching(new RegExp(`^[A-Z0-9][A-Z0-9-]{0,${max - 1}}$`));
const name = fc.stringMatching(/^[A-Z][A-Z ]{0,10}[A-Z]$/);
const cents = (max = 1_000_000) => fc.integer({ min: 0, max }).map((n) => n / 100);
const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const npi = fc.stringMatching(/^\d{10}$/);
const adjustment = fc.record({
  groupCode: fc.constantFrom('CO', 'OA', 'PI', 'PR', 'CR'),
  carc: fc.stringMatching(/^[A-Z0-9]{1,3}$/),
  amount: cents(),
  quantity: fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }),
});
const line: fc.Arbitrary<Remit835Line> = fc.record({
  qualifier: fc.constantFrom('HC', 'NU', 'AD', 'N4'),
  code: fc.stringMatching(/^[A-Z0-9]{4,5}$/),
  modifiers: fc.array(fc.stringMatching(/^[A-Z0-9]{2}$/), { maxLength: 4 }),
  billed: cents(),
  paid: cents(),
  units: fc.integer({ min: 1, max: 999 }),
  serviceDate: fc.option(day, { nil: null }),
  adjustments: fc.array(adjustment, { maxLength: 3 }),
  rarc: fc.array(fc.stringMatching(/^[MN][A-Z]?\d{1,3}$/), { maxLength: 2 }),
  allowed: fc.option(cents(), { nil: null }),
});
const claim = fc.record({
  claimNumber: token(),
  statusCode: fc.constantFrom('1', '2', '3', '4', '19', '22'),
  billed: cents(),
  paid: cents(),
  patientResp: fc.option(cents(), { nil: null }),
  payerClaimControl: fc.option(token(14), { nil: null }),
  patientFamily: name,
  patientGiven: name,
  memberId: fc.option(token(), { nil: null }),
  renderingNpi: fc.option(npi, { nil: null }),
  serviceStart: fc.option(day, { nil: null }),
  serviceEnd: fc.option(day, { nil: null }),
  receivedAt: fc.option(day, { nil: null }),
  moaRemarks: fc.array(fc.stringMatching(/^(MA|N)\d{2,3}$/), { maxLength: 3 }),
  adjustments: fc.array(adjustment, { maxLength: 2 }),
  lines: fc.array(line, { maxLength: 4 }),
});
const remit = (control: string): fc.Arbitrary<Remit835> =>
  fc.record({
    transactionControl: fc.constant(control),
    payerName: name,
    payerId: fc.option(token(), { nil: null }),
    payeeName: name,
    payeeNpi: fc.option(npi, { nil: null }),
    // Unique per payment between a payer and a payee (TRN02); the suffix keeps the file's payments distinct.
    checkNumber: token().map((t) => `${t}${control}`),
    paymentAmount: cents(),
    paymentDate: fc.option(day, { nil: null }),
    productionDate: fc.option(day, { nil: null }),
    claims: fc.array(claim, { maxLength: 4 }),
    plb: fc.array(fc.record({ reason: fc.constantFrom('WO', 'L6', 'FB', 'CS'), reference: fc.option(token(), { nil: null }), amount: cents().map((n) => (n === 0 ? 0 : -n)) }), { maxLength: 6 }),
  });
const delimiters = fc.constantFrom(
  { element: '*', component: ':', repetition: '^', segment: '~' },
  { element: '*', component: '>', repetition: '^', segment: '~' },
  { element: '|', component: '!', repetition: '^', segment: '\n' },
  { element: '^', component: '\\', repetition: '{', segment: "'" },
);
const doc = fc.record({
  remits: fc.array(fc.nat(9999), { minLength: 1, maxLength: 3 }).chain((ns) => fc.tuple(...ns.map((n, i) => remit(String(1000 + i))))),
  delimiters,
  newline: fc.constantFrom('', '\n', '\r\n'),
  interchange: fc.integer({ min: 1, max: 999_999_999 }).map(String),
});

describe('835 property tests', () => {
  it('generated valid 835s round-trip through the parser', () => {
    fc.assert(
      fc.property(doc, ({ remits, delimiters: d, newline, interchange }) => {
        const text = write835(remits, { ...d, newline: d.segment === '\n' ? '' : newline, interchangeControl: interchange });
        const parsed = parse835(text);
        expect(parsed).toHaveLength(remits.length);
        parsed.forEach((p, i) => {
          const r = remits[i]!;
          expect(p.sourceId).toBe(remittanceKey(r.payerId ?? r.payerName, r.payeeNpi ?? r.payeeName, r.checkNumber));
          expect(p).toMatchObject({ payerName: r.payerName, payeeName: r.payeeName, paymentAmount: r.paymentAmount, paymentDate: r.paymentDate, productionDate: r.productionDate, checkNumber: r.checkNumber });
          expect(p.payerId ?? null).toBe(r.payerId);
          expect(p.payeeNpi ?? null).toBe(r.payeeNpi);
          expect(p.providerAdjustments.map((a) => [a.reason, a.reference, a.amount])).toEqual(r.plb.map((a) => [a.reason, a.reference, a.amount]));
          expect(p.claims).toHaveLength(r.claims.length);
          p.claims.forEach((pc, j) => {
            const c = r.claims[j]!;
            expect(pc).toMatchObject({
              claimNumber: c.claimNumber,
              statusCode: c.statusCode,
              billed: c.billed,
              paid: c.paid,
              patientResp: c.patientResp,
              payerClaimControl: c.payerClaimControl,
              patientName: `${c.patientFamily}, ${c.patientGiven}`,
              rarc: c.moaRemarks,
              adjustments: c.adjustments,
            });
            expect(pc.memberId ?? null).toBe(c.memberId);
            expect(pc.renderingNpi ?? null).toBe(c.renderingNpi);
            expect([pc.serviceStart ?? null, pc.serviceEnd ?? null, pc.receivedAt ?? null]).toEqual([c.serviceStart, c.serviceEnd, c.receivedAt]);
            expect(pc.lines).toEqual(
              c.lines.map((l, k) => ({
                lineNo: k + 1,
                codeSystem: l.qualifier,
                code: l.code,
                modifiers: l.modifiers,
                billed: l.billed,
                paid: l.paid,
                units: l.units,
                serviceDate: l.serviceDate,
                rarc: l.rarc,
                adjustments: l.adjustments,
                amounts: l.allowed === null ? {} : { B6: l.allowed },
              })),
            );
          });
        });
      }),
      { numRuns: 120 },
    );
  }, 90_000);

  it('random damage to a valid 835 never throws anything but BAD_INPUT', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.string({ unit: fc.constantFrom('*', '~', ':', '^', '\n', 'A', '9', '.', '-', ' ', 'SE', 'CLP', 'ISA', '\u0000', 'é'), maxLength: 6 }) }),
      fc.record({ kind: fc.constant('swap' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), ch: fc.string({ minLength: 1, maxLength: 1 }) }),
      fc.record({ kind: fc.constant('dupSegment' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
    );
    fc.assert(
      fc.property(doc, fc.array(mutation, { minLength: 1, maxLength: 4 }), ({ remits, delimiters: d, newline }, muts) => {
        let text = write835(remits, { ...d, newline: d.segment === '\n' ? '' : newline });
        for (const m of muts) {
          const i = Math.floor(m.at * text.length);
          if (m.kind === 'truncate') text = text.slice(0, i);
          else if (m.kind === 'delete') text = text.slice(0, i) + text.slice(i + m.len);
          else if (m.kind === 'insert') text = text.slice(0, i) + m.text + text.slice(i);
          else if (m.kind === 'swap') text = text.slice(0, i) + m.ch + text.slice(i + 1);
          else {
            const segs = text.split(d.segment);
            const k = Math.floor(m.at * segs.length);
            segs.splice(k, 0, segs[k] ?? '');
            text = segs.join(d.segment);
          }
        }
        try {
          parse835(text);
        } catch (e) {
          if (!(isNtkError(e) && e.code === 'BAD_INPUT')) throw e;
        }
      }),
      { numRuns: 200 },
    );
  }, 90_000);
});
