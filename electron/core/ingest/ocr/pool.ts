/**
 * A pool of tesseract.js workers (worker threads running the WASM build), one per core, created
 * lazily on the first page and reused for every page after; `closeOcrPool()` terminates them (the
 * backend calls it on close).
 *
 * Offline by construction: the English model is read from the `@tesseract.js-data/eng` package on
 * disk (langPath is a local folder, so tesseract.js reads it with fs, never fetch), the WASM core is
 * required from `tesseract.js-core`, the worker script is the package's local file, and the model
 * cache is off (tesseract.js would otherwise write `eng.traineddata` into the working directory).
 * Images are passed as in-memory buffers: no temp files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Tesseract from 'tesseract.js';
import { NtkError } from '../../errors';
import { localRequire } from './local-require';
import { checkOcrPageSize } from './page-size';

export interface OcrPageResult {
  text: string;
  /** Tesseract's mean word confidence for the page, 0..100. */
  confidence: number;
}

export interface OcrWorkerOptions {
  langPath: string;
  workerPath: string;
  corePath: string;
  cacheMethod: 'none';
  gzip: boolean;
}

/** The folder of `@tesseract.js-data/eng` the workers load (the bench runs native tesseract on the same file). */
export const OCR_MODEL_DIR = '4.0.0_best_int';

/**
 * Page segmentation mode 6, one uniform block of text: what tesseract.js runs unless told otherwise,
 * set here on purpose. The native CLI defaults to mode 3 (automatic layout); on the scanned-forms
 * corpus mode 3 returned an empty page for the insurance card and dropped the invoice's table
 * amounts, while mode 6 read both (more dictionary words and numbers over all eight pages).
 */
export const OCR_PAGE_SEG_MODE = '6';

/** The local paths every worker is created with (asserted by the offline test). */
export function ocrWorkerOptions(): OcrWorkerOptions {
  const req = localRequire();
  const dataDir = path.dirname(req.resolve('@tesseract.js-data/eng/package.json'));
  // The package holds 4.0.0 (tessdata: the legacy engine's data plus an integer LSTM, 23 MB) and
  // 4.0.0_best_int (the same LSTM network alone, 5 MB). We run the LSTM engine only, so the
  // LSTM-only file: a quarter of the bytes to gunzip and hold per worker, the same text.
  const langPath = path.join(dataDir, OCR_MODEL_DIR);
  if (!fs.existsSync(path.join(langPath, 'eng.traineddata.gz'))) throw new NtkError('INTERNAL', 'The OCR language data is not installed.');
  const tessDir = path.dirname(req.resolve('tesseract.js/package.json'));
  const coreDir = path.dirname(req.resolve('tesseract.js-core/package.json'));
  return {
    langPath,
    workerPath: path.join(tessDir, 'src', 'worker-script', 'node', 'index.js'),
    corePath: coreDir,
    cacheMethod: 'none',
    gzip: true,
  };
}

const SPAWN_TIMEOUT_MS = 60_000;

interface Job {
  image: Buffer;
  resolve(r: OcrPageResult): void;
  reject(e: unknown): void;
}

export interface OcrPoolOptions {
  size?: number;
  /** Tests only: a worker entry that wraps the real one (e.g. with the network disabled). */
  workerPath?: string;
}

export class OcrPool {
  readonly size: number;
  private readonly idle: Tesseract.Worker[] = [];
  private readonly all = new Set<Tesseract.Worker>();
  private starting = 0;
  private readonly queue: Job[] = [];
  private readonly running = new Map<Tesseract.Worker, Job>();
  private closed = false;

  constructor(private readonly opts: OcrPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? (os.availableParallelism?.() ?? os.cpus().length));
  }

  get workers(): number {
    return this.all.size;
  }

  /**
   * OCRs one image (PNG, JPEG, TIFF, BMP, PNM bytes). Rejects with BAD_INPUT if it cannot be decoded
   * or declares a page over the size limit (checked before a worker sees it: see page-size.ts).
   */
  recognize(image: Buffer): Promise<OcrPageResult> {
    if (this.closed) return Promise.reject(new NtkError('INTERNAL', 'The OCR pool is closed.'));
    try {
      checkOcrPageSize(image);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ image, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && this.idle.length > 0) this.run(this.idle.pop()!, this.queue.shift()!);
    if (this.queue.length > this.starting && this.all.size + this.starting < this.size) {
      this.starting++;
      void this.spawn().then(
        (w) => {
          this.starting--;
          if (this.closed) return void w.terminate();
          this.all.add(w);
          this.idle.push(w);
          this.pump();
        },
        (e: unknown) => {
          this.starting--;
          // No worker could start (missing model or core): fail what is waiting rather than hang.
          if (this.all.size === 0 && this.starting === 0) for (const j of this.queue.splice(0)) j.reject(new NtkError('INTERNAL', 'The OCR engine could not start.', { cause: e }));
        },
      );
    }
  }

  private async spawn(): Promise<Tesseract.Worker> {
    const { createWorker, OEM } = await import('tesseract.js');
    const o = ocrWorkerOptions();
    // tesseract.js never settles createWorker when loading the model fails: give up after a while.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('OCR worker start timed out')), SPAWN_TIMEOUT_MS);
      timer.unref();
    });
    const worker = createWorker('eng', OEM.LSTM_ONLY, {
      ...o,
      workerPath: this.opts.workerPath ?? o.workerPath,
      logger: () => {},
      // Without a handler tesseract.js rethrows a failed job from an event listener, killing the process.
      errorHandler: () => {},
    });
    try {
      const w = await Promise.race([worker, timeout]);
      await w.setParameters({ tessedit_pageseg_mode: OCR_PAGE_SEG_MODE as Tesseract.PSM });
      return w;
    } finally {
      clearTimeout(timer);
    }
  }

  private run(w: Tesseract.Worker, job: Job): void {
    this.running.set(w, job);
    w.recognize(job.image).then(
      (r) => {
        job.resolve({ text: r.data.text ?? '', confidence: Number.isFinite(r.data.confidence) ? r.data.confidence : 0 });
        this.release(w);
      },
      () => {
        job.reject(new NtkError('BAD_INPUT', 'The image could not be decoded (damaged or not an image).'));
        this.release(w);
      },
    );
  }

  private release(w: Tesseract.Worker): void {
    this.running.delete(w);
    if (this.closed) return void w.terminate().catch(() => {});
    this.idle.push(w);
    this.pump();
  }

  async terminate(): Promise<void> {
    this.closed = true;
    for (const j of [...this.queue.splice(0), ...this.running.values()]) j.reject(new NtkError('INTERNAL', 'The OCR pool was closed.'));
    this.running.clear();
    const ws = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(ws.map((w) => w.terminate().catch(() => {})));
  }
}

let shared: OcrPool | null = null;

/** The process-wide pool, created on first use. */
export function ocrPool(): OcrPool {
  shared ??= new OcrPool();
  return shared;
}

/** Terminates the shared pool's workers (backend close); the next OCR starts a new pool. */
export async function closeOcrPool(): Promise<void> {
  const p = shared;
  shared = null;
  if (p) await p.terminate();
}
