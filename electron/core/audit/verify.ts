/**
 * Walks the audit chain from the genesis and reports the first broken link:
 * an edited record (its hash no longer follows), a deleted or reordered one
 * (a gap or a step back in seq), or a truncated tail (the log ends before, or
 * disagrees with, the last signed checkpoint in the table or the file beside the store).
 */
import fs from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AUDIT_COLUMNS, chainStepCanonical, GENESIS, signCheckpoint } from './canonical';
import { checkpointFile, type Checkpoint } from './audit-log';

export interface VerifyReport {
  ok: boolean;
  records: number;
  lastSeq: number;
  checkpointSeq: number | null;
  /** The first problem found, if any. */
  broken?: { seq: number; kind: 'edited' | 'missing' | 'truncated' | 'checkpoint-forged'; message: string };
}

export function verifyAudit(db: Database, key: Buffer, dbPath: string): VerifyReport {
  // Rows as arrays in canonical column order, with the stored hash last: no per-row object building.
  const rows = db.prepare(`SELECT ${AUDIT_COLUMNS.join(', ')}, hash FROM audit_event ORDER BY rowid`).raw(true).iterate() as IterableIterator<unknown[]>;
  const HASH = AUDIT_COLUMNS.length;
  const checkpoints = loadCheckpoints(db, dbPath);
  const forged = checkpoints.find((c) => !same(c.signature, signCheckpoint(key, c.seq, c.head)));
  let head: Buffer = GENESIS;
  let expected = 1;
  let records = 0;
  const headAt = new Map<number, Buffer>();
  const wanted = new Set(checkpoints.map((c) => c.seq));
  const report = (broken: NonNullable<VerifyReport['broken']>, lastSeq: number): VerifyReport => ({
    ok: false,
    records,
    lastSeq,
    checkpointSeq: latest(checkpoints)?.seq ?? null,
    broken,
  });
  if (forged) return report({ seq: forged.seq, kind: 'checkpoint-forged', message: `The checkpoint at record ${forged.seq} is not signed by this store's key.` }, 0);

  for (const row of rows) {
    const seq = row[0] as number;
    if (seq !== expected) {
      // seq is the rowid, so rows come in seq order: a jump means records were deleted
      // (a reordering shows up as an edit, since seq is inside the signed record).
      return report({ seq: expected, kind: 'missing', message: `Record ${expected} is missing (the next record is ${seq}).` }, expected - 1);
    }
    const hash = row[HASH] as Buffer;
    row.length = HASH;
    head = chainStepCanonical(key, head, JSON.stringify(row));
    if (!same(head, hash)) {
      return report({ seq, kind: 'edited', message: `Record ${seq} was changed after it was written.` }, seq);
    }
    if (wanted.has(seq)) headAt.set(seq, head);
    records++;
    expected++;
  }
  const lastSeq = expected - 1;
  for (const cp of checkpoints) {
    if (cp.seq > lastSeq) {
      return report({ seq: lastSeq + 1, kind: 'truncated', message: `The log ends at record ${lastSeq}, but a signed checkpoint covers ${cp.seq}: records were removed from the end.` }, lastSeq);
    }
    const at = headAt.get(cp.seq);
    if (!at || !same(at, cp.head)) {
      return report({ seq: cp.seq, kind: 'edited', message: `The chain disagrees with the signed checkpoint at record ${cp.seq}.` }, lastSeq);
    }
  }
  return { ok: true, records, lastSeq, checkpointSeq: latest(checkpoints)?.seq ?? null };
}

function loadCheckpoints(db: Database, dbPath: string): Checkpoint[] {
  const fromTable = db.prepare('SELECT seq, head, signature FROM audit_checkpoint').all() as Checkpoint[];
  const fromFile = readMirror(dbPath);
  return fromFile ? [...fromTable, fromFile] : fromTable;
}

function readMirror(dbPath: string): Checkpoint | undefined {
  try {
    const j = JSON.parse(fs.readFileSync(checkpointFile(dbPath), 'utf8')) as { seq: number; head: string; signature: string };
    return { seq: j.seq, head: Buffer.from(j.head, 'hex'), signature: Buffer.from(j.signature, 'hex') };
  } catch {
    return undefined;
  }
}

const latest = (cps: Checkpoint[]): Checkpoint | undefined => cps.reduce<Checkpoint | undefined>((a, c) => (!a || c.seq > a.seq ? c : a), undefined);

const same = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);
