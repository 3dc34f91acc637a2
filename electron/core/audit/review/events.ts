/** Reading audit events for review: the rows, the users and patients they name, local days. */
import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface ReviewEvent {
  seq: number;
  recordedAt: string;
  userId: number | null;
  username: string | null;
  eventType: string;
  outcome: string;
  patientId: number | null;
  labels: string | null;
}

export interface ReviewUser {
  displayName: string;
}

export interface ReviewPatient {
  familyName: string | null;
  flags: string[];
}

/** Event families that name a patient without showing their PHI to the user (workflow, housekeeping). */
const NOT_ACCESS = /^(access|retention|inventory|audit)\./;

/** Events that show a user touching a patient's PHI (chart, document, search, purpose for a patient...). */
export const isPatientAccess = (e: ReviewEvent): boolean => e.patientId !== null && e.userId !== null && e.outcome === 'success' && !NOT_ACCESS.test(e.eventType);

/** Requests to see masked sections (and break-glass, which opens them without approval). */
export const MASKED_REQUEST_EVENTS: ReadonlySet<string> = new Set(['access.request', 'access.breakglass.start']);

/** The local calendar day and hour of an ISO instant, for a fixed UTC offset in minutes. */
export function localParts(iso: string, utcOffsetMinutes: number): { day: string; hour: number; weekday: number } {
  const d = new Date(Date.parse(iso) + utcOffsetMinutes * 60_000);
  return { day: d.toISOString().slice(0, 10), hour: d.getUTCHours(), weekday: d.getUTCDay() };
}

export function loadEvents(db: Database, range: { from: string; to: string }): ReviewEvent[] {
  return db
    .prepare(
      `SELECT seq, recorded_at AS recordedAt, user_id AS userId, username, event_type AS eventType, outcome, patient_id AS patientId, labels
         FROM audit_event WHERE recorded_at >= ? AND recorded_at <= ? ORDER BY seq`,
    )
    .all(range.from, range.to) as ReviewEvent[];
}

export function loadUsers(db: Database): Map<number, ReviewUser> {
  const rows = db.prepare('SELECT id, display_name FROM app_user').all() as Array<{ id: number; display_name: string }>;
  return new Map(rows.map((r) => [r.id, { displayName: r.display_name }]));
}

export function loadPatients(db: Database, ids: Iterable<number>): Map<number, ReviewPatient> {
  const out = new Map<number, ReviewPatient>();
  const stmt = db.prepare('SELECT family_name, flags_json FROM patient WHERE id = ?');
  for (const id of new Set(ids)) {
    const r = stmt.get(id) as { family_name: string | null; flags_json: string } | undefined;
    if (r) out.set(id, { familyName: r.family_name, flags: safeFlags(r.flags_json) });
  }
  return out;
}

function safeFlags(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.toUpperCase()) : [];
  } catch {
    return [];
  }
}
