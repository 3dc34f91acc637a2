/**
 * Break 10: the audit tail after a crash, and a holder of the store key. Each attack a holder of
 * the store key and a SQL prompt can make is either detected by `verify` or reported as a tail or
 * a history it cannot prove, never as intact.
 */
import fs from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { AUDIT_COLUMNS, chainStep, GENESIS, signCheckpoint, type AuditRow } from '../../../electron/core/audit/canonical';
import path from 'node:path';
import { COMPACT_AT, headLogFile, HeadLogWriter, KEEP, readHeadLog } from '../../../electron/core/audit/head-log';
import { localHeadKeySource } from '../../../electron/core/audit/head-key';
import { tmpDir } from '../../support/tmp';
import { verifyAudit } from '../../../electron/core/audit/verify';
import { auditHeadCommand, auditVerifyCommand } from '../../../electron/cli/audit-commands';
import { testBackend, type TestBackend } from '../../support/backend';

/** n records in commits of ten (each commit signs its head). */
function seeded(n: number, t: TestBackend = testBackend()): TestBackend {
  const event = (i: number) => ({ userId: 1, username: 'carol', role: 'coder', action: 'R' as const, eventType: 'chart.view', outcome: 'success' as const, patientId: 100 + (i % 7) });
  for (let i = 0; i < n; i += 10) t.backend.audit.appendMany(Array.from({ length: Math.min(10, n - i) }, (_, j) => event(i + j)));
  return t;
}

/** A crash: the process dies without the close-time checkpoint (the store file stays as committed). */
function crash(t: TestBackend): Database {
  const db = t.backend.store.db;
  db.exec('DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete; DROP TRIGGER audit_checkpoint_no_delete;');
  return db;
}

const verify = (t: TestBackend) => verifyAudit(t.backend.store.db, t.backend.store.auditKey, t.dbPath, { headKey: t.backend.audit.headPublicKey });

/** What a store-key holder does to hide records: delete them, then re-chain the rest with the store key and re-sign the checkpoints. */
function rechainWithStoreKey(t: TestBackend, deleteSeqs: number[]): void {
  const db = crash(t);
  const key = t.backend.store.auditKey;
  const del = db.prepare('DELETE FROM audit_event WHERE seq = ?');
  for (const s of deleteSeqs) del.run(s);
  const rows = db.prepare(`SELECT ${AUDIT_COLUMNS.join(', ')} FROM audit_event ORDER BY seq`).all() as AuditRow[];
  db.prepare('DELETE FROM audit_event').run();
  db.prepare('DELETE FROM audit_checkpoint').run();
  const insert = db.prepare(`INSERT INTO audit_event (${AUDIT_COLUMNS.join(', ')}, hash) VALUES (${AUDIT_COLUMNS.map((c) => '@' + c).join(', ')}, @hash)`);
  let head: Buffer = GENESIS;
  rows.forEach((r, i) => {
    const row = { ...r, seq: i + 1 };
    head = chainStep(key, head, row);
    insert.run({ ...row, hash: head });
    if (row.seq % 100 === 0) db.prepare('INSERT INTO audit_checkpoint (seq, head, signed_at, signature) VALUES (?, ?, ?, ?)').run(row.seq, head, 'x', signCheckpoint(key, row.seq, head));
  });
}

