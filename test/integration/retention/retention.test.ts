import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli';
import { queryAudit } from '../../../electron/core/audit/query';
import { manualClock } from '../../../electron/core/clock';
import { keyFileKeySource } from '../../../electron/core/db/keys';
import { verifyAudit } from '../../../electron/core/audit/verify';
import { touchDocument, touchPatient, unsafeReferences } from '../../../electron/core/retention';
import { seedPatient } from '../../support/retention-seed';
import { ADMIN_PASSWORD, USER_PASSWORD, testBackend, withUsers } from '../../support/backend';
import { newKey, tmpDir } from '../../support/tmp';

const DAY = 86_400_000;

async function ntk(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {}, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('retention policy and purge', () => {
  it('purges when the work that needed the chart closes, not before', () => {
    const t = testBackend();
    t.clock.setWall(Date.now());
    const db = t.backend.store.db;
    const p = seedPatient(db, 'W1');
    const other = seedPatient(db, 'W2');
    expect(t.backend.retention.runDue().patients).toEqual([]);
    db.prepare("UPDATE encounter SET coding_status = 'complete' WHERE id = ?").run(p.encounterId);
    expect(t.backend.retention.runDue({ dryRun: true }).patients).toEqual([]); // the claim is still in work
    db.prepare("UPDATE claim SET work_status = 'won' WHERE id = ?").run(p.claimId);
    db.prepare("UPDATE claim SET work_status = 'lost' WHERE id = ?").run(other.claimId); // W2's coding is still open
    const r = t.backend.retention.runDue();
    expect(r.patients).toMatchObject([{ patientId: p.id, reason: 'work-closed', documents: 2 }]);
    expect(t.backend.retention.runDue().patients).toEqual([]); // nothing left to purge
    // A purged stub counts as used up: it does not come back as due after the idle period either.
    t.clock.advance(40 * DAY);
    touchPatient(db, other.id, t.clock.now());
    expect(t.backend.retention.runDue().patients).toEqual([]);
  });

  it('counts document reads as use, and a dry run changes nothing', () => {
    const t = testBackend();
    t.clock.setWall(Date.now());
    const db = t.backend.store.db;
    const a = seedPatient(db, 'R1');
    const b = seedPatient(db, 'R2');
    t.clock.advance(20 * DAY);
    touchDocument(db, a.documentIds[0]!, t.clock.now());
    t.clock.advance(11 * DAY);
    const before = db.prepare('SELECT count(*) AS n FROM section').get();
    const dry = t.backend.retention.runDue({ dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, walTruncated: null, patients: [{ patientId: b.id, reason: 'idle', documents: 2 }] });
    expect(db.prepare('SELECT count(*) AS n FROM section').get()).toEqual(before);
    expect(t.backend.retention.runDue().patients.map((p) => p.patientId)).toEqual([b.id]);
  });

  it('audits policy changes and purges; the chain verifies after the purge; only admins change the policy', async () => {
    const t = await withUsers([['pat', 'privacy_officer'], ['cody', 'coder']]);
    t.clock.setWall(Date.now());
    const admin = t.as('admin');
    for (const [w, username] of [['po', 'pat'], ['c', 'cody']] as const) {
      await t.as(w)('login', { username, password: USER_PASSWORD });
      await t.as(w)('changePassword', { current: USER_PASSWORD, next: 'a brand new long passphrase' });
    }
    expect(await admin('retentionPolicy', {})).toMatchObject({ idleDays: 30, purgeOnClose: true, auditRetentionYears: 6 });
    expect(await admin('setRetentionPolicy', { idleDays: 10, purgeOnClose: false })).toMatchObject({ idleDays: 10, purgeOnClose: false });
    expect(await t.raw('po')('setRetentionPolicy', { idleDays: 1, purgeOnClose: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.raw('po')('retentionPolicy', {})).toMatchObject({ ok: true });
    expect(await t.raw('c')('retentionPolicy', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.raw('c')('exposureInventory', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.raw('admin')('setRetentionPolicy', { idleDays: 0, purgeOnClose: false })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    const p = seedPatient(t.backend.store.db, 'AU');
    t.clock.advance(11 * DAY);
    await admin('unlockSession', { password: ADMIN_PASSWORD }); // idle lock after 11 days
    const report = await admin('runRetention', { dryRun: false });
    expect(report.patients).toMatchObject([{ patientId: p.id, reason: 'idle' }]);

    const db = t.backend.store.db;
    const change = queryAudit(db, { eventType: 'retention.policy.change' });
    expect(change).toHaveLength(1);
    expect(change[0]).toMatchObject({ username: 'ada', action: 'U', outcome: 'success' });
    expect(JSON.parse(change[0]!.detail!)).toEqual({ idleDays: 10, purgeOnClose: false, previousIdleDays: 30, previousPurgeOnClose: true });
    const purge = queryAudit(db, { eventType: 'retention.purge' });
    expect(purge).toMatchObject([{ patient_id: p.id, action: 'D', username: 'ada' }]);
    expect(JSON.parse(purge[0]!.detail!)).toMatchObject({ reason: 'idle', documents: 2 });
    // No PHI in the audit detail of a purge.
    for (const e of [...purge, ...queryAudit(db, { eventType: 'retention.run' })]) for (const c of p.canaries) expect(JSON.stringify(e)).not.toContain(c);
    expect(verifyAudit(db, t.backend.store.auditKey, t.dbPath).ok).toBe(true);
    const reopened = t.reopen();
    expect(verifyAudit(reopened.backend.store.db, reopened.backend.store.auditKey, t.dbPath).ok).toBe(true);
    reopened.backend.close();
  });

  it('runs at start-up', () => {
    const t = testBackend();
    t.clock.setWall(Date.now());
    const p = seedPatient(t.backend.store.db, 'S1');
    t.clock.advance(31 * DAY);
    const r = t.reopen();
    expect(r.backend.store.db.prepare('SELECT purged_at IS NOT NULL AS purged FROM patient WHERE id = ?').get(p.id)).toEqual({ purged: 1 });
    expect(queryAudit(r.backend.store.db, { eventType: 'retention.purge' })).toMatchObject([{ username: 'system:retention', patient_id: p.id }]);
    r.backend.close();
  });

  it('refuses to purge when a table outside the chart cache would lose or rewrite rows', () => {
    const t = testBackend();
    t.clock.setWall(Date.now());
    const db = t.backend.store.db;
    expect(unsafeReferences(db)).toEqual([]);
    seedPatient(db, 'F1');
    db.exec('CREATE TABLE disclosure_probe (id INTEGER PRIMARY KEY, section_id INTEGER REFERENCES section(id) ON DELETE CASCADE) STRICT');
    expect(unsafeReferences(db)).toEqual(['disclosure_probe.section_id -> section (ON DELETE CASCADE)']);
    t.clock.advance(31 * DAY);
    expect(() => t.backend.retention.runDue()).toThrow(/outside the chart cache/);
    expect(db.prepare('SELECT count(*) AS n FROM patient WHERE purged_at IS NOT NULL').get()).toEqual({ n: 0 });
    t.backend.close();
  });
});

describe('ntk purge / ntk inventory', () => {
  it('prints what would go and what went, by internal id only, and the inventory by MRN', async () => {
    const dir = tmpDir();
    const { file } = newKey(dir);
    const db = path.join(dir, 'p.ntk');
    expect((await ntk(['init', '--db', db, '--key-file', file])).code).toBe(0);
    const t = testBackend({ dir, dbPath: db, keys: keyFileKeySource(file), clock: manualClock(Date.now()) });
    const old = seedPatient(t.backend.store.db, 'OLD', { labels: true });
    t.backend.store.db.prepare('UPDATE patient SET imported_at = ? WHERE id = ?').run(new Date(Date.now() - 60 * DAY).toISOString(), old.id);
    const fresh = seedPatient(t.backend.store.db, 'NEW');
    t.backend.close();

    const inv = await ntk(['inventory', '--db', db, '--key-file', file, '--json']);
    expect(inv.code).toBe(0);
    const value = JSON.parse(inv.stdout).value;
    expect(value.totals).toEqual({ patients: 2, encounters: 2, documents: 4, purgedPatients: 0 });
    expect(value.patients.map((p: { mrn: string }) => p.mrn)).toEqual(['MRNNEW', 'MRNOLD']);
    expect(value.labels.map((l: { label: string }) => l.label)).toEqual(expect.arrayContaining(['ETH', 'PSY']));
    expect(value).toMatchObject({ oldest: '2026-01-02', newest: '2026-01-04' });

    const dry = await ntk(['purge', '--db', db, '--key-file', file, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(new RegExp(`would purge 1 patient\\(s\\), 2 document\\(s\\)[^]*patient #${old.id}\\s+idle`));
    const run = await ntk(['purge', '--db', db, '--key-file', file, '--json']);
    expect(JSON.parse(run.stdout).value).toMatchObject({ dryRun: false, totals: { patients: 1, documents: 2 }, patients: [{ patientId: old.id }], walTruncated: true });
    for (const out of [dry.stdout, run.stdout]) for (const c of [...old.canaries, old.mrn, ...fresh.canaries]) expect(out).not.toContain(c);

    const after = JSON.parse((await ntk(['inventory', '--db', db, '--key-file', file, '--json'])).stdout).value;
    expect(after.totals).toEqual({ patients: 1, encounters: 1, documents: 2, purgedPatients: 1 });
    const csv = path.join(dir, 'inv.csv');
    expect((await ntk(['inventory', '--db', db, '--key-file', file, '--format', 'csv', '--out', csv])).code).toBe(0);
    expect(fs.readFileSync(csv, 'utf8').split('\n')[1]).toMatch(/^\d+,MRNNEW,1,2,/);
    expect((fs.statSync(csv).mode & 0o777).toString(8)).toBe('600');
    expect((await ntk(['inventory', '--db', db, '--key-file', file, '--format', 'xls', '--out', csv])).code).toBe(64);
  });
});

describe('inventory export from the app', () => {
  it('needs a fresh re-authentication, writes only where the main process chose, and audits the export', async () => {
    const { APP_INFO } = await import('../../../electron/core/app-info');
    const { createBackend } = await import('../../../electron/core/backend');
    const dir = tmpDir();
    const { keys } = newKey(dir);
    const clock = manualClock(Date.now());
    let answer: string | null = null;
    const asked: string[] = [];
    const backend = createBackend({ app: APP_INFO, clock, store: { path: path.join(dir, 's.ntk'), keys, create: true }, pickSavePath: async ({ defaultName }) => (asked.push(defaultName), answer) });
    const ctx = { transport: 'test', sessionKey: 'w' };
    const call = (name: 'setupFirstAdmin' | 'exportInventory' | 'reauthenticate', req: unknown) => backend.call(name, req as never, ctx);
    expect((await call('setupFirstAdmin', { username: 'ada', displayName: 'Ada Admin', password: ADMIN_PASSWORD })).ok).toBe(true);
    seedPatient(backend.store.db, 'EX');
    expect(await call('exportInventory', { format: 'csv' })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } }); // signing in is no re-authentication
    expect(asked).toEqual([]);
    expect((await call('reauthenticate', { password: ADMIN_PASSWORD, for: 'exportInventory' })).ok).toBe(true);
    expect(await call('exportInventory', { format: 'csv' })).toEqual({ ok: true, value: { saved: false, patients: 0 } }); // cancelled
    answer = path.join(dir, 'chosen.csv');
    expect(await call('exportInventory', { format: 'csv' })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } }); // each try asks again
    expect((await call('reauthenticate', { password: ADMIN_PASSWORD, for: 'exportInventory' })).ok).toBe(true);
    expect(await call('exportInventory', { format: 'csv' })).toEqual({ ok: true, value: { saved: true, patients: 1 } });
    expect(asked[0]).toMatch(/^exposure-inventory-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(fs.readFileSync(answer, 'utf8')).toContain('ALL,2,1'); // an administrator's export: counts by label, no MRN
    expect(fs.readFileSync(answer, 'utf8')).not.toContain('MRNEX');
    expect(queryAudit(backend.store.db, { eventType: 'inventory.export' })).toMatchObject([{ username: 'ada', action: 'E' }]);
    backend.close();
  });
});

describe('re-import after a purge', () => {
  it('holds the patient again with a fresh retention clock', () => {
    const t = testBackend();
    t.clock.setWall(Date.now());
    const db = t.backend.store.db;
    const p = seedPatient(db, 'RI');
    t.clock.advance(31 * DAY);
    expect(t.backend.retention.runDue().patients.map((x) => x.patientId)).toEqual([p.id]);
    expect(db.prepare('SELECT purged_at IS NOT NULL AS purged FROM patient WHERE id = ?').get(p.id)).toEqual({ purged: 1 });
    seedPatient(db, 'RI'); // the same source keys: upserts in place
    expect(db.prepare('SELECT purged_at, family_name FROM patient WHERE id = ?').get(p.id)).toEqual({ purged_at: null, family_name: p.canaries[0] });
    expect(db.prepare('SELECT count(*) AS n FROM document WHERE patient_id = ? AND purged_at IS NULL AND text IS NOT NULL').get(p.id)).toEqual({ n: 2 });
    t.clock.setWall(Date.now() + DAY);
    expect(t.backend.retention.runDue().patients).toEqual([]);
    t.backend.close();
  });
});
