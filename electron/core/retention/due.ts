/**
 * Which patients' cached clinical content is due for purging, and why:
 *  - 'idle': nothing of the patient was used (chart opened, document read) for policy.idleDays,
 *    counting from the import when it was never used;
 *  - 'work-closed': every work item that needed the chart is closed (each encounter's coding is
 *    complete and each claim's denial work is won or lost), and there was at least one.
 * A patient "holds content" until purged, or again after a re-import wrote text back.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { RetentionPolicy } from './policy';

export type PurgeReason = 'idle' | 'work-closed';

export interface DuePatient {
  patientId: number;
  reason: PurgeReason;
  lastUsedAt: string;
}

const DAY_MS = 86_400_000;

export function duePatients(db: Database, policy: Pick<RetentionPolicy, 'idleDays' | 'purgeOnClose'>, now: Date): DuePatient[] {
  const cutoff = new Date(now.getTime() - policy.idleDays * DAY_MS).toISOString();
  const rows = db
    .prepare(
      `WITH held AS (
         SELECT p.id, p.imported_at, p.last_used_at FROM patient p
          WHERE p.purged_at IS NULL OR EXISTS (SELECT 1 FROM document d WHERE d.patient_id = p.id AND d.text IS NOT NULL)
       ),
       used AS (
         SELECT h.id,
                max(h.imported_at, coalesce(h.last_used_at, ''), coalesce((SELECT max(d.last_used_at) FROM document d WHERE d.patient_id = h.id), '')) AS last_used,
                (SELECT count(*) FROM encounter e WHERE e.patient_id = h.id) + (SELECT count(*) FROM claim c WHERE c.patient_id = h.id) AS work,
                (SELECT count(*) FROM encounter e WHERE e.patient_id = h.id AND e.coding_status <> 'complete')
                  + (SELECT count(*) FROM claim c WHERE c.patient_id = h.id AND c.work_status NOT IN ('won', 'lost')) AS open_work
           FROM held h
       )
       SELECT id, last_used, work, open_work FROM used
        WHERE last_used < @cutoff OR (@onClose = 1 AND work > 0 AND open_work = 0)
        ORDER BY id`,
    )
    .all({ cutoff, onClose: policy.purgeOnClose ? 1 : 0 }) as Array<{ id: number; last_used: string; work: number; open_work: number }>;
  return rows.map((r) => ({ patientId: r.id, reason: r.last_used < cutoff ? 'idle' : 'work-closed', lastUsedAt: r.last_used }));
}