describe('audit tail after a crash, and the store-key holder', () => {
  it('detects a tail deleted after a crash, however few records were written since the last 100', () => {
    const t = seeded(250);
    const db = crash(t);
    db.prepare('DELETE FROM audit_event WHERE seq > 201').run(); // 49 records: below the old checkpoint interval
    expect(verify(t)).toMatchObject({ ok: false, lastSeq: 201, broken: { seq: 202, kind: 'truncated' } });
  });

  it('reports, never as intact, a tail deleted together with the checkpoint rows and the head log', () => {
    const t = seeded(250);
    const db = crash(t);
    db.prepare('DELETE FROM audit_event WHERE seq > 201').run();
    db.prepare('DELETE FROM audit_checkpoint').run();
    fs.rmSync(headLogFile(t.dbPath));
    expect(verify(t)).toMatchObject({ ok: false, checkpointSeq: null, broken: { seq: 1, kind: 'unverifiable' } });
    expect(verify(t).broken!.message).toMatch(/^Tail unverifiable since checkpoint 0: records 1–201/);

    // The next start begins a new head log, but the history before it stays unproven.
    const again = t.reopen();
    const report = verifyAudit(again.backend.store.db, again.backend.store.auditKey, again.dbPath, { headKey: again.backend.audit.headPublicKey });
    expect(report).toMatchObject({ ok: false, broken: { seq: 1, kind: 'unverifiable' } });
    expect(report.broken!.message).toMatch(/head log was started at record 201/);
  });

  it('detects a chain recomputed with the store key (records deleted, the rest re-chained, checkpoints re-signed)', () => {
    const t = seeded(250);
    rechainWithStoreKey(t, [120, 121, 122]);
    const report = verify(t);
    expect(report).toMatchObject({ ok: false, broken: { kind: 'edited' } });
    expect(report.broken!.message).toMatch(/signed head at record 120: the log was rewritten/);
  });

  it('reports a recomputed chain whose head log was removed as unproven, and one re-signed with another key as forged', () => {
    const t = seeded(150);
    rechainWithStoreKey(t, [10]);
    fs.rmSync(headLogFile(t.dbPath));
    expect(verify(t)).toMatchObject({ ok: false, broken: { kind: 'unverifiable' } });

    // A head log forged with a key of the attacker's own: the verifier holds the real head key.
    const other = seeded(1);
    fs.copyFileSync(headLogFile(other.dbPath), headLogFile(t.dbPath));
    expect(verify(t)).toMatchObject({ ok: false, broken: { kind: 'checkpoint-forged' } });
  });

  it('signs the head on every commit: a record appended without the head key is reported as an unproven tail', () => {
    const t = seeded(30);
    // Records written by someone who holds the store key but not the head key (here: straight SQL).
    const db = t.backend.store.db;
    const key = t.backend.store.auditKey;
    const last = db.prepare('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: Buffer };
    const row: AuditRow = { seq: last.seq + 1, recorded_at: 'x', user_id: null, username: 'mallory', role: null, purpose: null, workstation: 'w', action: 'E', event_type: 'login', outcome: 'success', patient_id: null, encounter_id: null, document_id: null, section_code: null, labels: null, rule_ids: null, detail: null };
    db.prepare(`INSERT INTO audit_event (${AUDIT_COLUMNS.join(', ')}, hash) VALUES (${AUDIT_COLUMNS.map((c) => '@' + c).join(', ')}, @hash)`).run({ ...row, hash: chainStep(key, last.hash, row) });
    const report = verify(t);
    expect(report).toMatchObject({ ok: false, lastSeq: 31, checkpointSeq: 30, broken: { seq: 31, kind: 'unverifiable' } });
    expect(report.broken!.message).toMatch(/^Tail unverifiable since checkpoint 30: records 31–31/);
  });

  it('an exported head kept by the organization detects a tail removed together with the head log lines after it', () => {
    const t = seeded(40);
    const anchorFile = `${t.dir}/heads.ndjson`;
    t.backend.close();
    const exported = auditHeadCommand(t.dbPath, t.keys, anchorFile);
    expect(exported).toMatchObject({ seq: 40 });
    const t2 = t.reopen();
    const db = crash(t2);
    db.prepare('DELETE FROM audit_event WHERE seq > 20').run();
    db.prepare('DELETE FROM audit_checkpoint').run();
    const lines = fs.readFileSync(headLogFile(t2.dbPath), 'utf8').split('\n').filter(Boolean);
    fs.writeFileSync(headLogFile(t2.dbPath), lines.filter((l) => (JSON.parse(l) as { seq?: number; start?: number }).seq === undefined || (JSON.parse(l) as { seq: number }).seq <= 20).join('\n') + '\n');
    t2.backend.store.close();
    const report = auditVerifyCommand(t2.dbPath, t2.keys, anchorFile);
    expect(report).toMatchObject({ ok: false, broken: { kind: 'truncated', message: expect.stringMatching(/exported head covers record 40/) } });
  });

  it('an append inside a caller\'s transaction is signed once it commits, and a rolled-back one leaves no signed head behind', async () => {
    const t = seeded(5);
    const db = t.backend.store.db;
    db.transaction(() => t.backend.audit.append({ action: 'E', eventType: 'x', outcome: 'success' }))();
    expect(() =>
      db.transaction(() => {
        t.backend.audit.append({ action: 'E', eventType: 'y', outcome: 'success' });
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    await new Promise((r) => setImmediate(r));
    expect(verify(t)).toMatchObject({ ok: true, records: 6, checkpointSeq: 6 });
  });

  it('many concurrent appends: every one is proven by a signed head', async () => {
    const t = seeded(0);
    await Promise.all(Array.from({ length: 200 }, (_, i) => t.backend.audit.appendAsync({ action: 'R', eventType: 'chart.view', outcome: 'success', patientId: i })));
    expect(verify(t)).toMatchObject({ ok: true, records: 200, checkpointSeq: 200 });
  });
});

describe('head log size', () => {
  it('stays bounded: past COMPACT_AT lines it keeps the start line and the last KEEP signed heads, all valid', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'h.ntk');
    const writer = HeadLogWriter.open(dbPath, localHeadKeySource(), { seq: 0, head: GENESIS }, () => new Date())!;
    const total = COMPACT_AT + 500;
    for (let seq = 1; seq <= total; seq++) writer.append(seq, Buffer.alloc(32, seq % 256), new Date().toISOString());
    const log = readHeadLog(dbPath)!;
    expect(log.bad).toEqual([]);
    expect(log.start).toBe(0);
    expect(log.entries.length).toBeLessThanOrEqual(KEEP + 500 + 1);
    expect(log.entries.at(-1)!.seq).toBe(total);
  });
});
