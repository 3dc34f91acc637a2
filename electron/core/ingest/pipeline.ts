/**
 * The import pipeline: walks the given files and folders, and for each file reads it (streamed,
 * hashed as it goes, refused above a size cap before a byte is read), picks the importer that
 * recognises it, parses it (async, no database) and writes it in one transaction of its own.
 * A bad file imports nothing and is reported with a reason; the files before and after it still
 * import. Each file is recorded in `ingest_file` (SHA-256, size, format, outcome — never its name
 * or path) and audited as one `ingest.file` event.
 *
 * File names appear only in the returned summary (the basename, for the person who chose the
 * files); they are never logged, stored or put in an audit record.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import { auditSideFiles } from '../audit/head-log';
import { ChartWriter, type WriteCounts } from '../db/chart-writer';
import { envelopePath } from '../db/key-envelope';
import { toStoreError } from '../db/sqlite-errors';
import { isNtkError, NtkError } from '../errors';
import type { Importer, ImportFile } from './importer';

/** Files larger than this are refused before they are read (override with `maxFileBytes`). */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  elapsedMs: number;
  /** Estimated time left, from the bytes done so far; null until there is something to go on. */
  etaMs: number | null;
}

export interface FileResult {
  /** The file's base name, for the person who picked it. Never stored or logged. */
  file: string;
  format: string | null;
  outcome: 'imported' | 'rejected';
  code?: string;
  reason?: string;
  bytes: number;
  counts: WriteCounts;
  /** Imported, but with something to check (importer.warnings): e.g. an 835 whose envelope counts do not match. */
  warnings?: string[];
  /** The file's SHA-256 when it was read (main process only: the IPC response schema drops it). */
  sha256?: string;
}

export interface ImportSummary {
  files: number;
  imported: number;
  rejected: Array<{ file: string; code: string; reason: string }>;
  /** Rows written per resource type (table), over all imported files. */
  counts: WriteCounts;
  /** Resources present but not imported, per type (e.g. CarePlan in a Synthea bundle). */
  skipped: WriteCounts;
  bytes: number;
  elapsedMs: number;
  results: FileResult[];
  /** Stopped by the signal: `results` holds the files finished before it; the rest were not read. */
  cancelled: boolean;
}

export interface ImportOptions {
  importers: readonly Importer[];
  actor: AuditActor;
  onProgress?: (p: ImportProgress) => void;
  maxFileBytes?: number;
  signal?: AbortSignal;
}

export interface ImportTarget {
  db: Database;
  audit: AuditLog;
}

interface Found {
  file: string;
  full: string | null;
  bytes: number;
  error?: { code: string; reason: string };
  /** The scan's sidecar file (`<name>.json` beside it), imported with it rather than on its own. */
  sidecar?: string;
}

const SCAN_NAME = /\.(png|jpe?g|tiff?|pdf)$/i;
const MAX_SIDECAR_BYTES = 64 * 1024;

function readSidecar(full: string): Buffer {
  let bytes: Buffer;
  try {
    if (fs.statSync(full).size > MAX_SIDECAR_BYTES) throw new NtkError('BAD_INPUT', `The scan's sidecar (.json beside it) is larger than ${MAX_SIDECAR_BYTES / 1024} KB.`);
    bytes = fs.readFileSync(full);
  } catch (e) {
    if (isNtkError(e)) throw e;
    throw new NtkError('NOT_FOUND', "The scan's sidecar (.json beside it) could not be read.");
  }
  return bytes;
}

