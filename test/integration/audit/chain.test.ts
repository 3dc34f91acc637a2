import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_EVERY } from '../../../electron/core/audit/audit-log';
import { headLogFile, readHeadLog } from '../../../electron/core/audit/head-log';
import { verifyAudit } from '../../../electron/core/audit/verify';
import { testBackend } from '../../support/backend';

function seeded(n: number) {
  const t = testBackend();
  const events = Array.from({ length: n }, (_, i) => ({
    userId: 1,
    username: 'carol',
    role: 'coder',
    purpose: 'inpatient-coding',
    action: 'R' as const,
    eventType: 'chart.view',
    outcome: 'success' as const,
    patientId: 100 + (i % 7),
    labels: i % 5 === 0 ? ['PSY'] : [],
    ruleIds: ['coding.sections'],
  }));
  for (let i = 0; i < n; i += 50) t.backend.audit.appendMany(events.slice(i, i + 50));
  return t;
}

/** What an attacker with the key and a SQL prompt would do first. */
const dropGuards = (db: import('better-sqlite3-multiple-ciphers').Database) =>
  db.exec('DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete; DROP TRIGGER audit_checkpoint_no_delete;');

const verify = (t: ReturnType<typeof testBackend>) => verifyAudit(t.backend.store.db, t.backend.store.auditKey, t.dbPath);

describe('hash-chained audit log', () => {
  it('verifies an intact log, with a head signed beside the store after every commit and store-key checkpoints every 100 records', () => {
    const t = seeded(250);
    expect(verify(t)).toMatchObject({ ok: true, records: 250, lastSeq: 250, checkpointSeq: 250 });
    expect(readHeadLog(t.dbPath)!.entries.map((e) => e.seq)).toEqual([0, 50, 100, 150, 200, 250]);
    const table = t.backend.store.db.prepare('SELECT seq FROM audit_checkpoint ORDER BY seq').all() as { seq: number }[];
    expect(table.map((r) => r.seq)).toEqual([CHECKPOINT_EVERY, 2 * CHECKPOINT_EVERY]);
  });

  it('refuses UPDATE and DELETE through SQL', () => {
    const t = seeded(3);
    t.backend.audit.checkpoint();
    const db = t.backend.store.db;
    expect(() => db.prepare("UPDATE audit_event SET outcome = 'failure' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_event WHERE seq = 3').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_checkpoint').run()).toThrow(/append-only/);
  });

  it('reports an edited record as the first broken link', () => {
    const t = seeded(150);
    dropGuards(t.backend.store.db);
    t.backend.store.db.prepare("UPDATE audit_event SET username = 'mallory' WHERE seq = 42").run();
    expect(verify(t)).toMatchObject({ ok: false, broken: { seq: 42, kind: 'edited' } });
  });

  it('reports a deleted record', () => {
    const t = seeded(150);
    dropGuards(t.backend.store.db);
    t.backend.store.db.prepare('DELETE FROM audit_event WHERE seq = 77').run();
    expect(verify(t)).toMatchObject({ ok: false, broken: { seq: 77, kind: 'missing' } });
  });

  it('reports a reordering (two records swapped)', () => {
    const t = seeded(20);
    const db = t.backend.store.db;
    dropGuards(db);
    db.exec(`
      UPDATE audit_event SET seq = -1 WHERE seq = 5;
      UPDATE audit_event SET seq = 5 WHERE seq = 6;
      UPDATE audit_event SET seq = 6 WHERE seq = -1;`);
    expect(verify(t)).toMatchObject({ ok: false, broken: { seq: 5, kind: 'edited' } });
  });

  it('reports a truncated tail against the last signed checkpoint, even if the table checkpoints are removed too', () => {
    const t = seeded(230);
    const db = t.backend.store.db;
    t.backend.audit.checkpoint(); // e.g. at logoff: signs record 230
    dropGuards(db);
    db.prepare('DELETE FROM audit_event WHERE seq > 180').run();
    db.prepare('DELETE FROM audit_checkpoint WHERE seq > 180').run();
    expect(verify(t)).toMatchObject({ ok: false, lastSeq: 180, broken: { seq: 181, kind: 'truncated' } });
  });

  it('refuses a head log line not signed with the head key', () => {
    const t = seeded(120);
    fs.appendFileSync(headLogFile(t.dbPath), JSON.stringify({ seq: 50, head: '00'.repeat(32), at: new Date().toISOString(), sig: '11'.repeat(64) }) + '\n');
    expect(verify(t)).toMatchObject({ ok: false, broken: { kind: 'checkpoint-forged' } });
  });

  it('records who, what, when, where and the rule ids, and keeps the chain across restarts', () => {
    let t = seeded(5);
    t = t.reopen();
    t.backend.audit.append({ action: 'E', eventType: 'login', outcome: 'failure', detail: { login: 'x' } });
    expect(verify(t)).toMatchObject({ ok: true, records: 6 });
    const row = t.backend.store.db.prepare('SELECT * FROM audit_event WHERE seq = 1').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      username: 'carol',
      role: 'coder',
      purpose: 'inpatient-coding',
      workstation: 'test-ws',
      action: 'R',
      event_type: 'chart.view',
      outcome: 'success',
      patient_id: 100,
      labels: 'PSY',
      rule_ids: 'coding.sections',
    });
    expect(Date.parse(row.recorded_at as string)).not.toBeNaN();
  });
});
