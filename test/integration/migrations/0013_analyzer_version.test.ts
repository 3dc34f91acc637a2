import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migration';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { Store } from '../../../electron/core/db/store';
import { newKey, tmpDir } from '../../support/tmp';

const AT = MIGRATIONS.findIndex((m) => m.name === '0013_analyzer_version');

describe('migration 0013_analyzer_version', () => {
  it('adds the analyzer stamp and analysis inputs to documents (NULL on old rows: re-analysed once) and contacts to patients', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'm.ntk');
    const { keys } = newKey(dir);
    const before = Store.open({ path: dbPath, keys, create: true, migrations: MIGRATIONS.slice(0, AT) });
    before.db.prepare("INSERT INTO patient (id, source_system, source_id, family_name) VALUES (1, 't', 'p1', 'Doe')").run();
    before.db.prepare("INSERT INTO document (patient_id, source_system, source_id, text, format, analysis_version) VALUES (1, 't', 'd1', 'Seen.', 'text', 1)").run();
    before.close();

    const store = Store.open({ path: dbPath, keys, migrations: MIGRATIONS.slice(0, AT) });
    expect(migrate(store.db, MIGRATIONS, MIGRATIONS[AT]!.version)).toBe(MIGRATIONS[AT]!.version);
    expect(store.db.prepare('SELECT analyzer_version, known_sha, codes_json, source_sections, analysis_version FROM document').get()).toEqual({
      analyzer_version: null,
      known_sha: null,
      codes_json: null,
      source_sections: null,
      analysis_version: 1,
    });
    expect(store.db.prepare('SELECT contacts_json FROM patient').get()).toEqual({ contacts_json: '[]' });
    // run again (a store set back to an earlier version): nothing fails, nothing changes
    store.db.pragma(`user_version = ${MIGRATIONS[AT]!.version - 1}`);
    expect(migrate(store.db, MIGRATIONS, MIGRATIONS[AT]!.version)).toBe(MIGRATIONS[AT]!.version);
    store.close();
  });
});