/** Leaves out the store's own files (database, WAL, shared memory, key envelope, audit head log and head key) when a folder walk meets them. */
function withoutStoreFiles(found: Found[], dbPath: string): Found[] {
  if (!dbPath || dbPath === ':memory:') return found;
  const own = new Set([dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`, envelopePath(dbPath), ...auditSideFiles(dbPath)].map(samePathKey));
  return found.filter((f) => !f.full || !own.has(samePathKey(f.full)));
}

/** Paths as the file system compares them: resolved, and case-folded where names are case-insensitive. */
const samePathKey = (p: string): string => (process.platform === 'win32' || process.platform === 'darwin' ? path.resolve(p).toLowerCase() : path.resolve(p));

/**
 * Pairs each scan with its sidecar (`scan.pdf` + `scan.pdf.json`) and drops the sidecars from the
 * list; a sidecar whose scan is not being imported is reported as such rather than as an unknown format.
 */
function pairSidecars(found: Found[]): Found[] {
  const byPath = new Map(found.filter((f) => f.full && !f.error).map((f) => [samePathKey(f.full!), f]));
  const consumed = new Set<Found>();
  for (const [key, f] of byPath) {
    if (!key.toLowerCase().endsWith('.json') || !SCAN_NAME.test(key.slice(0, -5))) continue;
    const scan = byPath.get(key.slice(0, -5));
    if (scan) {
      scan.sidecar = f.full!;
      consumed.add(f);
    } else {
      f.error = { code: 'BAD_INPUT', reason: 'A scan sidecar without its scan: import it together with the scan it names a patient for.' };
    }
  }
  return found.filter((f) => !consumed.has(f));
}

const now = (): number => performance.now();

/** Every regular file under the given paths (folders walked in name order; dot-files skipped). */
export function walkPaths(paths: readonly string[]): Found[] {
  const out: Found[] = [];
  const seen = new Set<string>();
  const visit = (p: string, given: boolean): void => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      if (given) out.push({ file: path.basename(p), full: null, bytes: 0, error: { code: 'NOT_FOUND', reason: 'No such file or folder.' } });
      return;
    }
    if (st.isDirectory()) {
      const real = fs.realpathSync(p);
      if (seen.has(real)) return;
      seen.add(real);
      let names: string[];
      try {
        names = fs.readdirSync(p).sort();
      } catch {
        out.push({ file: path.basename(p), full: null, bytes: 0, error: { code: 'READ_ONLY', reason: 'The folder could not be read (permissions).' } });
        return;
      }
      for (const n of names) if (!n.startsWith('.')) visit(path.join(p, n), false);
    } else if (st.isFile()) {
      out.push({ file: path.basename(p), full: p, bytes: st.size });
    } else if (given) {
      out.push({ file: path.basename(p), full: null, bytes: 0, error: { code: 'BAD_INPUT', reason: 'Not a regular file.' } });
    }
  };
  for (const p of paths) visit(p, true);
  return out;
}

/** Reads a file as a stream, hashing it and reporting bytes as they arrive. */
async function readHashed(full: string, onBytes: (n: number) => void, signal?: AbortSignal): Promise<{ bytes: Buffer; sha256: string }> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  const stream = fs.createReadStream(full, { highWaterMark: 1 << 20, signal });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    chunks.push(chunk);
    onBytes(chunk.length);
  }
  return { bytes: Buffer.concat(chunks), sha256: hash.digest('hex') };
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(n >= 1024 * 1024 * 1024 ? 0 : 1)} MB`;

export async function importPaths(target: ImportTarget, paths: readonly string[], opts: ImportOptions): Promise<ImportSummary> {
  const started = now();
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const found = pairSidecars(withoutStoreFiles(walkPaths(paths), target.db.name));
  const bytesTotal = found.reduce((s, f) => s + (f.error || f.bytes > maxBytes ? 0 : f.bytes), 0);
  const writer = new ChartWriter(target.db);
  const summary: ImportSummary = { files: found.length, imported: 0, rejected: [], counts: {}, skipped: {}, bytes: 0, elapsedMs: 0, results: [], cancelled: false };
  let bytesDone = 0;
  let filesDone = 0;
  const progress = (): void => {
    if (!opts.onProgress) return;
    const elapsedMs = now() - started;
    const etaMs = bytesDone > 0 && bytesTotal > 0 ? Math.max(0, Math.round((elapsedMs * (bytesTotal - bytesDone)) / bytesDone)) : null;
    opts.onProgress({ filesDone, filesTotal: found.length, bytesDone, bytesTotal, elapsedMs: Math.round(elapsedMs), etaMs });
  };
  progress();

  for (const f of found) {
    if (opts.signal?.aborted) break;
    const result = await importOne(target, writer, f, maxBytes, opts, (n) => {
      bytesDone += n;
      progress();
    });
    // Cancelled while this file was being read or parsed: it is neither imported nor rejected.
    if (result === CANCELLED) break;
    filesDone++;
    summary.results.push(result);
    summary.bytes += result.bytes;
    if (result.outcome === 'imported') {
      summary.imported++;
      for (const [k, v] of Object.entries(result.counts)) {
        const into = k.startsWith('skipped:') ? summary.skipped : summary.counts;
        const name = k.startsWith('skipped:') ? k.slice(8) : k;
        into[name] = (into[name] ?? 0) + v;
      }
    } else {
      summary.rejected.push({ file: result.file, code: result.code!, reason: result.reason! });
    }
    progress();
  }
  summary.cancelled = !!opts.signal?.aborted && filesDone < found.length;
  summary.elapsedMs = Math.round(now() - started);
  return summary;
}

const CANCELLED = Symbol('cancelled');

async function importOne(
  target: ImportTarget,
  writer: ChartWriter,
  f: Found,
  maxBytes: number,
  opts: ImportOptions,
  onBytes: (n: number) => void,
): Promise<FileResult | typeof CANCELLED> {
  const base: FileResult = { file: f.file, format: null, outcome: 'rejected', bytes: f.bytes, counts: {} };
  if (f.error) return { ...base, ...f.error };
  if (f.bytes > maxBytes) {
    return record(target, opts, base, 'not-read', {
      code: 'BAD_INPUT',
      reason: `The file is ${mb(f.bytes)}; the import limit is ${mb(maxBytes)} per file. Split it (one bundle or note file per patient) and import the parts.`,
    });
  }
  let file: ImportFile;
  try {
    const { bytes, sha256 } = await readHashed(f.full!, onBytes, opts.signal);
    file = { name: f.file, bytes, sha256 };
  } catch {
    if (opts.signal?.aborted) return CANCELLED;
    return record(target, opts, base, 'not-read', { code: 'NOT_FOUND', reason: 'The file could not be read (missing, moved or not permitted).' });
  }
  if (file.bytes.length === 0) return record(target, opts, base, file.sha256, { code: 'BAD_INPUT', reason: 'The file is empty.' });
  if (f.sidecar) {
    try {
      file.sidecar = readSidecar(f.sidecar);
    } catch (e) {
      return record(target, opts, base, file.sha256, rejection(e, 'scan sidecar'));
    }
  }
  const importer = opts.importers.find((i) => safeDetect(i, file));
  if (!importer) {
    return record(target, opts, base, file.sha256, {
      code: 'BAD_INPUT',
      reason: `Unrecognised format; expected one of: ${opts.importers.map((i) => i.format).join(', ')}.`,
    });
  }
  const withFormat = { ...base, format: importer.format };
  let parsed: unknown;
  try {
    parsed = await importer.parse(file, { signal: opts.signal });
  } catch (e) {
    if (opts.signal?.aborted) return CANCELLED;
    return record(target, opts, withFormat, file.sha256, rejection(e, importer.format));
  }
  const before = { ...writer.counts };
  try {
    target.db.transaction(() => {
      writer.batch(() => importer.write(parsed, writer, file)); // documents analysed at the end, with all the file says about their patient
      const counts = diff(writer.counts, before);
      insertIngest(target.db, file.sha256, f.bytes, importer.format, 'imported', null, counts, opts.actor.userId ?? null);
    })();
  } catch (e) {
    restore(writer.counts, before);
    const err = toStoreError(e, target.db.name);
    if (err.code === 'DISK_FULL' || err.code === 'READ_ONLY') throw err;
    return record(target, opts, withFormat, file.sha256, rejection(e, importer.format));
  }
  const counts = diff(writer.counts, before);
  audit(target, opts, { ...withFormat, outcome: 'imported', counts }, file.sha256);
  const warnings = importer.warnings?.(parsed) ?? [];
  return { ...withFormat, outcome: 'imported', counts, sha256: file.sha256, ...(warnings.length ? { warnings } : {}) };
}

function safeDetect(i: Importer, file: ImportFile): boolean {
  try {
    return i.detect(file);
  } catch {
    return false;
  }
}

/** The code and reason to report: an importer's own NtkError as is; anything else without its message. */
function rejection(e: unknown, format: string): { code: string; reason: string } {
  if (isNtkError(e)) return { code: e.code, reason: e.message };
  const code = String((e as { code?: unknown })?.code ?? '');
  if (code.startsWith('SQLITE_CONSTRAINT')) return { code: 'BAD_INPUT', reason: `The ${format} file holds data the store cannot accept (a required value is missing or out of range); nothing from it was stored.` };
  return { code: 'BAD_INPUT', reason: `The file could not be read as ${format}.` };
}

function record(target: ImportTarget, opts: ImportOptions, r: FileResult, sha256: string, why: { code: string; reason: string }): FileResult {
  const out: FileResult = { ...r, outcome: 'rejected', ...why };
  insertIngest(target.db, sha256, r.bytes, r.format, 'rejected', why.code, {}, opts.actor.userId ?? null);
  audit(target, opts, out, sha256);
  return out;
}

function insertIngest(db: Database, sha256: string, bytes: number, format: string | null, outcome: string, code: string | null, counts: WriteCounts, userId: number | null): void {
  db.prepare('INSERT INTO ingest_file (sha256, bytes, format, outcome, error_code, counts_json, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    sha256,
    bytes,
    format,
    outcome,
    code,
    JSON.stringify(counts),
    userId,
  );
}

function audit(target: ImportTarget, opts: ImportOptions, r: FileResult, sha256: string): void {
  const rows = Object.entries(r.counts).reduce((s, [k, v]) => (k.startsWith('skipped:') ? s : s + v), 0);
  target.audit.append({
    ...opts.actor,
    action: 'C',
    eventType: 'ingest.file',
    outcome: r.outcome === 'imported' ? 'success' : 'failure',
    detail: { format: r.format, bytes: r.bytes, sha256, rows, code: r.code ?? null },
  });
}

function diff(now: WriteCounts, before: WriteCounts): WriteCounts {
  const out: WriteCounts = {};
  for (const [k, v] of Object.entries(now)) if (v !== (before[k] ?? 0)) out[k] = v - (before[k] ?? 0);
  return out;
}

function restore(counts: WriteCounts, before: WriteCounts): void {
  for (const k of Object.keys(counts)) delete counts[k];
  Object.assign(counts, before);
}
