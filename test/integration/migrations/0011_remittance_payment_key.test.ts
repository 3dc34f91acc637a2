import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migration';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { Store } from '../../../electron/core/db/store';
import { remittanceKey } from '../../../electron/core/ingest/x12/parse-835';
import { newKey, tmpDir } from '../../support/tmp';

describe('migration 0011_remittance_payment_key (10 -> 11)', () => {
  it('keys 835 remittances by payment as the parser now does; a payment stored twice keeps both rows, the latest under the new key', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'm.ntk');
    const { keys } = newKey(dir);
    const v10 = Store.open({ path: dbPath, keys, create: true, migrations: MIGRATIONS.slice(0, 10) });
    const ins = v10.db.prepare("INSERT INTO remittance (source_system, source_id, payer_id, payer_name, payee_npi, payee_name, check_number) VALUES ('x12-835', ?, ?, ?, ?, ?, ?)");
    ins.run('000000905:905:0001:EFT1', 'ACME01', 'ACME HEALTH PLAN', '1234567893', 'CLINIC', 'EFT1');
    ins.run('000001234:1234:0009:EFT1', 'ACME01', 'ACME HEALTH PLAN', '1234567893', 'CLINIC', 'EFT1'); // the same payment, re-sent
    ins.run('000000906:906:0001:CHK7', null, 'SMALL PAYER', null, 'CLINIC', 'CHK7');
    v10.db.prepare("INSERT INTO remittance (source_system, source_id, check_number) VALUES ('fhir', 'ExplanationOfBenefit/e1', 'X')").run();
    v10.close();

    const store = Store.open({ path: dbPath, keys, migrations: MIGRATIONS.slice(0, 10) });
    expect(migrate(store.db, MIGRATIONS, 11)).toBe(11);
    expect(store.db.prepare('SELECT source_id FROM remittance ORDER BY id').all()).toEqual([
      { source_id: '000000905:905:0001:EFT1' },
      { source_id: remittanceKey('ACME01', '1234567893', 'EFT1') },
      { source_id: remittanceKey('SMALL PAYER', 'CLINIC', 'CHK7') },
      { source_id: 'ExplanationOfBenefit/e1' },
    ]);
    store.close();
  });
});
