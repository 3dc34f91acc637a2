import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestBackend } from '../../support/backend';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { createImporters } from '../../../electron/core/ingest/importers';
import { importPaths } from '../../../electron/core/ingest/pipeline';
import { testBackend } from '../../support/backend';
import { ccdaDocument } from '../../support/ingest-fixtures';
import { tmpDir } from '../../support/tmp';

const TABLES = ['patient', 'encounter', 'document', 'condition', 'medication', 'observation'];
const counts = (t: TestBackend) => Object.fromEntries(TABLES.map((n) => [n, (t.backend.store.db.prepare(`SELECT count(*) AS n FROM ${n}`).get() as { n: number }).n]));
const run = async (t: TestBackend, paths: string[]) => {
  const s = await importPaths({ db: t.backend.store.db, audit: t.backend.audit }, paths, { importers: createImporters(), actor: { username: 'cli:test', role: 'admin' } });
  expect(s.rejected).toEqual([]);
};

describe('migration 0010_patient_scoped_keys (9 -> 10)', () => {
  it('rekeys C-CDA and text-note rows written before keys were scoped by patient, so a re-import updates them', async () => {
    const dir = tmpDir();
    const files = [path.join(dir, 'a.xml'), path.join(dir, 'notes.csv')];
    fs.writeFileSync(files[0]!, ccdaDocument({ docId: 'DOC-A' }));
    fs.writeFileSync(files[1]!, 'patient_id,visit_id,note\nP-1,V-1,HPI: cough.\nP-2,V-2,HPI: rash.\n');
    let t = testBackend();
    await run(t, files);
    const imported = counts(t);
    const keys = () => t.backend.store.db.prepare("SELECT 'e' AS t, source_id FROM encounter UNION ALL SELECT 'd', source_id FROM document UNION ALL SELECT 'c', source_id FROM condition ORDER BY 1, 2").all();
    const newKeys = keys();

    // The store as the previous version wrote it: keys without the patient prefix, schema version 9.
    const db = t.backend.store.db;
    for (const table of ['encounter', 'document', 'condition', 'procedure_done', 'medication', 'observation']) {
      db.prepare(`UPDATE ${table} SET source_id = substr(source_id, instr(source_id, '|') + 1) WHERE source_system = 'ccda' AND source_id LIKE 'patient:%|%'`).run();
    }
    db.prepare("UPDATE document SET source_id = 'note:' || substr(source_id, instr(source_id, '|') + 1) WHERE source_system = 'text' AND source_id LIKE 'note:patient:%|%'").run();
    db.prepare("UPDATE encounter SET source_id = substr(source_id, instr(source_id, '|') + 1) WHERE source_system = 'text' AND source_id LIKE '%|encounter:%'").run();
    expect(keys()).not.toEqual(newKeys);
    db.pragma('user_version = 9');

    t = t.reopen(); // runs 0010
    expect(t.backend.store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(keys()).toEqual(newKeys);
    await run(t, files);
    expect(counts(t)).toEqual(imported);
    t.backend.close();
  });
});
