/**
 * OCR throughput: the tesseract.js worker pool (one worker per core, warmed up first, as in the app)
 * against the native `tesseract` CLI run one process per core in parallel (OMP_THREAD_LIMIT=1 so
 * each process uses one core, as the pool's workers do), on the same pages: the scanned-forms
 * corpus images when present, else generated text pages. Reported as pages/minute and a ratio.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { OcrPool } from '../electron/core/ingest/ocr/pool';
import { textPng } from '../test/support/ocr-images';
import { corporaDir } from '../test/support/corpora';
import { round } from './stats';

const run = promisify(execFile);
const FORMS = path.join(corporaDir(), 'scanned-forms');
const NATIVE = '/usr/bin/tesseract';

interface Page {
  bytes: Buffer;
  file: string | null;
}

function pages(): { source: string; pages: Page[] } {
  if (fs.existsSync(FORMS)) {
    const files = fs.readdirSync(FORMS).filter((f) => /\.(png|jpe?g)$/i.test(f)).sort();
    return { source: 'scanned-forms corpus', pages: files.map((f) => ({ bytes: fs.readFileSync(path.join(FORMS, f)), file: path.join(FORMS, f) })) };
  }
  const lines = Array.from({ length: 30 }, (_, i) => `Line ${i + 1}: Patient seen for follow-up; Dx E11.9, I10; plan unchanged.`);
  return { source: 'generated', pages: Array.from({ length: 6 }, () => ({ bytes: textPng(lines, { width: 2400, size: 36 }), file: null })) };
}

async function pool(ps: Page[], size: number) {
  const p = new OcrPool({ size });
  const t0 = performance.now();
  // Warm every worker (model load) before timing, as a running app would have.
  await Promise.all(Array.from({ length: size }, () => p.recognize(textPng(['warm up']))));
  const startMs = performance.now() - t0;
  const t = performance.now();
  await Promise.all(ps.map((pg) => p.recognize(pg.bytes)));
  const sec = (performance.now() - t) / 1000;
  await p.terminate();
  return { startMs: round(startMs, 0), sec };
}

async function native(ps: Page[], size: number, scratch: string) {
  const files = ps.map((pg, i) => {
    if (pg.file) return pg.file;
    const f = path.join(scratch, `page${i}.png`);
    fs.writeFileSync(f, pg.bytes);
    return f;
  });
  const queue = [...files];
  const t = performance.now();
  await Promise.all(
    Array.from({ length: size }, async () => {
      for (let f = queue.shift(); f; f = queue.shift()) await run(NATIVE, [f, 'stdout', '-l', 'eng'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 64 << 20 });
    }),
  );
  return (performance.now() - t) / 1000;
}

export async function ocrBench() {
  const size = os.availableParallelism?.() ?? os.cpus().length;
  const { source, pages: ps } = pages();
  const js = await pool(ps, size);
  const jsPpm = (ps.length / js.sec) * 60;
  let nativePpm: number | null = null;
  let nativeVersion: string | null = null;
  if (fs.existsSync(NATIVE)) {
    nativeVersion = execFileSync(NATIVE, ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? null;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-ocr-bench-'));
    try {
      nativePpm = (ps.length / (await native(ps, size, scratch))) * 60;
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }
  return {
    source,
    pages: ps.length,
    workers: size,
    pool_start_ms: js.startMs,
    tesseractjs_pages_per_min: round(jsPpm, 1),
    native_pages_per_min: nativePpm === null ? null : round(nativePpm, 1),
    native_version: nativeVersion,
    ratio_vs_native: nativePpm === null ? null : round(jsPpm / nativePpm, 2),
    target_ratio: 0.8,
  };
}
