import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migration';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { Store } from '../../../electron/core/db/store';
import { newKey, tmpDir } from '../../support/tmp';

const AT = MIGRATIONS.findIndex((m) => m.name === '0014_remittance_warnings');

describe('migration 0014_remittance_warnings', () => {
  it('adds warnings to remittances and dispute details to remit claims and lines, empty on old rows', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'm.ntk');
    const { keys } = newKey(dir);
    const before = Store.open({ path: dbPath, keys, create: true, migrations: MIGRATIONS.slice(0, AT) });
    before.db.prepare("INSERT INTO remittance (id, source_system, source_id, check_number) VALUES (1, 'x12-835', 'P|Q|T1', 'T1')").run();
    before.db.prepare("INSERT INTO remit_claim (id, remittance_id, seq, claim_number) VALUES (1, 1, 1, 'C1')").run();
    before.db.prepare("INSERT INTO remit_line (remit_claim_id, line_no, code) VALUES (1, 1, '99214')").run();
    before.close();

    const store = Store.open({ path: dbPath, keys, migrations: MIGRATIONS.slice(0, AT) });
    expect(migrate(store.db, MIGRATIONS, MIGRATIONS[AT]!.version)).toBe(MIGRATIONS[AT]!.version);
    expect(store.db.prepare('SELECT check_number, warnings_json FROM remittance').get()).toEqual({ check_number: 'T1', warnings_json: '[]' });
    expect(store.db.prepare('SELECT filing_indicator, facility_type, frequency, refs_json FROM remit_claim').get()).toEqual({ filing_indicator: null, facility_type: null, frequency: null, refs_json: '{}' });
    expect(store.db.prepare('SELECT code, billed_code_system, billed_code, billed_modifiers_json, control_number FROM remit_line').get()).toEqual({
      code: '99214', billed_code_system: null, billed_code: null, billed_modifiers_json: '[]', control_number: null,
    });
    // run again (a store set back to an earlier version): nothing fails, nothing changes
    store.db.pragma(`user_version = ${MIGRATIONS[AT]!.version - 1}`);
    expect(migrate(store.db, MIGRATIONS, MIGRATIONS[AT]!.version)).toBe(MIGRATIONS[AT]!.version);
    store.close();
  });
});
