import fs from 'node:fs';
import { APP_INFO } from '../core/app-info';
import { queryAudit, type AuditFilter } from '../core/audit/query';
import { toCsv, toNdjson } from '../core/audit/export';
import { verifyAudit, type VerifyReport } from '../core/audit/verify';
import { createBackend } from '../core/backend';
import type { KeySource } from '../core/db/keys';
import { UsageError } from './options';

const open = (dbPath: string, keys: KeySource) => createBackend({ app: APP_INFO, store: { path: dbPath, keys } });

/** `ntk audit verify`: walks the chain; the verification itself is audited. */
export function auditVerifyCommand(dbPath: string, keys: KeySource): VerifyReport {
  const backend = open(dbPath, keys);
  try {
    const report = verifyAudit(backend.store.db, backend.store.auditKey, backend.store.path);
    backend.audit.append({ username: 'cli', action: 'E', eventType: 'audit.verify', outcome: report.ok ? 'success' : 'failure', detail: { records: report.records, via: 'cli' } });
    return report;
  } finally {
    backend.close();
  }
}

export function formatVerify(r: VerifyReport): string {
  return r.ok
    ? `audit log intact: ${r.records} records, last signed checkpoint at ${r.checkpointSeq ?? 'none'}`
    : `AUDIT LOG BROKEN at record ${r.broken!.seq} (${r.broken!.kind}): ${r.broken!.message}`;
}

/** `ntk audit export`: newest first, filtered, to a file or stdout; the export is audited. */
export function auditExportCommand(dbPath: string, keys: KeySource, format: string | undefined, filter: AuditFilter, out: string | undefined, write: (s: string) => void): number {
  if (format !== 'fhir-ndjson' && format !== 'csv') throw new UsageError('--format must be fhir-ndjson or csv.');
  const backend = open(dbPath, keys);
  try {
    const rows = queryAudit(backend.store.db, filter);
    const chunks = format === 'csv' ? toCsv(rows) : toNdjson(rows);
    if (out) {
      const fd = fs.openSync(out, 'w', 0o600);
      try {
        for (const c of chunks) fs.writeSync(fd, c);
      } finally {
        fs.closeSync(fd);
      }
    } else {
      for (const c of chunks) write(c);
    }
    backend.audit.append({ username: 'cli', action: 'E', eventType: 'audit.export', outcome: 'success', detail: { format, rows: rows.length, via: 'cli' } });
    return rows.length;
  } finally {
    backend.close();
  }
}
