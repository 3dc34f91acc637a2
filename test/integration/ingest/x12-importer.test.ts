import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { Store } from '../../../electron/core/db/store';
import { isNtkError } from '../../../electron/core/errors';
import type { ImportFile } from '../../../electron/core/ingest/importer';
import { createImporters } from '../../../electron/core/ingest/importers';
import { importPaths } from '../../../electron/core/ingest/pipeline';
import { x12Importer } from '../../../electron/core/ingest/x12';
import { testBackend } from '../../support/backend';
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

describe('tolerant 835 import through the pipeline', () => {
  const actor = { username: 'cli:test', role: 'admin' };
  const DISPUTE: Remit835 = {
    ...REMIT,
    claims: [
      {
        ...REMIT.claims[0]!,
        filingIndicator: 'CI', facilityType: '13', frequency: '7',
        refs: { '1K': 'PAYERCLM77', EA: 'MRN-5521', SY: '123456789', F8: 'ORIG-1' },
        lines: [{ ...REMIT.claims[0]!.lines[0]!, code: '99213', billedAs: { qualifier: 'HC', code: '99215', modifiers: ['25'] }, controlNumber: 'LINE-0001' }],
      },
      REMIT.claims[1]!,
    ],
  };

  it('an envelope mismatch imports, with the warning on the file result and stored on the remittance; dispute details are stored', async () => {
    const t = testBackend();
    const db = t.backend.store.db;
    const dir = tmpDir();
    const damaged = path.join(dir, 'era-damaged.835');
    const clean = path.join(dir, 'era-clean.835');
    fs.writeFileSync(damaged, write835([DISPUTE], { damage: { seCount: 12, ieaControl: '000000999' } }));
    fs.writeFileSync(clean, write835([{ ...REMIT, checkNumber: 'CHK-CLEAN' }]));
    const summary = await importPaths({ db, audit: t.backend.audit }, [damaged, clean], { importers: createImporters(), actor });
    expect(summary).toMatchObject({ files: 2, imported: 2, rejected: [] });
    const byFile = Object.fromEntries(summary.results.map((r) => [r.file, r.warnings ?? []]));
    expect(byFile['era-damaged.835']!.join('\n')).toMatch(/counts 12 segments.*envelope count mismatch: verify against the payer's EOB/s);
    expect(byFile['era-damaged.835']!.join('\n')).toMatch(/ISA13/);
    expect(byFile['era-clean.835']).toEqual([]);

    const rows = db.prepare('SELECT check_number, warnings_json FROM remittance ORDER BY check_number').all() as Array<{ check_number: string; warnings_json: string }>;
    expect(rows.map((r) => [r.check_number, JSON.parse(r.warnings_json).length > 0])).toEqual([['CHK-CLEAN', false], ['EFT0042', true]]);
    const stored = JSON.parse(rows[1]!.warnings_json) as string[];
    expect(stored.some((w) => /envelope count mismatch/.test(w)) && stored.some((w) => /ISA13/.test(w))).toBe(true);
    expect(rows[1]!.warnings_json).not.toMatch(/DOE|JANE|CLM-|PCN|MRN|PAYERCLM/);

    const claim = db.prepare("SELECT filing_indicator, facility_type, frequency, refs_json FROM remit_claim WHERE claim_number = 'CLM-1' AND refs_json != '{}'").get() as Record<string, string | undefined>;
    expect(claim).toMatchObject({ filing_indicator: 'CI', facility_type: '13', frequency: '7' });
    expect(JSON.parse(claim.refs_json!)).toEqual({ '1K': 'PAYERCLM77', EA: 'MRN-5521', F8: 'ORIG-1' }); // no social security number
    const line = db.prepare("SELECT code, billed_code_system, billed_code, billed_modifiers_json, control_number FROM remit_line WHERE control_number IS NOT NULL").get();
    expect(line).toEqual({ code: '99213', billed_code_system: 'HC', billed_code: '99215', billed_modifiers_json: '["25"]', control_number: 'LINE-0001' });
    t.backend.close();
  });

  it('a truncated file imports its complete transaction set and reports the rest; a file that is not X12 is still refused', async () => {
    const t = testBackend();
    const db = t.backend.store.db;
    const dir = tmpDir();
    const text = write835([REMIT, { ...REMIT, transactionControl: '0002', checkNumber: 'CHK9' }]);
    const cut = text.indexOf('CLP*', text.indexOf('ST*835*0002'));
    fs.writeFileSync(path.join(dir, 'cut.835'), text.slice(0, cut + 10));
    fs.writeFileSync(path.join(dir, 'letter.835'), 'ISA*00*Re: ST*835*0001 payment, see the letter attached.\n'); // looks like an 835, is not X12
    const summary = await importPaths({ db, audit: t.backend.audit }, [dir], { importers: createImporters(), actor });
    expect(summary.imported).toBe(1);
    expect(summary.rejected).toEqual([{ file: 'letter.835', code: 'BAD_INPUT', reason: expect.stringMatching(/interchange header \(ISA\)/) }]);
    const cutResult = summary.results.find((r) => r.file === 'cut.835')!;
    expect(cutResult.warnings!.join('\n')).toMatch(/no trailer \(SE\).*not imported/s);
    expect(db.prepare('SELECT check_number FROM remittance').all()).toEqual([{ check_number: 'EFT0042' }]);
    t.backend.close();
  });
});
