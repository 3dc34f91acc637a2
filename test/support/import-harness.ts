import fs from 'node:fs';
import path from 'node:path';
import { createImporters } from '../../electron/core/ingest/importers';
import { importPaths } from '../../electron/core/ingest/pipeline';
import { testBackend } from './backend';
import { tmpDir } from './tmp';

/** A real encrypted store and the app's import pipeline, with files written to a scratch folder. */
export function importHarness() {
  const t = testBackend();
  const db = t.backend.store.db;
  const dir = tmpDir();
  return {
    t,
    db,
    /** Writes a file into the scratch folder and returns its path. */
    file(name: string, content: string | Buffer): string {
      const p = path.join(dir, name);
      fs.writeFileSync(p, content);
      return p;
    },
    /** Writes a FHIR collection bundle of the given resources. */
    bundle(name: string, resources: object[]): string {
      return this.file(name, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) }));
    },
    run: (...paths: string[]) => importPaths({ db, audit: t.backend.audit }, paths, { importers: createImporters(), actor: { username: 'cli:test', role: 'admin' } }),
    count: (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
  };
}
