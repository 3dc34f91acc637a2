import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { Store } from '../../../electron/core/db/store';
import { isNtkError } from '../../../electron/core/errors';
import type { ImportFile } from '../../../electron/core/ingest/importer';
import { x12Importer } from '../../../electron/core/ingest/x12';
import { newKey, tmpDir } from '../../support/tmp';
import { write835, type Remit835 } from '../../support/x12-835';

function openStore(): Store {
  const dir = tmpDir();
  return Store.open({ path: path.join(dir, 's.ntk'), keys: newKey(dir).keys, create: true });
}

const asFile = (text: string): ImportFile => {
  const bytes = Buffer.from(text);
  return { name: 'era.835', bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
};

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
      serviceStart: '2026-11-01', serviceEnd: null, receivedAt: '2026-11-05', moaRemarks: ['MA01'],
      adjustments: [],
      lines: [{ qualifier: 'HC', code: '99214', modifiers: ['25'], billed: 200, paid: 120, units: 1, serviceDate: '2026-11-01', rarc: ['N381'], allowed: 150,
        adjustments: [{ groupCode: 'CO', carc: '45', amount: 50 }, { groupCode: 'PR', carc: '2', amount: 30 }] }],
    },
    {
      claimNumber: 'CLM-2', statusCode: '4', billed: 80, paid: 0, patientResp: 0, payerClaimControl: 'PCN2',
      patientFamily: 'ROE', patientGiven: 'RICHARD', memberId: null, renderingNpi: null,
      serviceStart: null, serviceEnd: null, receivedAt: null, moaRemarks: [],
      adjustments: [{ groupCode: 'CO', carc: '50', amount: 80 }],
      lines: [],
    },
  ],
};

describe('X12 835 importer into an encrypted store', () => {
  it('writes remittances with claims, lines and adjustments, matched to stored claims, and re-import updates in place', async () => {
    const store = openStore();
    const writer = new ChartWriter(store.db);
    const p = writer.patient({ sourceSystem: 't', sourceId: 'p1' });
    const claimId = writer.claim({ sourceSystem: 't', sourceId: 'c1', patientId: p, claimNumber: 'CLM-1', lines: [] });

    const file = asFile(write835([REMIT, { ...REMIT, transactionControl: '0002', checkNumber: 'CHK9', claims: [] }], { component: '>', newline: '\r\n' }));
    expect(x12Importer.detect(file)).toBe(true);
    const parsed = await x12Importer.parse(file, {});
    store.db.transaction(() => x12Importer.write(parsed, writer, file))();
    store.db.transaction(() => x12Importer.write(parsed, writer, file))();

    const remits = store.db.prepare('SELECT source_system, source_id, payer_name, payer_id, payee_npi, check_number, payment_amount, payment_date, production_date, file_sha256 FROM remittance ORDER BY id').all();
    expect(remits).toEqual([
      { source_system: 'x12-835', source_id: 'ACME01|1234567893|EFT0042', payer_name: 'ACME HEALTH PLAN', payer_id: 'ACME01', payee_npi: '1234567893', check_number: 'EFT0042', payment_amount: 120, payment_date: '2026-11-20', production_date: '2026-11-18', file_sha256: file.sha256 },
      expect.objectContaining({ source_id: 'ACME01|1234567893|CHK9' }),
    ]);
    const claims = store.db.prepare('SELECT claim_number, claim_id, patient_id, status_code, billed, paid, patient_resp, payer_claim_control, rarc_json FROM remit_claim ORDER BY seq').all();
    expect(claims).toEqual([
      { claim_number: 'CLM-1', claim_id: claimId, patient_id: p, status_code: '1', billed: 200, paid: 120, patient_resp: 30, payer_claim_control: 'PCN1', rarc_json: '["MA01"]' },
      { claim_number: 'CLM-2', claim_id: null, patient_id: null, status_code: '4', billed: 80, paid: 0, patient_resp: 0, payer_claim_control: 'PCN2', rarc_json: '[]' },
    ]);
    const lines = store.db.prepare('SELECT code_system, code, modifiers_json, billed, paid, units, service_date, rarc_json FROM remit_line').all();
    expect(lines).toEqual([{ code_system: 'HC', code: '99214', modifiers_json: '["25"]', billed: 200, paid: 120, units: 1, service_date: '2026-11-01', rarc_json: '["N381"]' }]);
    const adj = store.db.prepare('SELECT group_code, carc, amount, remit_line_id IS NOT NULL AS on_line FROM remit_adjustment ORDER BY id').all();
    expect(adj).toEqual([
      { group_code: 'CO', carc: '45', amount: 50, on_line: 1 },
      { group_code: 'PR', carc: '2', amount: 30, on_line: 1 },
      { group_code: 'CO', carc: '50', amount: 80, on_line: 0 },
    ]);
    store.close();
  });

  it('the same payment re-sent in a new envelope updates the stored remittance; two payments with one trace number in a file are refused', async () => {
    const store = openStore();
    const writer = new ChartWriter(store.db);
    const first = asFile(write835([REMIT], { interchangeControl: '000000905', groupControl: '905' }));
    const resent = asFile(write835([{ ...REMIT, transactionControl: '7777' }], { interchangeControl: '000001234', groupControl: '1234' }));
    for (const f of [first, resent]) {
      const parsed = await x12Importer.parse(f, {});
      store.db.transaction(() => x12Importer.write(parsed, writer, f))();
    }
    expect(store.db.prepare('SELECT count(*) AS n, sum(payment_amount) AS paid FROM remittance').get()).toEqual({ n: 1, paid: 120 });
    expect(store.db.prepare('SELECT count(*) AS n FROM remit_claim').get()).toEqual({ n: REMIT.claims.length });

    const twice = asFile(write835([REMIT, { ...REMIT, transactionControl: '0002' }]));
    await expect(x12Importer.parse(twice, {})).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/same trace number/) });
    store.close();
  });

  it('a damaged file is BAD_INPUT at parse and writes nothing', async () => {
    const text = write835([REMIT]);
    const file = asFile(text.slice(0, text.indexOf('SE*')));
    const err = await x12Importer.parse(file, {}).then(() => null, (e: unknown) => e);
    expect(isNtkError(err) && err.code).toBe('BAD_INPUT');
    expect((err as Error).message).not.toMatch(/DOE|ROE|CLM-|PCN/);
    const binary = asFile('ISA*00*\u0000\u0001');
    await expect(x12Importer.parse(binary, {})).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
