import fs from 'node:fs';
import { APP_INFO } from '../core/app-info';
import { queryAudit, type AuditFilter } from '../core/audit/query';
import { toCsv, toNdjson } from '../core/audit/export';
import { verifyAudit, type VerifyReport } from '../core/audit/verify';
import { HEAD_EXPORT_FORMAT, type ExportedHead } from '../core/audit/audit-log';
import { NtkError } from '../core/errors';
import { writeExportChunks } from '../core/save-path';
import { z } from 'zod';
import { createBackend } from '../core/backend';
import type { KeySource } from '../core/db/keys';
import { UsageError } from './options';

const open = (dbPath: string, keys: KeySource) => createBackend({ app: APP_INFO, store: { path: dbPath, keys } });

/** `ntk audit verify [--anchor FILE]`: walks the chain; the verification itself is audited. */
export function auditVerifyCommand(dbPath: string, keys: KeySource, anchorFile?: string): VerifyReport {
  const anchors = anchorFile ? readAnchors(anchorFile) : [];
  const backend = open(dbPath, keys);
  try {
    const report = verifyAudit(backend.store.db, backend.store.auditKey, backend.store.path, { headKey: backend.audit.headPublicKey, anchors });
    backend.audit.append({ username: 'cli', action: 'E', eventType: 'audit.verify', outcome: report.ok ? 'success' : 'failure', detail: { records: report.records, via: 'cli', anchors: anchors.length } });
    return report;
  } finally {
    backend.close();
  }
}

export function formatVerify(r: VerifyReport): string {
  const key = r.headKey ? `; head key ${r.headKey}` : '';
  if (r.ok) return `audit log intact: ${r.records} records, proven to record ${r.checkpointSeq ?? 'none'} by a signed head${key}`;
  if (r.broken!.kind === 'unverifiable') return `AUDIT LOG NOT PROVEN (${r.records} records, nothing found broken): ${r.broken!.message}${key}`;
  return `AUDIT LOG BROKEN at record ${r.broken!.seq} (${r.broken!.kind}): ${r.broken!.message}`;
}

/**
 * `ntk audit head [--out FILE]`: signs the current head with the head key and prints it for the
 * organization to keep (no PHI: a record number, a hash, a public key). `verify --anchor FILE`
 * later proves the log still holds that history, even if the head log beside the store was
 * rolled back. Exported heads are appended to FILE, one JSON line each.
 */
export function auditHeadCommand(dbPath: string, keys: KeySource, out: string | undefined): ExportedHead {
  const backend = open(dbPath, keys);
  try {
    const head = backend.audit.exportHead();
    if (!head) throw new NtkError('KEY_UNAVAILABLE', 'This process does not hold the audit head key (the app keeps it in the OS keychain; headless: NTK_AUDIT_KEY_FILE or the seed beside the store).');
    backend.audit.append({ username: 'cli', action: 'E', eventType: 'audit.head.export', outcome: 'success', detail: { seq: head.seq, via: 'cli' } });
    if (out) fs.appendFileSync(out, JSON.stringify(head) + '\n', { mode: 0o600 });
    return head;
  } finally {
    backend.close();
  }
}

const ExportedHeadSchema = z.object({
  format: z.literal(HEAD_EXPORT_FORMAT),
  workstation: z.string(),
  seq: z.number().int().nonnegative(),
  head: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  sig: z.string().regex(/^[0-9a-f]+$/),
  key: z.string().regex(/^[0-9a-f]+$/),
});

/** Reads exported heads (one JSON object per line); a malformed file is a usage error, not a pass. */
export function readAnchors(file: string): ExportedHead[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`Cannot read the exported head file ${file}.`);
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return ExportedHeadSchema.parse(JSON.parse(l)) as ExportedHead;
      } catch {
        throw new UsageError(`Line ${i + 1} of ${file} is not an exported audit head.`);
      }
    });
}

/** `ntk audit export`: newest first, filtered, to a file or stdout; the export is audited. */
export function auditExportCommand(dbPath: string, keys: KeySource, format: string | undefined, filter: AuditFilter, out: string | undefined, write: (s: string) => void): number {
  if (format !== 'fhir-ndjson' && format !== 'csv') throw new UsageError('--format must be fhir-ndjson or csv.');
  const backend = open(dbPath, keys);
  try {
    const rows = queryAudit(backend.store.db, filter);
    const chunks = format === 'csv' ? toCsv(rows) : toNdjson(rows);
    if (out) {
      writeExportChunks(out, chunks);
    } else {
      for (const c of chunks) write(c);
    }
    backend.audit.append({ username: 'cli', action: 'E', eventType: 'audit.export', outcome: 'success', detail: { format, rows: rows.length, via: 'cli' } });
    return rows.length;
  } finally {
    backend.close();
  }
}
