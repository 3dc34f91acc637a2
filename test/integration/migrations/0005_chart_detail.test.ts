import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migration';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { Store } from '../../../electron/core/db/store';
import { newKey, tmpDir } from '../../support/tmp';

describe('migration 0005_chart_detail (4 -> 5)', () => {
  it('keeps version-4 charts and adds detail columns with safe defaults', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'm.ntk');
    const { keys } = newKey(dir);
    const v4 = Store.open({ path: dbPath, keys, create: true, migrations: MIGRATIONS.slice(0, 4) });
    const p = v4.db.prepare("INSERT INTO patient(source_system, source_id, mrn) VALUES ('s', 'p1', 'MRN1')").run().lastInsertRowid;
    v4.db.prepare("INSERT INTO encounter(patient_id, source_system, source_id) VALUES (?, 's', 'e1')").run(p);
    v4.db.prepare("INSERT INTO document(patient_id, source_system, source_id) VALUES (?, 's', 'd1')").run(p);
    v4.close();

    const store = Store.open({ path: dbPath, keys, migrations: MIGRATIONS.slice(0, 4) });
    expect(migrate(store.db, MIGRATIONS, 5)).toBe(5);
    expect(store.db.prepare('SELECT mrn, flags_json FROM patient').get()).toEqual({ mrn: 'MRN1', flags_json: '[]' });
    expect(store.db.prepare('SELECT coding_status FROM encounter').get()).toEqual({ coding_status: 'open' });
    expect(store.db.prepare('SELECT identifiers_json, analysis_version, needs_review FROM document').get()).toEqual({ identifiers_json: '[]', analysis_version: 0, needs_review: 0 });
    // Sections go with their document.
    store.db.prepare("INSERT INTO section(document_id, ordinal, start, end, body_start, loinc, title) VALUES (1, 0, 0, 1, 0, 'unknown', '')").run();
    store.db.prepare('DELETE FROM document').run();
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM section').get()).toEqual({ n: 0 });
    store.close();
  });
});
