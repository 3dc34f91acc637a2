/**
 * RetentionService: applies the retention policy. `runDue()` runs at start-up (createBackend) and
 * on a timer the Electron main process sets; it purges every due patient in one transaction on a
 * connection with secure_delete on, audits each purge in that same transaction, and afterwards
 * truncates the WAL so the old page images do not linger in it.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { NtkError } from '../errors';
import { duePatients, type PurgeReason } from './due';
import { readPolicy, writePolicy, type RetentionPolicy } from './policy';
import { assertPurgeSafe, countPatientContent, purgePatient } from './purge';

export interface PurgedPatient {
  patientId: number;
  reason: PurgeReason;
  lastUsedAt: string;
  documents: number;
  rows: number;
}

export interface PurgeReport {
  dryRun: boolean;
  ranAt: string;
  policy: { idleDays: number; purgeOnClose: boolean };
  patients: PurgedPatient[];
  totals: { patients: number; documents: number; rows: number };
  /** After a real purge: whether the WAL was checkpointed and truncated (false while a reader held it). */
  walTruncated: boolean | null;
}

/** How often the Electron main process runs the purge (and once at start-up). */
export const RETENTION_INTERVAL_MS = 60 * 60_000;

const SYSTEM_ACTOR: AuditActor = { username: 'system:retention', role: null, purpose: null };

export class RetentionService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  policy(): RetentionPolicy {
    return readPolicy(this.db);
  }

  /** Changes the policy; the change (old and new values) is audited in the same transaction. */
  setPolicy(next: { idleDays: number; purgeOnClose: boolean }, by: AuditActor): RetentionPolicy {
    if (!Number.isInteger(next.idleDays) || next.idleDays < 1 || next.idleDays > 3650) {
      throw new NtkError('BAD_REQUEST', 'Retention must be between 1 and 3650 days.');
    }
    const policy = this.db.transaction(() => {
      const before = readPolicy(this.db);
      const after = writePolicy(this.db, next, by.userId ?? null, this.clock.now());
      this.audit.append({
        ...by,
        action: 'U',
        eventType: 'retention.policy.change',
        outcome: 'success',
        detail: { idleDays: after.idleDays, purgeOnClose: after.purgeOnClose, previousIdleDays: before.idleDays, previousPurgeOnClose: before.purgeOnClose },
      });
      return after;
    }).immediate();
    this.audit.signCommitted();
    return policy;
  }

  /** Purges what is due now (or, with dryRun, reports what would go and changes nothing). */
  runDue(opts: { dryRun?: boolean; actor?: AuditActor } = {}): PurgeReport {
    const now = this.clock.now();
    const policy = this.policy();
    const base = { ranAt: now.toISOString(), policy: { idleDays: policy.idleDays, purgeOnClose: policy.purgeOnClose } };
    if (opts.dryRun) {
      const patients = duePatients(this.db, policy, now).map((d) => ({ ...d, ...countPatientContent(this.db, d.patientId) }));
      return { dryRun: true, ...base, patients, totals: totals(patients), walTruncated: null };
    }
    assertPurgeSafe(this.db);
    this.db.pragma('secure_delete = ON');
    if (this.db.pragma('secure_delete', { simple: true }) !== 1) throw new NtkError('INTERNAL', 'secure_delete could not be turned on; nothing was purged.');
    const actor = opts.actor ?? SYSTEM_ACTOR;
    const patients = this.db.transaction(() => {
      // Re-read inside the write lock so a chart opened a moment ago is not purged.
      const due = duePatients(this.db, policy, now);
      const done: PurgedPatient[] = due.map((d) => ({ ...d, ...purgePatient(this.db, d.patientId, now) }));
      if (done.length || opts.actor) {
        // Last in the transaction: nothing after it can roll the audited purge back but the commit itself.
        this.audit.appendMany([
          ...done.map((p) => ({
            ...actor,
            action: 'D' as const,
            eventType: 'retention.purge',
            outcome: 'success' as const,
            patientId: p.patientId,
            detail: { reason: p.reason, documents: p.documents, rows: p.rows, idleDays: policy.idleDays },
          })),
          { ...actor, action: 'D' as const, eventType: 'retention.run', outcome: 'success' as const, detail: { patients: done.length, documents: sum(done, 'documents') } },
        ]);
      }
      return done;
    }).immediate();
    this.audit.signCommitted();
    const walTruncated = patients.length ? this.truncateWal() : null;
    return { dryRun: false, ...base, patients, totals: totals(patients), walTruncated };
  }

  /** Copies the WAL into the store and truncates it to zero bytes, so no old page image stays there. */
  private truncateWal(): boolean {
    const [r] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    return !!r && r.busy === 0;
  }
}

const sum = (xs: readonly PurgedPatient[], k: 'documents' | 'rows'): number => xs.reduce((a, x) => a + x[k], 0);
const totals = (xs: readonly PurgedPatient[]) => ({ patients: xs.length, documents: sum(xs, 'documents'), rows: sum(xs, 'rows') });
