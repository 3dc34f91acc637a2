/**
 * Walks the audit chain from the genesis and reports the first broken link: an edited record
 * (its hash no longer follows), a deleted or reordered one (a gap or a step back in seq), a
 * truncated tail (the log ends before a signed head), or a chain that disagrees with a head
 * signed by the head key (rewritten and re-chained with the store key). Then it says how much
 * it can prove: only records up to the last head signed with the head key (or an exported head
 * the organization kept) are proven; anything after is reported as "tail unverifiable since
 * checkpoint N", never as intact.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AUDIT_COLUMNS, chainStepCanonical, GENESIS, signCheckpoint } from './canonical';
import type { Checkpoint, ExportedHead } from './audit-log';
import { fingerprint, headSignatureValid, publicKeyFromHex, readHeadLog, type SignedHead } from './head-log';

export type BrokenKind = 'edited' | 'missing' | 'truncated' | 'checkpoint-forged' | 'unverifiable';

export interface VerifyReport {
  /** True only when the chain is whole and every record is proven by a signed head. */
  ok: boolean;
  records: number;
  lastSeq: number;
  /** The last record a head signed with the head key (or an exported head) proves; null: none. */
  checkpointSeq: number | null;
  /** Fingerprint of the key that signed the head log (compare with the one the organization recorded). */
  headKey?: string;
  /** The first problem found, if any; 'unverifiable' when nothing is broken but not all can be proven. */
  broken?: { seq: number; kind: BrokenKind; message: string };
}

export interface VerifyOptions {
  /** The head key's public half as this process holds it: a head log signed by another key is refused. */
  headKey?: string;
  /** Heads exported earlier and kept by the organization (`ntk audit head`). */
  anchors?: readonly ExportedHead[];
}

interface Expected {
  seq: number;
  head: Buffer;
  source: string;
}

