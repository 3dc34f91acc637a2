/**
 * The append-only audit log. Appends take the write lock, read the chain head,
 * and insert the new record with its chained HMAC in the same transaction.
 * Every CHECKPOINT_EVERY records (and on demand) the head is signed into
 * audit_checkpoint and mirrored to a file beside the store, so that rolling the
 * table (or the whole file) back is detected by `ntk audit verify`.
 */
import fs from 'node:fs';
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { Clock } from '../clock';
import { AUDIT_COLUMNS, chainStep, GENESIS, signCheckpoint, type AuditRow } from './canonical';

export interface AuditActor {
  userId?: number | null;
  username?: string | null;
  role?: string | null;
  purpose?: string | null;
}

export interface AuditEventInput extends AuditActor {
  action: AuditRow['action'];
  eventType: string;
  outcome: AuditRow['outcome'];
  patientId?: number | null;
  encounterId?: number | null;
  documentId?: number | null;
  sectionCode?: string | null;
  labels?: readonly string[];
  ruleIds?: readonly string[];
  /** Small, non-PHI facts about the event (reason codes, counts, ids). */
  detail?: Record<string, string | number | boolean | null>;
}

export const CHECKPOINT_EVERY = 100;

export interface Checkpoint {
  seq: number;
  head: Buffer;
  signature: Buffer;
}

export const checkpointFile = (dbPath: string): string => `${dbPath}.audit-head.json`;

export class AuditLog {
  private readonly insert: Statement;
  private readonly lastRow: Statement;

  constructor(
    private readonly db: Database,
    private readonly key: Buffer,
    private readonly dbPath: string,
    private readonly workstation: string,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(
      `INSERT INTO audit_event (${AUDIT_COLUMNS.join(', ')}, hash) VALUES (${AUDIT_COLUMNS.map((c) => '@' + c).join(', ')}, @hash)`,
    );
    this.lastRow = db.prepare('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1');
  }

  /** The name this device carries in the audit trail. */
  get workstationName(): string {
    return this.workstation;
  }

  /** Appends one event; returns its sequence number. */
  append(event: AuditEventInput): number {
    return this.appendMany([event]);
  }

  private pending: Array<{ event: AuditEventInput; resolve: (seq: number) => void; reject: (e: unknown) => void }> = [];

  /**
   * Group commit: events appended in the same tick are written in one transaction (one fsync) at
   * the end of the tick, and each promise resolves with its sequence number only once that
   * transaction has committed (all reject if it fails). Awaiting it therefore gives the same
   * guarantee as append(): the record is durable, chained and in order before the caller goes on.
   * It only helps when several appends are pending at once (concurrent calls); a caller that
   * needs the write inside its own transaction uses append().
   */
  appendAsync(event: AuditEventInput): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.pending.push({ event, resolve, reject });
      if (this.pending.length === 1) queueMicrotask(() => this.flushPending());
    });
  }

  private flushPending(): void {
    const batch = this.pending;
    this.pending = [];
    try {
      const last = this.appendMany(batch.map((b) => b.event));
      const first = last - batch.length + 1;
      batch.forEach((b, i) => b.resolve(first + i));
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
  }

  /** Appends events in one transaction (one fsync); returns the last sequence number. */
  appendMany(events: readonly AuditEventInput[]): number {
    const run = this.db.transaction(() => {
      const last = this.lastRow.get() as { seq: number; hash: Buffer } | undefined;
      let seq = last?.seq ?? 0;
      let head: Buffer = last?.hash ?? GENESIS;
      let checkpointDue = false;
      for (const e of events) {
        seq += 1;
        const row = this.toRow(seq, e);
        head = chainStep(this.key, head, row);
        this.insert.run({ ...row, hash: head });
        if (seq % CHECKPOINT_EVERY === 0) checkpointDue = true;
      }
      if (checkpointDue) this.writeCheckpointRow(seq, head);
      return { seq, head, checkpointDue };
    });
    const { seq, head, checkpointDue } = run.immediate();
    if (checkpointDue) this.mirror({ seq, head, signature: signCheckpoint(this.key, seq, head) });
    return seq;
  }

  /** Signs the current head now (at logoff, quit, or before a verify). */
  checkpoint(): Checkpoint | undefined {
    const last = this.lastRow.get() as { seq: number; hash: Buffer } | undefined;
    if (!last) return undefined;
    const existing = this.db.prepare('SELECT seq FROM audit_checkpoint WHERE seq = ?').get(last.seq);
    if (!existing) this.writeCheckpointRow(last.seq, last.hash);
    const cp = { seq: last.seq, head: last.hash, signature: signCheckpoint(this.key, last.seq, last.hash) };
    this.mirror(cp);
    return cp;
  }

  private writeCheckpointRow(seq: number, head: Buffer): void {
    this.db
      .prepare('INSERT OR IGNORE INTO audit_checkpoint (seq, head, signed_at, signature) VALUES (?, ?, ?, ?)')
      .run(seq, head, this.clock.now().toISOString(), signCheckpoint(this.key, seq, head));
  }

  private mirror(cp: Checkpoint): void {
    const file = checkpointFile(this.dbPath);
    const tmp = `${file}.${process.pid}.tmp`;
    const body = { seq: cp.seq, head: cp.head.toString('hex'), signature: cp.signature.toString('hex') };
    fs.writeFileSync(tmp, JSON.stringify(body) + '\n', { mode: 0o600 });
    fs.renameSync(tmp, file);
  }

  private toRow(seq: number, e: AuditEventInput): AuditRow {
    return {
      seq,
      recorded_at: this.clock.now().toISOString(),
      user_id: e.userId ?? null,
      username: e.username ?? null,
      role: e.role ?? null,
      purpose: e.purpose ?? null,
      workstation: this.workstation,
      action: e.action,
      event_type: e.eventType,
      outcome: e.outcome,
      patient_id: e.patientId ?? null,
      encounter_id: e.encounterId ?? null,
      document_id: e.documentId ?? null,
      section_code: e.sectionCode ?? null,
      labels: e.labels?.length ? [...e.labels].sort().join(',') : null,
      rule_ids: e.ruleIds?.length ? [...e.ruleIds].join(',') : null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    };
  }
}
