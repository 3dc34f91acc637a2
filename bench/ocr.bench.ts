/**
 * OCR throughput: the tesseract.js worker pool (one worker per core, warmed up first, as in the app)
 * against the native `tesseract` CLI run one process per core in parallel (OMP_THREAD_LIMIT=1 so
 * each process uses one core, as the pool's workers do), on the same pages: the scanned-forms
 * corpus images when present, else generated text pages. Reported as pages/minute and a ratio.
 *
 * The ratio compares engines doing the same work: the native CLI reads the very model file the
 * app's workers load (`--tessdata-dir` on the gunzipped `@tesseract.js-data/eng` file) in the
 * app's page segmentation mode (`--psm`). As installed, the CLI differs on both: Debian's `eng` data
 * is tessdata_fast, a smaller network (a 0.4 MB LSTM against 1.5 MB), and it segments pages in
 * mode 3 rather than 6. That run is reported beside it as `native_as_installed_*`, a comparison of
 * models and layouts as much as of engines.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { OCR_PAGE_SEG_MODE, OcrPool, ocrWorkerOptions } from '../electron/core/ingest/ocr/pool';
import { textPng } from '../test/support/ocr-images';
import { corporaDir } from '../test/support/corpora';
import { median, round } from './stats';

const run = promisify(execFile);
const FORMS = path.join(corporaDir(), 'scanned-forms');
const NATIVE = '/usr/bin/tesseract';

interface Page {
  bytes: Buffer;
  file: string | null;
}

const GENERATED = Array.from({ length: 30 }, (_, i) => `Line ${i + 1}: Patient seen for follow-up; Dx E11.9, I10; plan unchanged.`);
const generatedPage = () => textPng(GENERATED, { width: 2400, size: 36 });

function pages(): { source: string; pages: Page[] } {
  if (fs.existsSync(FORMS)) {
    const files = fs.readdirSync(FORMS).filter((f) => /\.(png|jpe?g)$/i.test(f)).sort();
    return { source: 'scanned-forms corpus', pages: files.map((f) => ({ bytes: fs.readFileSync(path.join(FORMS, f)), file: path.join(FORMS, f) })) };
  }
  return { source: 'generated', pages: Array.from({ length: 6 }, () => ({ bytes: generatedPage(), file: null })) };
}

/** The pool warmed as a running app's would be; `startMs` is the model load (first line read). */
async function warmPool(size: number) {
  const p = new OcrPool({ size });
  const t0 = performance.now();
  await Promise.all(Array.from({ length: size }, () => p.recognize(textPng(['warm up']))));
  const startMs = performance.now() - t0;
  // Then a full page each, so V8 has compiled the hot WASM functions with its optimizing tier
  // (a one-line warm-up left that compiling, on background threads, to the timed pages).
  const warm = generatedPage();
  await Promise.all(Array.from({ length: size }, () => p.recognize(warm)));
  return { pool: p, startMs: round(startMs, 0) };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await run();
  return (performance.now() - t) / 1000;
}

/** `tessdataDir` null: the CLI as installed (its own model, its default page segmentation). */
async function native(ps: Page[], size: number, scratch: string, tessdataDir: string | null) {
  const model = tessdataDir === null ? [] : ['--tessdata-dir', tessdataDir, '--psm', OCR_PAGE_SEG_MODE];
  const files = ps.map((pg, i) => {
    if (pg.file) return pg.file;
    const f = path.join(scratch, `page${i}.png`);
    fs.writeFileSync(f, pg.bytes);
    return f;
  });
  const queue = [...files];
  await Promise.all(
    Array.from({ length: size }, async () => {
      for (let f = queue.shift(); f; f = queue.shift()) await run(NATIVE, [f, 'stdout', '-l', 'eng', ...model], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 64 << 20 });
    }),
  );
}

/** Rounds of the whole page set, engines taking turns, so a burst of load elsewhere hits all. */
const ROUNDS = 3;

export async function ocrBench() {
  const size = os.availableParallelism?.() ?? os.cpus().length;
  const { source, pages: ps } = pages();
  const hasNative = fs.existsSync(NATIVE);
  const nativeVersion = hasNative ? (execFileSync(NATIVE, ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? null) : null;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-ocr-bench-'));
  const { pool, startMs } = await warmPool(size);
  const sec = { js: [] as number[], native: [] as number[], installed: [] as number[] };
  try {
    const tessdata = path.join(scratch, 'tessdata');
    fs.mkdirSync(tessdata);
    fs.writeFileSync(path.join(tessdata, 'eng.traineddata'), gunzipSync(fs.readFileSync(path.join(ocrWorkerOptions().langPath, 'eng.traineddata.gz'))));
    for (let r = 0; r < ROUNDS; r++) {
      sec.js.push(await timed(() => Promise.all(ps.map((pg) => pool.recognize(pg.bytes)))));
      if (!hasNative) continue;
      sec.native.push(await timed(() => native(ps, size, scratch, tessdata)));
      sec.installed.push(await timed(() => native(ps, size, scratch, null)));
    }
  } finally {
    await pool.terminate();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const ppm = (xs: number[]): number | null => (xs.length === 0 ? null : (ps.length / median(xs)) * 60);
  const jsPpm = ppm(sec.js)!;
  const nativePpm = ppm(sec.native);
  const installedPpm = ppm(sec.installed);
  return {
    source,
    pages: ps.length,
    rounds: ROUNDS,
    workers: size,
    pool_start_ms: startMs,
    tesseractjs_pages_per_min: round(jsPpm, 1),
    native_pages_per_min: nativePpm === null ? null : round(nativePpm, 1),
    native_version: nativeVersion,
    ratio_vs_native: nativePpm === null ? null : round(jsPpm / nativePpm, 2),
    ratio_per_round: sec.native.map((n, i) => round(n / sec.js[i]!, 2)),
    target_ratio: 0.8,
    native_as_installed_pages_per_min: installedPpm === null ? null : round(installedPpm, 1),
    ratio_vs_native_as_installed: installedPpm === null ? null : round(jsPpm / installedPpm, 2),
  };
}
