import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migration';
import { m0007 } from '../../../electron/core/db/migrations/0007_queries';
import { Store } from '../../../electron/core/db/store';
import { migrationsThrough } from '../../support/migrations-through';
import { newKey, tmpDir } from '../../support/tmp';

describe('migration 0007_queries (6 -> 7)', () => {
  it('keeps version-6 charts and adds queries, their facts and user preferences', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'm.ntk');
    const { keys } = newKey(dir);
    const all = migrationsThrough(7, [m0007]);
    const v6 = Store.open({ path: dbPath, keys, create: true, migrations: all.slice(0, 6) });
    const p = v6.db.prepare("INSERT INTO patient(source_system, source_id, mrn) VALUES ('s', 'p1', 'MRN1')").run().lastInsertRowid;
    const e = v6.db.prepare("INSERT INTO encounter(patient_id, source_system, source_id) VALUES (?, 's', 'e1')").run(p).lastInsertRowid;
    const d = v6.db.prepare("INSERT INTO document(patient_id, encounter_id, source_system, source_id) VALUES (?, ?, 's', 'd1')").run(p, e).lastInsertRowid;
    const u = v6.db
      .prepare("INSERT INTO app_user(username, display_name, role, password_hash, password_params, password_set_at) VALUES ('c', 'C', 'coder', 'x', '{}', 't')")
      .run().lastInsertRowid;
    v6.close();

    const store = Store.open({ path: dbPath, keys, migrations: all.slice(0, 6) });
    expect(migrate(store.db, all, 7)).toBe(7);
    expect(store.db.prepare('SELECT coding_status FROM encounter').get()).toEqual({ coding_status: 'open' });
    const q = store.db
      .prepare("INSERT INTO coding_query(encounter_id, author_id, created_at, updated_at) VALUES (?, ?, 't', 't')")
      .run(e, u).lastInsertRowid;
    expect(store.db.prepare('SELECT status, options_json, export_count FROM coding_query').get()).toEqual({ status: 'draft', options_json: '[]', export_count: 0 });
    store.db.prepare("INSERT INTO coding_query_fact(query_id, ordinal, document_id, section_ordinal, start, end, text_sha256) VALUES (?, 0, ?, 0, 0, 5, 'h')").run(q, d);
    store.db.prepare("INSERT INTO user_pref(user_id, key, value) VALUES (?, 'k', 'v')").run(u);
    // Facts go with their document; queries with their encounter.
    store.db.prepare('DELETE FROM document').run();
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM coding_query_fact').get()).toEqual({ n: 0 });
    store.db.prepare('DELETE FROM encounter').run();
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM coding_query').get()).toEqual({ n: 0 });
    store.close();
  });
});
