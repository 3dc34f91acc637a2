/**
 * Demo generator: time to write a 1,000-document chart (the chart-open bench's fixture) and
 * 50 ordinary patients, including ChartWriter's import-time analysis of every note.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKeyFile, keyFileKeySource } from '../electron/core/db/keys';
import { Store } from '../electron/core/db/store';
import { writeDemo } from '../electron/core/ingest/synthetic';
import { round } from './stats';

function timed(opts: Parameters<typeof writeDemo>[1]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-bench-demo-'));
  try {
    const keyFile = path.join(dir, 'k');
    createKeyFile(keyFile);
    const store = Store.open({ path: path.join(dir, 'd.ntk'), keys: keyFileKeySource(keyFile), create: true });
    const t = performance.now();
    const r = writeDemo(store.db, opts);
    const s = (performance.now() - t) / 1000;
    const bytes = (store.db.prepare('SELECT coalesce(sum(length(text)), 0) AS b FROM document').get() as { b: number }).b;
    store.close();
    return { s: round(s), documents: r.counts.document ?? 0, documents_per_s: Math.round((r.counts.document ?? 0) / s), note_text_mb: round(bytes / 1e6, 3) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function demoBench() {
  return {
    big_chart_1000_documents: timed({ patients: 1, seed: 1, bigChartDocuments: 1000 }),
    patients_50: timed({ patients: 50, seed: 1 }),
  };
}
