/** The admin-set retention policy: one row in retention_policy (migration 0009). */
import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface RetentionPolicy {
  /** Purge a patient's cached clinical content this many days after its last use. */
  idleDays: number;
  /** Also purge as soon as every work item that needed the chart is closed. */
  purgeOnClose: boolean;
  updatedAt: string | null;
  updatedBy: number | null;
}

export const DEFAULT_IDLE_DAYS = 30;
/** How long the audit trail and the accounting of disclosures outlive the cache (45 CFR 164.316(b)(2), 164.528). */
export const AUDIT_RETENTION_YEARS = 6;

export function readPolicy(db: Database): RetentionPolicy {
  const r = db.prepare('SELECT idle_days, purge_on_close, updated_at, updated_by FROM retention_policy WHERE id = 1').get() as
    | { idle_days: number; purge_on_close: number; updated_at: string | null; updated_by: number | null }
    | undefined;
  if (!r) return { idleDays: DEFAULT_IDLE_DAYS, purgeOnClose: true, updatedAt: null, updatedBy: null };
  return { idleDays: r.idle_days, purgeOnClose: r.purge_on_close === 1, updatedAt: r.updated_at, updatedBy: r.updated_by };
}

export function writePolicy(db: Database, p: { idleDays: number; purgeOnClose: boolean }, by: number | null, now: Date): RetentionPolicy {
  db.prepare(
    `INSERT INTO retention_policy (id, idle_days, purge_on_close, updated_at, updated_by) VALUES (1, @d, @c, @at, @by)
     ON CONFLICT (id) DO UPDATE SET idle_days = @d, purge_on_close = @c, updated_at = @at, updated_by = @by`,
  ).run({ d: p.idleDays, c: p.purgeOnClose ? 1 : 0, at: now.toISOString(), by });
  return readPolicy(db);
}
