import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditRow } from './canonical';

export interface AuditFilter {
  username?: string;
  eventType?: string;
  patientId?: number;
  from?: string;
  to?: string;
  limit?: number;
}

/** Newest first, filtered; the query behind the review screen and `ntk audit export`. */
export function queryAudit(db: Database, f: AuditFilter): AuditRow[] {
  const where: string[] = [];
  const args: Record<string, unknown> = {};
  if (f.username) (where.push('username = @username COLLATE NOCASE'), (args.username = f.username));
  if (f.eventType) (where.push('event_type = @eventType'), (args.eventType = f.eventType));
  if (f.patientId !== undefined) (where.push('patient_id = @patientId'), (args.patientId = f.patientId));
  if (f.from) (where.push('recorded_at >= @from'), (args.from = f.from));
  if (f.to) (where.push('recorded_at <= @to'), (args.to = f.to));
  const sql = `SELECT * FROM audit_event ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC ${f.limit ? 'LIMIT @limit' : ''}`;
  if (f.limit) args.limit = f.limit;
  return db.prepare(sql).all(args) as AuditRow[];
}
