/**
 * The append-only audit log. Appends take the write lock, read the chain head,
 * and insert the new record with its chained HMAC in the same transaction.
 * After every commit the head is signed with the audit head key (not the store key) into the
 * head log beside the store (head-log.ts), so a tail deleted after a crash, or a chain
 * recomputed with the store key, is detected by `ntk audit verify`, and what it cannot prove
 * it reports as unverifiable. Every CHECKPOINT_EVERY records the head is also signed with the
 * store's audit key into audit_checkpoint (inside the file, so it only guards against a
 * partial rollback by someone without the store key).
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { Clock } from '../clock';
import type { KeySource } from '../db/keys';
import { AUDIT_COLUMNS, chainStep, GENESIS, signCheckpoint, type AuditRow } from './canonical';
import { headlessHeadKeySource } from './head-key';
import { HeadLogWriter } from './head-log';

export const HEAD_EXPORT_FORMAT = 'need-to-know-audit-head/1';

/** A signed head as exported for the organization (no PHI: a sequence number, a hash, a key). */
export interface ExportedHead {
  format: typeof HEAD_EXPORT_FORMAT;
  workstation: string;
  seq: number;
  head: string;
  at: string;
  sig: string;
  /** The head key's public half, SPKI DER hex. */
  key: string;
}

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

export class AuditLog {
  private readonly insert: Statement;
  private readonly lastRow: Statement;
  private readonly heads: HeadLogWriter | undefined;
  private lastSigned = -1;
  private signScheduled = false;

  constructor(
    private readonly db: Database,
    private readonly key: Buffer,
    dbPath: string,
    private readonly workstation: string,
    private readonly clock: Clock,
    /** Holds the audit head key (the app: the OS keychain; headless: a seed file of its own). */
    headKeys: KeySource = headlessHeadKeySource(process.env),
  ) {
    this.insert = db.prepare(
      `INSERT INTO audit_event (${AUDIT_COLUMNS.join(', ')}, hash) VALUES (${AUDIT_COLUMNS.map((c) => '@' + c).join(', ')}, @hash)`,
    );
    this.lastRow = db.prepare('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1');
    const last = this.lastRow.get() as { seq: number; hash: Buffer } | undefined;
    this.heads = db.readonly ? undefined : HeadLogWriter.open(dbPath, headKeys, { seq: last?.seq ?? 0, head: last?.hash ?? GENESIS }, () => clock.now());
    if (this.heads) this.lastSigned = last?.seq ?? 0;
  }

  /** The head key's public half (SPKI hex) when this process holds it (read-only opens and `ntk` on an app store do not). */
  get headPublicKey(): string | undefined {
    return this.heads?.publicHex;
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
      return { seq, head };
    });
    const { seq, head } = run.immediate();
    if (!this.db.inTransaction) this.signHead(seq, head);
    else this.scheduleSign(); // inside a caller's transaction: sign once it has committed (or rolled back)
    return seq;
  }

  /** Signs the committed head into the head log (every commit; never a head that might roll back). */
  private signHead(seq: number, head: Buffer): void {
    if (!this.heads || seq <= this.lastSigned) return;
    try {
      this.heads.append(seq, head, this.clock.now().toISOString());
      this.lastSigned = seq;
    } catch {
      // The record is committed; a head log that cannot be written (disk full, folder gone) must not
      // fail the action it audits nor crash the process from a deferred sign. The head stays unsigned,
      // so verify reports the tail as unverifiable, and the next commit tries again.
    }
  }

  private scheduleSign(): void {
    if (!this.heads || this.signScheduled) return;
    this.signScheduled = true;
    setImmediate(() => {
      this.signScheduled = false;
      if (!this.db.open) return;
      if (this.db.inTransaction) return this.scheduleSign();
      this.signCommitted();
    }).unref();
  }

  /**
   * Signs the committed head now. A service that appends inside its own transaction calls this
   * right after that transaction commits (otherwise the head is signed at the end of the tick).
   */
  signCommitted(): void {
    if (this.db.inTransaction) return this.scheduleSign();
    const last = this.lastRow.get() as { seq: number; hash: Buffer } | undefined;
    if (last) this.signHead(last.seq, last.hash);
  }

  /**
   * The committed head, freshly signed with the head key, for the organization to keep
   * (`ntk audit head`): a later `ntk audit verify --anchor` proves the log still holds it.
   * Undefined when this process does not hold the head key.
   */
  exportHead(): ExportedHead | undefined {
    if (!this.heads || this.db.inTransaction) return undefined;
    const last = this.lastRow.get() as { seq: number; hash: Buffer } | undefined;
    const seq = last?.seq ?? 0;
    const head = last?.hash ?? GENESIS;
    const at = this.clock.now().toISOString();
    const signed = this.heads.append(seq, head, at);
    this.lastSigned = Math.max(this.lastSigned, seq);
    return { format: HEAD_EXPORT_FORMAT, workstation: this.workstation, seq, head: head.toString('hex'), at, sig: signed.sig, key: this.heads.publicHex };
  }

  /**
   * Signs the current head now (at logoff, quit, or before a verify): into the head log, and as a
   * store-key checkpoint row.
   */
  checkpoint(): Checkpoint | undefined {
    if (this.db.inTransaction) return undefined;
    const last = this.lastRow.get() as { seq: number; hash: Buffer } | undefined;
    if (!last) return undefined;
    const existing = this.db.prepare('SELECT seq FROM audit_checkpoint WHERE seq = ?').get(last.seq);
    if (!existing) this.writeCheckpointRow(last.seq, last.hash);
    this.signHead(last.seq, last.hash);
    return { seq: last.seq, head: last.hash, signature: signCheckpoint(this.key, last.seq, last.hash) };
  }

  private writeCheckpointRow(seq: number, head: Buffer): void {
    this.db
      .prepare('INSERT OR IGNORE INTO audit_checkpoint (seq, head, signed_at, signature) VALUES (?, ?, ?, ?)')
      .run(seq, head, this.clock.now().toISOString(), signCheckpoint(this.key, seq, head));
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
