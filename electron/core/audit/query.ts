import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditRow } from './canonical';

export interface AuditFilter {
  username?: string;
  eventType?: string;
  patientId?: number;
  /** A DS4P label among the event's labels. */
  label?: string;
  from?: string;
  to?: string;
  limit?: number;
}

/** Newest first, filtered; the query behind the review screen and `ntk audit export`. */
export function queryAudit(db: Database, f: AuditFilter): AuditRow[] {
  const clauses: Array<[string, string, unknown]> = [
    ['username', 'username = @username COLLATE NOCASE', f.username],
    ['eventType', 'event_type = @eventType', f.eventType],
    ['patientId', 'patient_id = @patientId', f.patientId],
    ['label', "(',' || labels || ',') LIKE ('%,' || @label || ',%')", f.label],
    ['from', 'recorded_at >= @from', f.from],
    ['to', 'recorded_at <= @to', f.to],
  ];
  const active = clauses.filter(([, , v]) => v !== undefined && v !== '');
  const where = active.map(([, sql]) => sql);
  const args: Record<string, unknown> = Object.fromEntries(active.map(([name, , v]) => [name, v]));
  const sql = `SELECT * FROM audit_event ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC ${f.limit ? 'LIMIT @limit' : ''}`;
  if (f.limit) args.limit = f.limit;
  return db.prepare(sql).all(args) as AuditRow[];
}
