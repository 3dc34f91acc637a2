/**
 * The signed head log: a file beside the store (`<db>.audit-head.log`) to which the audit
 * service appends, after every commit, the chain head it just committed, signed with an
 * Ed25519 key of its own (the "head key"). The head key is not derived from the store key:
 * in the app it is a separate random seed wrapped by the OS keychain (adapters/keychain.ts),
 * headless a separate seed file. So a store-key holder who deletes the tail, or rewrites and
 * re-chains the log with the store key, cannot sign a head that agrees with the result; what
 * they can still do — remove or roll back this file too — `ntk audit verify` reports as a tail
 * (or a history) it cannot prove, and an exported head (`ntk audit head`) kept by the
 * organization detects. See SECURITY.md.
 *
 * Format: one JSON object per line. The first line starts the log at record `start` and names
 * the public key (SPKI DER, hex); each line after it is `{seq, head, at, sig}`. Every line is
 * signed on its own (so a half-written last line after a power cut costs only that line).
 */
import { createPrivateKey, createPublicKey, createHash, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import type { KeySource } from '../db/keys';

export const headLogFile = (dbPath: string): string => `${dbPath}.audit-head.log`;

/** Where a key source keeps the head key's material: its own envelope or file, never the store's. */
export const headKeyPath = (dbPath: string): string => `${dbPath}.audit`;

export interface HeadKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI DER, hex: what the head log and an exported head name the key by. */
  publicHex: string;
}

/** The audit's files beside the store: the head log, and the head key's seed file or keychain envelope. */
export const auditSideFiles = (dbPath: string): string[] => [headLogFile(dbPath), `${headKeyPath(dbPath)}.key`, `${headKeyPath(dbPath)}.key.json`];

/** SignedHead: one verified line of the head log, or an exported head. */
export interface SignedHead {
  seq: number;
  head: Buffer;
  at: string;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The Ed25519 key whose 32-byte seed a KeySource yields. */
export function headKeyFromSeed(seed: Buffer): HeadKey {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicHex: publicKey.export({ format: 'der', type: 'spki' }).toString('hex') };
}

export const publicKeyFromHex = (hex: string): KeyObject => createPublicKey({ key: Buffer.from(hex, 'hex'), format: 'der', type: 'spki' });

/** A short fingerprint to compare by eye or record at the organization. */
export const fingerprint = (publicHex: string): string => createHash('sha256').update(Buffer.from(publicHex, 'hex')).digest('hex').slice(0, 32);

const startText = (start: number, head: string, key: string, at: string) => `need-to-know audit head log v1 start ${start} ${head} ${key} ${at}`;
const entryText = (seq: number, head: string, at: string) => `need-to-know audit head v1 ${seq} ${head} ${at}`;

export function signHead(key: HeadKey, seq: number, head: Buffer, at: string): string {
  return sign(null, Buffer.from(entryText(seq, head.toString('hex'), at)), key.privateKey).toString('hex');
}

export function headSignatureValid(publicKey: KeyObject, seq: number, headHex: string, at: string, sigHex: string): boolean {
  try {
    return verify(null, Buffer.from(entryText(seq, headHex, at)), publicKey, Buffer.from(sigHex, 'hex'));
  } catch {
    return false;
  }
}

export interface HeadLogContents {
  start: number;
  startHead: Buffer;
  publicHex: string;
  /** Verified entries, the start included (as its first), in file order. */
  entries: SignedHead[];
  /** Lines that did not parse or whose signature failed (a torn last line, or a forgery). */
  bad: Array<{ line: number; reason: string }>;
  /** Non-empty lines in the file. */
  lines?: number;
}

