/**
 * Views: (1) the whole import-time analysis (segment + classify + tag + identifiers) on MTSamples
 * text, MB/s on one core (skipped without the corpus); (2) chart open for a 1,000-document
 * encounter to a ready view (analysis precomputed; the audit append included), p50/p95 ms, and one
 * document open; peak RSS of the process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_INFO } from '../electron/core/app-info';
import { createBackend } from '../electron/core/backend';
import { ChartWriter } from '../electron/core/db/chart-writer';
import { createKeyFile, keyFileKeySource } from '../electron/core/db/keys';
import { analyzeDocument } from '../electron/core/redaction/analyze-document';
import type { Viewer } from '../electron/core/redaction/views';
import { corporaDir } from '../test/support/corpora';
import { mtsamplesNotes } from '../scripts/eval/csv';
import { round, timeRuns } from './stats';

const FALLBACK = `HISTORY OF PRESENT ILLNESS:
Mr. John Carter is a 71-year-old man seen on 03/14/2024 for chest pain. Call 617-555-0142.
SOCIAL HISTORY:
He drinks alcohol daily and uses heroin.
PAST PSYCHIATRIC HISTORY:
Depression treated with sertraline.
ASSESSMENT AND PLAN:
Unstable angina; cardiology consult by Dr. Amy Lee.
`;

function notes(corpora: string): string[] | null {
  const file = path.join(corpora, 'mtsamples/mtsamples.csv');
  return fs.existsSync(file) ? mtsamplesNotes(fs.readFileSync(file, 'utf8')) : null;
}

function pipelineBench(texts: string[] | null) {
  if (!texts) return { skipped: 'mtsamples corpus not found' };
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  for (const t of texts.slice(0, 200)) analyzeDocument(t);
  const rates: number[] = [];
  for (let run = 0; run < 2; run++) {
    const t0 = performance.now();
    for (const t of texts) analyzeDocument(t);
    rates.push(bytes / 1e6 / ((performance.now() - t0) / 1000));
  }
  return { documents: texts.length, MB: round(bytes / 1e6), MB_per_s_runs: rates.map((r) => round(r)), MB_per_s_best: round(Math.max(...rates)) };
}

function chartOpenBench(texts: string[] | null, documents = 1000) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-bench-views-'));
  try {
    const keyFile = path.join(dir, 'k');
    createKeyFile(keyFile);
    const backend = createBackend({ app: APP_INFO, workstation: 'bench', store: { path: path.join(dir, 's.ntk'), keys: keyFileKeySource(keyFile), create: true } });
    const db = backend.store.db;
    const w = new ChartWriter(db);
    const t0 = performance.now();
    const encounterId = db.transaction(() => {
      const patientId = w.patient({ sourceSystem: 'bench', sourceId: 'p', givenName: 'John', familyName: 'Carter', mrn: '123456' });
      const e = w.encounter({ sourceSystem: 'bench', sourceId: 'e', patientId, periodStart: '2024-01-01' });
      w.condition({ sourceSystem: 'bench', sourceId: 'c', patientId, encounterId: e, codeSystem: 'ICD-10-CM', code: 'F11.20' });
      for (let i = 0; i < documents; i++) {
        const text = texts ? texts[i % texts.length]! : FALLBACK;
        w.document({ sourceSystem: 'bench', sourceId: `d${i}`, patientId, encounterId: e, docType: 'progress-note', title: `Note ${i}`, authoredAt: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, text, format: 'text' });
      }
      return e;
    })();
    const importMs = performance.now() - t0;
    const sections = (db.prepare('SELECT COUNT(*) AS n FROM section').get() as { n: number }).n;
    const viewer: Viewer = { userId: 0, username: 'bench', role: 'coder', purpose: null };
    backend.views.declarePurpose(viewer, 'inpatient_coding', encounterId);
    let listed = 0;
    for (let i = 0; i < 5; i++) listed = backend.views.openChart(viewer, encounterId).documents.length;
    const open = timeRuns(60, () => void backend.views.openChart(viewer, encounterId));
    const handles = backend.views.openChart(viewer, encounterId).documents.map((d) => d.id);
    let k = 0;
    const doc = timeRuns(200, () => void backend.views.openDocument(viewer, handles[k++ % handles.length]!));
    backend.close();
    return { documents, sections, listed, import_ms: round(importMs), chart_open_ms: open, document_open_ms: doc };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function viewsBench(corpora = corporaDir()) {
  const texts = notes(corpora);
  const pipeline = pipelineBench(texts);
  const chart = chartOpenBench(texts);
  return { redaction_pipeline: pipeline, chart_open: chart, peak_rss_MB: round(process.resourceUsage().maxRSS / 1024) };
}

if (process.argv[1] && /views\.bench\.ts$/.test(process.argv[1])) process.stdout.write(JSON.stringify(viewsBench(process.env.NTK_CORPORA ?? undefined), null, 2) + '\n');
