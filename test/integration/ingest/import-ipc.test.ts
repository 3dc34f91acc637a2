import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INFO } from '../../../electron/core/app-info';
import { createBackend } from '../../../electron/core/backend';
import { manualClock } from '../../../electron/core/clock';
import { ADMIN_PASSWORD, USER_PASSWORD, withUsers } from '../../support/backend';
import { fhirBundle, TEXT_NOTE } from '../../support/ingest-fixtures';
import { signIn } from '../../support/sign-in';
import { makePdf } from '../../support/ocr-images';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { newKey, tmpDir } from '../../support/tmp';

describe('importFiles / importProgress over the dispatcher', () => {
  it('imports the files the main-process picker returns, for admins and supervisors only', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify(fhirBundle()));
    fs.writeFileSync(path.join(dir, 'b.txt'), TEXT_NOTE);
    fs.writeFileSync(path.join(dir, 'c.json'), '{"resourceType":');
    let picked = [path.join(dir, 'a.json'), path.join(dir, 'c.json'), path.join(dir, 'b.txt')];
    const backend = createBackend({ app: APP_INFO, clock: manualClock(), workstation: 'ws', store: { path: path.join(dir, 's.ntk'), keys: newKey(dir).keys, create: true }, pickImportFiles: async () => picked });
    const call = (key: string) => async (name: never, req: unknown) => backend.call(name, req as never, { transport: 'test', sessionKey: key });
    const admin = call('admin');
    await admin('setupFirstAdmin' as never, { username: 'ada', displayName: 'Ada', password: ADMIN_PASSWORD });
    await admin('addUser' as never, { username: 'cody', displayName: 'Cody', role: 'coder', password: USER_PASSWORD });
    const coder = call('coder');
    await coder('login' as never, { username: 'cody', password: USER_PASSWORD });

    expect(await admin('importFiles' as never, { paths: ['/etc/passwd'] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await admin('importFiles' as never, {})).toEqual({ ok: true, value: { started: true, files: 3 } });
    let status: { state: string; results: Array<{ file: string; outcome: string }>; filesDone: number } | undefined;
    for (let i = 0; i < 200; i++) {
      const r = (await admin('importProgress' as never, {})) as { ok: true; value: NonNullable<typeof status> };
      status = r.value;
      if (status.state === 'done') break;
      await new Promise((res) => setTimeout(res, 20));
    }
    expect(status).toMatchObject({ state: 'done', filesDone: 3 });
    expect(status!.results.map((r) => [r.file, r.outcome])).toEqual([
      ['a.json', 'imported'],
      ['c.json', 'rejected'],
      ['b.txt', 'imported'],
    ]);
    expect(await coder('importFiles' as never, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await coder('importProgress' as never, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    picked = [];
    expect(await admin('importFiles' as never, {})).toEqual({ ok: true, value: { started: false, files: 0 } });
    backend.close();
  });

  it('cancels between files, keeps what was imported, and shows the files only to the user who started it', async () => {
    const FILES = 200;
    const notes = path.join(tmpDir(), 'notes');
    fs.mkdirSync(notes);
    for (let i = 0; i < FILES; i++) fs.writeFileSync(path.join(notes, `note-${String(i).padStart(3, '0')}.txt`), `${TEXT_NOTE}\nVisit ${i}.`);
    const t = await withUsers([['sam', 'supervisor']], { pickImportFiles: async () => [notes] });
    const admin = t.raw('admin') as (name: never, req: unknown) => Promise<unknown>;
    const supervisor = (await signIn(t, 'supervisor', 'sam'), t.raw('supervisor')) as (name: never, req: unknown) => Promise<unknown>;
    expect(await supervisor('importProgress' as never, {})).toMatchObject({ ok: true, value: { state: 'idle' } });

    expect(await admin('importCancel' as never, {})).toEqual({ ok: true, value: { cancelling: false } }); // nothing running
    expect(await admin('importFiles' as never, { folder: true })).toEqual({ ok: true, value: { started: true, files: 1 } });
    expect(await supervisor('importCancel' as never, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: /started this import/ } });
    type Status = { state: string; filesDone: number; filesTotal: number; results: Array<{ file: string; outcome: string }> };
    let status: Status | undefined;
    // Cancel part-way: once the first file is in.
    for (let i = 0; i < 5000; i++) {
      status = ((await admin('importProgress' as never, {})) as { ok: true; value: Status }).value;
      if (status.filesDone > 0 || status.state !== 'running') break;
      await new Promise((res) => setTimeout(res, 1));
    }
    expect(await admin('importCancel' as never, {})).toEqual({ ok: true, value: { cancelling: true } });
    for (let i = 0; i < 500; i++) {
      status = ((await admin('importProgress' as never, {})) as { ok: true; value: Status }).value;
      if (status.state !== 'running') break;
      await new Promise((res) => setTimeout(res, 10));
    }
    expect(status!.state).toBe('cancelled');
    expect(status!.filesTotal).toBe(FILES);
    expect(status!.results.length).toBe(status!.filesDone);
    expect(status!.results.length).toBeGreaterThan(0);
    expect(status!.results.length).toBeLessThan(FILES);
    // Every file listed imported whole; none after the cancel was read or recorded.
    expect(status!.results.every((r) => r.outcome === 'imported')).toBe(true);
    const db = t.backend.store.db;
    const documents = () => (db.prepare('SELECT count(*) AS n FROM document').get() as { n: number }).n;
    expect(documents()).toBe(status!.results.length);
    expect((db.prepare("SELECT count(*) AS n FROM ingest_file").get() as { n: number }).n).toBe(status!.results.length);

    // Another importer polling sees no file names or results.
    expect(await supervisor('importProgress' as never, {})).toEqual({ ok: true, value: { state: 'idle', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, etaMs: null, results: [], counts: {}, error: null } });

    // Importing the folder again finishes the job: the files already in are updated, not duplicated.
    expect(await admin('importFiles' as never, { folder: true })).toMatchObject({ ok: true, value: { started: true } });
    for (let i = 0; i < 500; i++) {
      status = ((await admin('importProgress' as never, {})) as { ok: true; value: Status }).value;
      if (status.state !== 'running') break;
      await new Promise((res) => setTimeout(res, 10));
    }
    expect(status).toMatchObject({ state: 'done', filesDone: FILES });
    expect(documents()).toBe(FILES);
    t.backend.close();
  });
});

describe('one import at a time', () => {
  it('refuses a second import while the first one’s picker is still open, and frees the slot when nothing is picked', async () => {
    const pending: Array<(paths: string[]) => void> = [];
    const t = await withUsers([['sam', 'supervisor']], { pickImportFiles: () => new Promise((res) => pending.push(res)) });
    await signIn(t, 'supervisor', 'sam');
    const admin = t.raw('admin');
    const supervisor = t.raw('supervisor');
    const pickerOpen = async (n: number) => {
      for (let i = 0; i < 500 && pending.length < n; i++) await new Promise((res) => setTimeout(res, 5));
    };
    const first = admin('importFiles', { folder: true });
    await pickerOpen(1);
    expect(await supervisor('importFiles', { folder: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(pending).toHaveLength(1);
    expect(await supervisor('importProgress', {})).toMatchObject({ ok: true, value: { state: 'running', results: [] } });
    pending[0]!([]); // the admin closes the picker without choosing
    expect(await first).toEqual({ ok: true, value: { started: false, files: 0 } });
    expect(await supervisor('importProgress', {})).toMatchObject({ ok: true, value: { state: 'idle' } });
    const second = supervisor('importFiles', { folder: true });
    await pickerOpen(2);
    expect(pending).toHaveLength(2);
    pending[1]!([]);
    expect(await second).toEqual({ ok: true, value: { started: false, files: 0 } });
    t.backend.close();
  });
});

describe('filing a scan under a patient from the import results', () => {
  it('files a scan that came without a sidecar under the patient with that MRN, for the importer only, audited', async () => {
    const dir = path.join(tmpDir(), 'scans');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'letter.pdf'), await makePdf([['Typed letter about the visit']]));
    const t = await withUsers([['sam', 'supervisor']], { pickImportFiles: async () => [dir] });
    await signIn(t, 'supervisor', 'sam');
    const db = t.backend.store.db;
    const patient = new ChartWriter(db).patient({ sourceSystem: 'ehr', sourceId: 'P-7', mrn: 'MRN-7' });
    const admin = t.raw('admin');
    expect(await admin('importFiles', { folder: true })).toMatchObject({ ok: true, value: { started: true } });
    let status: { state: string; results: Array<Record<string, unknown>> } | undefined;
    for (let i = 0; i < 500; i++) {
      status = ((await admin('importProgress', {})) as { ok: true; value: NonNullable<typeof status> }).value;
      if (status.state !== 'running') break;
      await new Promise((res) => setTimeout(res, 10));
    }
    expect(status!.results).toEqual([expect.objectContaining({ file: 'letter.pdf', outcome: 'imported', unfiled: true })]);
    expect(status!.results[0]).not.toHaveProperty('sha256'); // main-process detail, not sent over IPC
    const owner = () => (db.prepare('SELECT p.source_system AS system, p.id FROM document d JOIN patient p ON p.id = d.patient_id').get() as { system: string; id: number });
    const placeholder = owner().id;

    expect(await t.raw('supervisor')('fileScan', { result: 0, mrn: 'MRN-7' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await admin('fileScan', { result: 0, mrn: 'MRN-404' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: /No patient with that MRN/ } });
    expect(await admin('fileScan', { result: 0, mrn: 'MRN-7' })).toEqual({ ok: true, value: { filed: true } });
    expect(owner()).toEqual({ system: 'ehr', id: patient });
    expect(db.prepare('SELECT count(*) AS n FROM patient WHERE id = ?').get(placeholder)).toEqual({ n: 0 });
    expect(db.prepare("SELECT patient_id, outcome FROM audit_event WHERE event_type = 'document.file'").all()).toEqual([{ patient_id: patient, outcome: 'success' }]);
    expect(await admin('fileScan', { result: 0, mrn: 'MRN-7' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await admin('importProgress', {})).toMatchObject({ ok: true, value: { results: [expect.objectContaining({ unfiled: false })] } });
    t.backend.close();
  });
});
