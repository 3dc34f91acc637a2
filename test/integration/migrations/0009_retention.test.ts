import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migration';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { Store } from '../../../electron/core/db/store';
import { newKey, tmpDir } from '../../support/tmp';

describe('migration 0009_retention (8 -> 9)', () => {
  it('keeps charts, adds purge marks and a default 30-day policy that refuses nonsense', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'm.ntk');
    const { keys } = newKey(dir);
    const v8 = Store.open({ path: dbPath, keys, create: true, migrations: MIGRATIONS.slice(0, 8) });
    const p = v8.db.prepare("INSERT INTO patient(source_system, source_id, mrn, family_name) VALUES ('s', 'p1', 'MRN1', 'Keep')").run().lastInsertRowid;
    v8.db.prepare("INSERT INTO document(patient_id, source_system, source_id, text) VALUES (?, 's', 'd1', 'note')").run(p);
    v8.close();

    const store = Store.open({ path: dbPath, keys, migrations: MIGRATIONS.slice(0, 8) });
    expect(migrate(store.db, MIGRATIONS, 9)).toBe(9);
    expect(store.db.prepare('SELECT mrn, family_name, purged_at FROM patient').get()).toEqual({ mrn: 'MRN1', family_name: 'Keep', purged_at: null });
    expect(store.db.prepare('SELECT text, purged_at FROM document').get()).toEqual({ text: 'note', purged_at: null });
    expect(store.db.prepare('SELECT id, idle_days, purge_on_close FROM retention_policy').all()).toEqual([{ id: 1, idle_days: 30, purge_on_close: 1 }]);
    expect(() => store.db.prepare('UPDATE retention_policy SET idle_days = 0').run()).toThrow(/CHECK/);
    expect(() => store.db.prepare('INSERT INTO retention_policy (id) VALUES (2)').run()).toThrow(/CHECK/);
    store.close();
  });
});
