/**
 * Retention purge: 50 demo patients purged in one transaction with secure_delete on, then the WAL
 * checkpointed and truncated; and the exposure inventory over the same store before the purge.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLog } from '../electron/core/audit/audit-log';
import { manualClock } from '../electron/core/clock';
import { createKeyFile, keyFileKeySource } from '../electron/core/db/keys';
import { Store } from '../electron/core/db/store';
import { writeDemo } from '../electron/core/ingest/synthetic';
import { buildInventory } from '../electron/core/retention/inventory';
import { RetentionService } from '../electron/core/retention/retention-service';
import { round } from './stats';

export function retentionBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-bench-retention-'));
  try {
    const keyFile = path.join(dir, 'k');
    createKeyFile(keyFile);
    const store = Store.open({ path: path.join(dir, 'r.ntk'), keys: keyFileKeySource(keyFile), create: true });
    const clock = manualClock(Date.now());
    const demo = writeDemo(store.db, { patients: 50, seed: 3 });
    const audit = new AuditLog(store.db, store.auditKey, store.path, 'bench', clock);
    let t = performance.now();
    const inv = buildInventory(store.db, clock.now());
    const inventoryMs = performance.now() - t;
    const fileBefore = fs.statSync(store.path).size;
    clock.advance(31 * 86_400_000);
    t = performance.now();
    const report = new RetentionService(store.db, audit, clock).runDue();
    const purgeS = (performance.now() - t) / 1000;
    store.close();
    return {
      patients: report.totals.patients,
      documents: report.totals.documents,
      rows: report.totals.rows,
      purge_s: round(purgeS),
      purge_patients_per_s: Math.round(report.totals.patients / purgeS),
      wal_truncated: report.walTruncated,
      inventory_ms_50_patients: round(inventoryMs),
      inventory_patients: inv.totals.patients,
      demo_documents: demo.counts.document ?? 0,
      store_mb: round(fileBefore / 1e6, 2),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
