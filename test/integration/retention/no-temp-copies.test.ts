/**
 * No decrypted copies left behind: the test process gets a fresh, empty TMPDIR; after an import,
 * every export (inventory CSV and PDF, audit CSV), sign-out of the last user and closing the
 * store, nothing was created in it, and no file beside the store holds note text in plaintext.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INFO } from '../../../electron/core/app-info';
import { createBackend } from '../../../electron/core/backend';
import { manualClock } from '../../../electron/core/clock';
import { createKeyFile, keyFileKeySource } from '../../../electron/core/db/keys';
import { toCsv } from '../../../electron/core/audit/export';
import { queryAudit } from '../../../electron/core/audit/query';
import { rawHits } from '../../support/store-scan';
import { seedPatient } from '../../support/retention-seed';
import { createImporters } from '../../../electron/core/ingest/importers';
import { importPaths } from '../../../electron/core/ingest/pipeline';
import { fhirBundle } from '../../support/ingest-fixtures';
import { makePdf, textPng } from '../../support/ocr-images';
import { ADMIN_PASSWORD } from '../../support/backend';

const originalTmp = process.env.TMPDIR;
let freshTmp = '';
let work = '';

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-notemp-work-'));
  freshTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-notemp-tmp-'));
  process.env.TMPDIR = freshTmp;
  expect(os.tmpdir()).toBe(freshTmp);
});
afterAll(() => {
  process.env.TMPDIR = originalTmp;
  if (originalTmp === undefined) delete process.env.TMPDIR;
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(freshTmp, { recursive: true, force: true });
});

const listFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));

describe('temp files', () => {
  it('an import (FHIR, OCR of a scan, a PDF), exports, sign-out and quit leave nothing in TMPDIR and no plaintext note beside the store', { timeout: 120_000 }, async () => {
    const keyFile = path.join(work, 'store.key');
    createKeyFile(keyFile);
    const saved: string[] = [];
    const backend = createBackend({
      app: APP_INFO,
      clock: manualClock(Date.now()),
      workstation: 'ws',
      store: { path: path.join(work, 'store.ntk'), keys: keyFileKeySource(keyFile), create: true },
      pickSavePath: async ({ defaultName: name }) => {
        const f = path.join(work, 'exports', name);
        fs.mkdirSync(path.dirname(f), { recursive: true });
        saved.push(f);
        return f;
      },
    });
    const ctx = { transport: 'test', sessionKey: 'w1' };
    const call = async (name: Parameters<typeof backend.call>[0], req: unknown) => {
      const r = await backend.call(name, req as never, ctx);
      if (!r.ok) throw new Error(r.error.code);
      return r.value;
    };
    await call('setupFirstAdmin', { username: 'ada', displayName: 'Ada Admin', password: ADMIN_PASSWORD });
    const patients = [seedPatient(backend.store.db, 'T1', { labels: true }), seedPatient(backend.store.db, 'T2')];
    // A real import: a FHIR bundle, a scanned page (OCR) and a PDF with a text page and a scanned page.
    const incoming = path.join(work, 'incoming');
    fs.mkdirSync(incoming);
    const fhirCanary = 'QZFHIRNOTE-canary';
    fs.writeFileSync(path.join(incoming, 'bundle.json'), JSON.stringify(fhirBundle({ noteText: `HISTORY OF PRESENT ILLNESS:\n${fhirCanary} chest pain.\n` })));
    fs.writeFileSync(path.join(incoming, 'scan.png'), textPng(['PROGRESS NOTE', 'QZSCANNED canary stable angina']));
    fs.writeFileSync(path.join(incoming, 'mixed.pdf'), await makePdf([['Referral letter QZPDFTEXT canary'], textPng(['PROGRESS NOTE', 'Assessment stable'])]));
    const summary = await importPaths({ db: backend.store.db, audit: backend.audit }, [incoming], { importers: createImporters(), actor: { username: 'cli:test', role: 'admin' } });
    expect(summary).toMatchObject({ files: 3, imported: 3 });
    expect(backend.store.db.prepare("SELECT count(*) AS n FROM document WHERE format = 'ocr' AND text LIKE '%stable angina%'").get()).toEqual({ n: 1 });
    fs.rmSync(incoming, { recursive: true });
    await call('reauthenticate', { password: ADMIN_PASSWORD, for: 'exportInventory' });
    expect(await call('exportInventory', { format: 'pdf' })).toMatchObject({ saved: true });
    await call('reauthenticate', { password: ADMIN_PASSWORD, for: 'exportInventory' });
    expect(await call('exportInventory', { format: 'csv' })).toMatchObject({ saved: true });
    const auditCsv = path.join(work, 'exports', 'audit.csv');
    fs.writeFileSync(auditCsv, [...toCsv(queryAudit(backend.store.db, {}))].join(''), { mode: 0o600 });
    await call('logout', {});
    backend.close();

    expect(listFiles(freshTmp)).toEqual([]);
    const noteCanaries = [...patients.flatMap((p) => p.canaries), fhirCanary, 'QZSCANNED', 'QZPDFTEXT'];
    expect(rawHits(listFiles(work), noteCanaries)).toEqual([]);
    // The exports hold what they must (MRNs) and nothing of the notes.
    expect(fs.readFileSync(saved[1]!, 'utf8')).toMatch(/^label,documents,patients\nALL,/); // an administrator's inventory: counts only
  });
});
