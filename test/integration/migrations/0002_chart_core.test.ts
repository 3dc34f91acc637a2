import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../electron/core/db/store';
import { migrate } from '../../../electron/core/db/migration';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { newKey, tmpDir } from '../../support/tmp';

describe('migration 0002_chart_core (1 -> 2)', () => {
  it('keeps version-1 rows and adds the patient -> encounter -> document tables with cascades', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'm.ntk');
    const { keys } = newKey(dir);
    const v1 = Store.open({ path: dbPath, keys, create: true, migrations: MIGRATIONS.slice(0, 1) });
    v1.db.prepare("INSERT INTO meta(key, value) VALUES ('fixture', 'from-v1')").run();
    const storeId = v1.meta('store_id');
    v1.close();

    const store = Store.open({ path: dbPath, keys, migrations: MIGRATIONS.slice(0, 1) });
    expect(migrate(store.db, MIGRATIONS, 2)).toBe(2);
    expect(store.meta('fixture')).toBe('from-v1');
    expect(store.meta('store_id')).toBe(storeId);

    const db = store.db;
    const p = db.prepare("INSERT INTO patient(source_system, source_id, mrn) VALUES ('synthea', 'p1', 'MRN1')").run().lastInsertRowid;
    const e = db
      .prepare("INSERT INTO encounter(patient_id, source_system, source_id, class_code) VALUES (?, 'synthea', 'e1', 'IMP')")
      .run(p).lastInsertRowid;
    db.prepare("INSERT INTO document(patient_id, encounter_id, source_system, source_id) VALUES (?, ?, 'synthea', 'd1')").run(p, e);
    // Re-importing the same source id must not duplicate.
    expect(() => db.prepare("INSERT INTO patient(source_system, source_id) VALUES ('synthea', 'p1')").run()).toThrow(/UNIQUE/);
    // Referential integrity is on.
    expect(() => db.prepare("INSERT INTO encounter(patient_id, source_system, source_id) VALUES (999, 's', 'x')").run()).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM patient WHERE id = ?').run(p);
    expect(store.status().counts).toEqual({ patients: 0, encounters: 0, documents: 0 });
    store.close();
  });
});
