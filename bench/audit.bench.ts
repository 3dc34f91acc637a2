/**
 * Audit log: append rate with the HMAC chain (one event per transaction, as a
 * single user action writes, and in batches of 100, as a chart open writes), and
 * `audit verify` throughput over the whole chain.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLog, type AuditEventInput } from '../electron/core/audit/audit-log';
import { verifyAudit } from '../electron/core/audit/verify';
import { systemClock } from '../electron/core/clock';
import { createKeyFile, keyFileKeySource } from '../electron/core/db/keys';
import { Store } from '../electron/core/db/store';
import { round } from './stats';

const event = (i: number): AuditEventInput => ({
  userId: 3,
  username: 'carol',
  role: 'coder',
  purpose: 'inpatient-coding',
  action: 'R',
  eventType: 'chart.section.view',
  outcome: 'success',
  patientId: 1000 + (i % 50),
  encounterId: 5000 + (i % 200),
  documentId: i,
  sectionCode: '11348-0',
  labels: i % 9 === 0 ? ['PSY'] : [],
  ruleIds: ['coding.inpatient.sections'],
});

/** Group commit: `concurrent` appendAsync calls pending in each tick, awaited together. */
async function groupCommitRate(log: AuditLog, total: number, concurrent: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < total; i += concurrent) await Promise.all(Array.from({ length: concurrent }, (_, j) => log.appendAsync(event(i + j))));
  return Math.round(total / ((performance.now() - t) / 1000));
}

export async function auditBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-bench-audit-'));
  try {
    const keyFile = path.join(dir, 'k');
    createKeyFile(keyFile);
    const store = Store.open({ path: path.join(dir, 'a.ntk'), keys: keyFileKeySource(keyFile), create: true });
    const log = new AuditLog(store.db, store.auditKey, store.path, 'bench', systemClock);

    const SINGLE = 2_000;
    let t = performance.now();
    for (let i = 0; i < SINGLE; i++) log.append(event(i));
    const singleS = (performance.now() - t) / 1000;

    const BATCHED = 100_000;
    t = performance.now();
    for (let i = 0; i < BATCHED; i += 100) log.appendMany(Array.from({ length: 100 }, (_, j) => event(i + j)));
    const batchedS = (performance.now() - t) / 1000;

    // Group commit at the concurrency a busy workstation might see (several windows / handlers in one tick).
    const groupCommit = {
      append_events_per_s_group_commit_1_pending: await groupCommitRate(log, 1_000, 1),
      append_events_per_s_group_commit_4_pending: await groupCommitRate(log, 4_000, 4),
      append_events_per_s_group_commit_16_pending: await groupCommitRate(log, 16_000, 16),
    };

    t = performance.now();
    const report = verifyAudit(store.db, store.auditKey, store.path);
    const verifyS = (performance.now() - t) / 1000;
    store.close();
    return {
      append_events_per_s_one_per_txn: Math.round(SINGLE / singleS),
      append_events_per_s_batched_100: Math.round(BATCHED / batchedS),
      ...groupCommit,
      verify_records: report.records,
      verify_ok: report.ok,
      verify_records_per_s: Math.round(report.records / verifyS),
      verify_s: round(verifyS),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