/** Reads and checks the head log; undefined when there is none. `startOnly`: check the start line, count the rest (opening). */
export function readHeadLog(dbPath: string, opts: { startOnly?: boolean } = {}): HeadLogContents | undefined {
  let text: string;
  try {
    text = fs.readFileSync(headLogFile(dbPath), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const bad: HeadLogContents['bad'] = [];
  let first: { start: number; head: string; key: string; at: string; sig: string };
  try {
    first = JSON.parse(lines[0]!) as typeof first;
    if (!Number.isInteger(first.start) || typeof first.key !== 'string') throw new Error('not a start line');
  } catch {
    return { start: 0, startHead: Buffer.alloc(0), publicHex: '', entries: [], bad: [{ line: 1, reason: 'the head log does not start with a start line' }] };
  }
  let publicKey: KeyObject;
  try {
    publicKey = publicKeyFromHex(first.key);
    if (!verify(null, Buffer.from(startText(first.start, first.head, first.key, first.at)), publicKey, Buffer.from(first.sig, 'hex'))) throw new Error('bad signature');
  } catch {
    return { start: first.start, startHead: Buffer.alloc(0), publicHex: first.key, entries: [], bad: [{ line: 1, reason: 'the start line is not signed by the key it names' }] };
  }
  const entries: SignedHead[] = [{ seq: first.start, head: Buffer.from(first.head, 'hex'), at: first.at }];
  if (opts.startOnly) return { start: first.start, startHead: entries[0]!.head, publicHex: first.key, entries, bad, lines: lines.filter((l) => l !== '').length };
  lines.slice(1).forEach((raw, i) => {
    if (raw === '') return;
    try {
      const e = JSON.parse(raw) as { seq: number; head: string; at: string; sig: string };
      if (!Number.isInteger(e.seq) || !headSignatureValid(publicKey, e.seq, e.head, e.at, e.sig)) throw new Error('bad signature');
      entries.push({ seq: e.seq, head: Buffer.from(e.head, 'hex'), at: e.at });
    } catch {
      // A last line cut short (the process or the machine stopped mid-write) only loses that head.
      const torn = i === lines.length - 2 && !text.endsWith('\n');
      if (!torn) bad.push({ line: i + 2, reason: 'a line that does not parse or is not signed by the head key' });
    }
  });
  return { start: first.start, startHead: Buffer.from(first.head, 'hex'), publicHex: first.key, entries, bad, lines: lines.filter((l) => l !== '').length };
}

/**
 * The writer side. open() returns undefined when this process cannot sign (a read-only open;
 * or the head key is not available here, e.g. `ntk` on a store whose head key the app's
 * keychain holds): appends then go unsigned, and verify reports them as an unproven tail until
 * a process holding the key signs the head again.
 */
/** The head log is kept short: past COMPACT_AT lines it keeps its start line and the last KEEP heads. */
export const COMPACT_AT = 4096;
export const KEEP = 1024;

export class HeadLogWriter {
  private constructor(
    private readonly file: string,
    private readonly key: HeadKey,
    private lines: number,
  ) {
    if (lines > COMPACT_AT) this.compact();
  }

  static open(dbPath: string, keys: KeySource, current: { seq: number; head: Buffer }, now: () => Date): HeadLogWriter | undefined {
    const file = headLogFile(dbPath);
    const existing = readHeadLog(dbPath, { startOnly: true });
    if (existing && existing.publicHex) {
      let key: HeadKey;
      try {
        key = headKeyFromSeed(keys.masterKey(headKeyPath(dbPath), 'open'));
      } catch {
        return undefined;
      }
      // A log signed by another key is never continued (nor replaced): verify reports it.
      return key.publicHex === existing.publicHex ? new HeadLogWriter(file, key, existing.lines ?? 1) : undefined;
    }
    if (existing) return undefined; // unreadable start line: leave it for verify to report
    let key: HeadKey;
    try {
      key = headKeyFromSeed(keys.masterKey(headKeyPath(dbPath), 'create'));
    } catch {
      return undefined;
    }
    const at = now().toISOString();
    const head = current.head.toString('hex');
    const sig = sign(null, Buffer.from(startText(current.seq, head, key.publicHex, at)), key.privateKey).toString('hex');
    try {
      fs.writeFileSync(file, JSON.stringify({ start: current.seq, head, key: key.publicHex, at, sig }) + '\n', { mode: 0o600, flag: 'wx' });
    } catch {
      return HeadLogWriter.open(dbPath, keys, current, now); // another process started it first
    }
    return new HeadLogWriter(file, key, 1);
  }

  get publicHex(): string {
    return this.key.publicHex;
  }

  /** Appends one signed head (one small O_APPEND write: whole, even with several processes). */
  append(seq: number, head: Buffer, at: string): SignedHead & { sig: string } {
    const sig = signHead(this.key, seq, head, at);
    fs.appendFileSync(this.file, JSON.stringify({ seq, head: head.toString('hex'), at, sig }) + '\n', { mode: 0o600 });
    if (++this.lines > COMPACT_AT) this.compact();
    return { seq, head, at, sig };
  }

  /**
   * Keeps the start line and the last KEEP heads (one signed head proves the whole chain up to it;
   * the earlier ones only say where a rewrite began), so verify checks a bounded number of
   * signatures. Written to a 0600 temp file and renamed over the log; a head another process
   * appends meanwhile may be dropped, and its next commit signs again.
   */
  private compact(): void {
    try {
      const lines = fs.readFileSync(this.file, 'utf8').split('\n').filter((l) => l !== '');
      const kept = [lines[0]!, ...lines.slice(Math.max(1, lines.length - KEEP))];
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, kept.join('\n') + '\n', { mode: 0o600 });
      fs.renameSync(tmp, this.file);
      this.lines = kept.length;
    } catch {
      // Compaction is an optimisation: the log stays as it was.
    }
  }
}