export function verifyAudit(db: Database, key: Buffer, dbPath: string, opts: VerifyOptions = {}): VerifyReport {
  const table = db.prepare('SELECT seq, head, signature FROM audit_checkpoint').all() as Checkpoint[];
  const log = readHeadLog(dbPath);
  let records = 0;
  const fail = (broken: NonNullable<VerifyReport['broken']>, lastSeq: number, checkpointSeq: number | null = null): VerifyReport => ({
    ok: false,
    records,
    lastSeq,
    checkpointSeq,
    ...(log?.publicHex ? { headKey: fingerprint(log.publicHex) } : {}),
    broken,
  });

  const forged = table.find((c) => !same(c.signature, signCheckpoint(key, c.seq, c.head)));
  if (forged) return fail({ seq: forged.seq, kind: 'checkpoint-forged', message: `The checkpoint at record ${forged.seq} is not signed by this store's key.` }, 0);
  if (log?.bad.length) return fail({ seq: 0, kind: 'checkpoint-forged', message: `The head log beside the store is not valid at line ${log.bad[0]!.line}: ${log.bad[0]!.reason}.` }, 0);
  if (log && opts.headKey && log.publicHex !== opts.headKey) {
    return fail({ seq: log.start, kind: 'checkpoint-forged', message: 'The head log is signed by a key that is not this store\'s audit head key: it was replaced.' }, 0);
  }
  const anchors: SignedHead[] = [];
  for (const a of opts.anchors ?? []) {
    if (!validAnchor(a)) return fail({ seq: a.seq, kind: 'checkpoint-forged', message: `The exported head for record ${a.seq} is not signed by the key it names.` }, 0);
    anchors.push({ seq: a.seq, head: Buffer.from(a.head, 'hex'), at: a.at });
  }

  const expected: Expected[] = [
    ...table.map((c) => ({ seq: c.seq, head: c.head, source: 'checkpoint' })),
    ...(log?.entries ?? []).map((e) => ({ seq: e.seq, head: e.head, source: 'signed head' })),
    ...anchors.map((e) => ({ seq: e.seq, head: e.head, source: 'exported head' })),
  ];
  const wanted = new Set(expected.map((e) => e.seq));
  const headAt = new Map<number, Buffer>([[0, GENESIS]]);

  // Rows as arrays in canonical column order, with the stored hash last: no per-row object building.
  const rows = db.prepare(`SELECT ${AUDIT_COLUMNS.join(', ')}, hash FROM audit_event ORDER BY rowid`).raw(true).iterate() as IterableIterator<unknown[]>;
  const HASH = AUDIT_COLUMNS.length;
  let head: Buffer = GENESIS;
  let expectedSeq = 1;
  for (const row of rows) {
    const seq = row[0] as number;
    if (seq !== expectedSeq) {
      // seq is the rowid, so rows come in seq order: a jump means records were deleted
      // (a reordering shows up as an edit, since seq is inside the signed record).
      return fail({ seq: expectedSeq, kind: 'missing', message: `Record ${expectedSeq} is missing (the next record is ${seq}).` }, expectedSeq - 1);
    }
    const hash = row[HASH] as Buffer;
    row.length = HASH;
    head = chainStepCanonical(key, head, JSON.stringify(row));
    if (!same(head, hash)) return fail({ seq, kind: 'edited', message: `Record ${seq} was changed after it was written.` }, seq);
    if (wanted.has(seq)) headAt.set(seq, head);
    records++;
    expectedSeq++;
  }
  const lastSeq = expectedSeq - 1;

  for (const e of [...expected].sort((a, b) => a.seq - b.seq)) {
    if (e.seq > lastSeq) {
      return fail({ seq: lastSeq + 1, kind: 'truncated', message: `The log ends at record ${lastSeq}, but a ${e.source} covers record ${e.seq}: records were removed from the end.` }, lastSeq);
    }
    if (!same(headAt.get(e.seq)!, e.head)) {
      return fail({ seq: e.seq, kind: 'edited', message: `The chain disagrees with the ${e.source} at record ${e.seq}: the log was rewritten after that head was signed.` }, lastSeq);
    }
  }

  // What is proven: an exported head proves the history up to it; the head log proves up to its
  // last entry the history from where it started (from the genesis, or from a proven record).
  let proven = anchors.reduce((m, a) => Math.max(m, a.seq), 0);
  let gap: number | undefined;
  if (log) {
    const lastSigned = log.entries.reduce((m, e) => Math.max(m, e.seq), log.start);
    if (log.start <= proven || log.start === 0) proven = Math.max(proven, lastSigned);
    else gap = log.start;
  }
  const checkpointSeq = log || anchors.length ? proven : null;
  if (gap !== undefined) {
    return fail(
      {
        seq: proven + 1,
        kind: 'unverifiable',
        message: `${range(proven + 1, gap)} cannot be proven: the head log was started at record ${gap} (when this store was upgraded, or after the head log was removed), and no exported head covers them`,
      },
      lastSeq,
      proven,
    );
  }
  if (proven < lastSeq) {
    const why = log ? 'were written after the last signed head' : 'are not covered by any signed head (there is no head log beside the store)';
    return fail(
      {
        seq: proven + 1,
        kind: 'unverifiable',
        message: `Tail unverifiable since checkpoint ${proven}: records ${proven + 1}–${lastSeq} ${why}, after a crash, by a process without the head key, or added by someone holding the store key`,
      },
      lastSeq,
      checkpointSeq,
    );
  }
  return { ok: true, records, lastSeq, checkpointSeq, ...(log ? { headKey: fingerprint(log.publicHex) } : {}) };
}

const range = (a: number, b: number): string => (a === b ? `Record ${a}` : `Records ${a}–${b}`);

function validAnchor(a: ExportedHead): boolean {
  try {
    return Number.isInteger(a.seq) && headSignatureValid(publicKeyFromHex(a.key), a.seq, a.head, a.at, a.sig);
  } catch {
    return false;
  }
}

const same = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);
