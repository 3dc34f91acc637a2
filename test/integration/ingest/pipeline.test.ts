import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createImporters } from '../../../electron/core/ingest/importers';
import { importPaths, type ImportProgress } from '../../../electron/core/ingest/pipeline';
import { testBackend } from '../../support/backend';
import { fhirBundle } from '../../support/ingest-fixtures';
import { tmpDir } from '../../support/tmp';

const actor = { username: 'cli:test', role: 'admin' };

function setup() {
  const t = testBackend();
  const db = t.backend.store.db;
  const run = (paths: string[], extra: { onProgress?: (p: ImportProgress) => void; maxFileBytes?: number } = {}) =>
    importPaths({ db, audit: t.backend.audit }, paths, { importers: createImporters(), actor, ...extra });
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { t, db, run, count };
}

describe('import pipeline', () => {
  it('imports good files around a bad one, records every file without its name, and audits each', async () => {
    const s = setup();
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'a_Quillfeather.json'), JSON.stringify(fhirBundle()));
    fs.writeFileSync(path.join(dir, 'b_broken.json'), '{"resourceType":"Bundle","type":"transaction","entry":[');
    fs.writeFileSync(path.join(dir, 'c_other.json'), JSON.stringify(fhirBundle({ patientUuid: '99999999-2222-4333-8444-555555555555' })));
    const summary = await s.run([dir]);
    expect(summary).toMatchObject({ files: 3, imported: 2 });
    expect(summary.rejected).toEqual([{ file: 'b_broken.json', code: 'BAD_INPUT', reason: expect.stringMatching(/not valid JSON/) }]);
    expect(summary.counts.patient).toBe(2);
    expect(summary.skipped).toEqual({ CarePlan: 2 });
    expect(s.count('patient')).toBe(2);

    const files = s.db.prepare('SELECT * FROM ingest_file ORDER BY id').all() as Array<Record<string, unknown>>;
    expect(files.map((f) => [f.format, f.outcome, f.error_code])).toEqual([
      ['fhir', 'imported', null],
      ['fhir', 'rejected', 'BAD_INPUT'],
      ['fhir', 'imported', null],
    ]);
    expect(files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const events = s.db.prepare("SELECT outcome, detail FROM audit_event WHERE event_type = 'ingest.file' ORDER BY seq").all() as Array<{ outcome: string; detail: string }>;
    expect(events.map((e) => e.outcome)).toEqual(['success', 'failure', 'success']);
    const everything = JSON.stringify([files, events]);
    expect(everything).not.toMatch(/Quillfeather|broken|other|\.json/);
  });

  it('is idempotent: importing the same files again updates rows and adds none', async () => {
    const s = setup();
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify(fhirBundle()));
    await s.run([dir]);
    const tables = ['patient', 'encounter', 'condition', 'observation', 'document', 'section', 'claim', 'claim_line', 'remittance', 'remit_claim', 'medication'];
    const before = tables.map(s.count);
    const again = await s.run([dir]);
    expect(again.imported).toBe(1);
    expect(tables.map(s.count)).toEqual(before);
  });

  it('writes nothing from a file that fails half-way through, and keeps what was stored before', async () => {
    const s = setup();
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'good.json'), JSON.stringify(fhirBundle()));
    await s.run([path.join(dir, 'good.json')]);
    const half = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { resourceType: 'Patient', id: 'new-patient', name: [{ family: 'Nobody' }] } },
        { resource: { resourceType: 'Condition', id: 'c9', code: { text: 'x' }, subject: { reference: 'Patient/missing' } } },
      ],
    };
    fs.writeFileSync(path.join(dir, 'half.json'), JSON.stringify(half));
    const r = await s.run([path.join(dir, 'half.json')]);
    expect(r.rejected[0]).toMatchObject({ code: 'BAD_INPUT', reason: expect.stringMatching(/Entry 2 \(Condition\)/) });
    expect(s.count('patient')).toBe(1);
    expect(s.db.prepare("SELECT count(*) AS n FROM patient WHERE source_id = 'Patient/new-patient'").get()).toEqual({ n: 0 });
  });

  it('refuses a file over the size cap before reading it (a 2 GB sparse file)', async () => {
    const s = setup();
    const dir = tmpDir();
    const huge = path.join(dir, 'huge.json');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 2 * 1024 * 1024 * 1024);
    fs.writeFileSync(path.join(dir, 'ok.json'), JSON.stringify(fhirBundle()));
    const progress: ImportProgress[] = [];
    const r = await s.run([dir], { onProgress: (p) => progress.push(p) });
    expect(r.imported).toBe(1);
    expect(r.rejected).toEqual([{ file: 'huge.json', code: 'BAD_INPUT', reason: expect.stringMatching(/2048 MB; the import limit is 256\.0 MB per file/) }]);
    expect(progress.at(-1)).toMatchObject({ filesDone: 2, filesTotal: 2 });
    expect(progress.at(-1)!.bytesTotal).toBeLessThan(1024 * 1024);
    expect(progress.every((p, i) => i === 0 || p.bytesDone >= progress[i - 1]!.bytesDone)).toBe(true);
  });

  it('reports random bytes, empty files, unknown formats and missing paths, one clear reason each', async () => {
    const s = setup();
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'noise.json'), randomBytes(4096));
    fs.writeFileSync(path.join(dir, 'empty.json'), '');
    fs.writeFileSync(path.join(dir, 'image.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const r = await s.run([dir, path.join(dir, 'nope.json')]);
    const reasons = Object.fromEntries(r.rejected.map((x) => [x.file, `${x.code}: ${x.reason}`]));
    expect(reasons['noise.json']).toMatch(/BAD_INPUT: (The FHIR file is not UTF-8 text|Unrecognised format)/);
    expect(reasons['empty.json']).toBe('BAD_INPUT: The file is empty.');
    expect(reasons['image.bin']).toMatch(/^BAD_INPUT: Unrecognised format; expected one of: fhir/);
    expect(reasons['nope.json']).toBe('NOT_FOUND: No such file or folder.');
    expect(r.imported).toBe(0);
  });

  it('walking a folder that holds the open store leaves the store’s own files alone', async () => {
    const s = setup();
    fs.writeFileSync(path.join(s.t.dir, 'note.txt'), 'PROGRESS NOTE\nAssessment: stable.\n');
    const r = await s.run([s.t.dir]);
    const names = r.results.map((x) => x.file);
    expect(names).toContain('note.txt');
    expect(names.filter((n) => n.startsWith(path.basename(s.t.dbPath)))).toEqual([]);
    expect(fs.readdirSync(s.t.dir).some((n) => n === `${path.basename(s.t.dbPath)}-wal`)).toBe(true); // it was there to be skipped
  });

  it.skipIf(process.platform !== 'linux')('records and audits a file that is there but cannot be read', async () => {
    const s = setup();
    // A regular file to stat whose read fails (EIO): stands in for a file moved or locked mid-import.
    const r = await s.run(['/proc/self/mem']);
    expect(r.rejected).toEqual([{ file: 'mem', code: 'NOT_FOUND', reason: 'The file could not be read (missing, moved or not permitted).' }]);
    expect(s.db.prepare('SELECT sha256, outcome, error_code FROM ingest_file').all()).toEqual([{ sha256: 'not-read', outcome: 'rejected', error_code: 'NOT_FOUND' }]);
    expect(s.db.prepare("SELECT count(*) AS n FROM audit_event WHERE event_type = 'ingest.file' AND outcome = 'failure'").get()).toEqual({ n: 1 });
  });
});
