import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migration';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { Store } from '../../../electron/core/db/store';
import { newKey, tmpDir } from '../../support/tmp';

describe('migration 0006_access (5 -> 6)', () => {
  it('keeps version-5 data and adds the access tables; requests and reviews cannot be deleted', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'm.ntk');
    const { keys } = newKey(dir);
    const v5 = Store.open({ path: dbPath, keys, create: true, migrations: MIGRATIONS.slice(0, 5) });
    const p = v5.db.prepare("INSERT INTO patient(source_system, source_id, mrn) VALUES ('s', 'p1', 'MRN1')").run().lastInsertRowid;
    v5.db.prepare("INSERT INTO app_user(username, display_name, role, password_hash, password_params, password_set_at) VALUES ('u', 'U', 'coder', 'h', 'p', 'now')").run();
    v5.close();

    const store = Store.open({ path: dbPath, keys, migrations: MIGRATIONS.slice(0, 5) });
    expect(migrate(store.db, MIGRATIONS, 6)).toBe(6);
    expect(store.db.prepare('SELECT mrn FROM patient').get()).toEqual({ mrn: 'MRN1' });
    const insert = store.db.prepare(
      `INSERT INTO access_request (kind, requester_id, requester_role, origin, patient_id, requested_scope_json, scope_json, purpose, justification, requested_minutes, status, created_at)
       VALUES ('request', 1, 'coder', 'manual', ?, '{}', '{}', 'inpatient_coding', 'x', 60, ?, 'now')`,
    );
    insert.run(p, 'pending');
    expect(() => insert.run(p, 'granted')).toThrow(/CHECK/);
    store.db.prepare("INSERT INTO break_glass_review (request_id, due_at) VALUES (1, 'later')").run();
    expect(() => store.db.prepare('DELETE FROM access_request').run()).toThrow(/kept/);
    expect(() => store.db.prepare('DELETE FROM break_glass_review').run()).toThrow(/kept/);
    store.close();
  });
});
