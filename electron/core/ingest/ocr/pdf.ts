/**
 * PDFs, read with pdfjs-dist (legacy build for Node) with everything that could reach out or run
 * code switched off: no eval, no font faces, no system fonts, no worker fetches. Each page is read
 * from its text layer when it has one; a page without text but with images (a scan) is rendered
 * to a PNG in memory (@napi-rs/canvas, pdfjs's Node canvas) and OCR'd by the pool.
 *
 * Truncated, encrypted (user password) or unreadable PDFs are BAD_INPUT, never partially imported.
 */
import path from 'node:path';
import { NtkError } from '../../errors';
import { localRequire } from './local-require';
import { MAX_OCR_PIXELS } from './page-size';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { OcrPageResult } from './pool';

export interface PdfPage {
  text: string;
  /** null for pages read from the text layer. */
  ocrConfidence: number | null;
}

export interface ReadPdfOptions {
  ocr(image: Buffer): Promise<OcrPageResult>;
  progress?(done: number, total: number): void;
  signal?: AbortSignal;
  /**
   * How a scanned page becomes an image: 'render' draws the page (needs @napi-rs/canvas), 'extract'
   * takes the page's embedded images as decoded by pdfjs (no canvas). Default: render when the
   * canvas is installed, else extract.
   */
  scanMode?: 'render' | 'extract';
}

const bad = (m: string) => new NtkError('BAD_INPUT', m);
const MAX_RENDER_SIDE = 5000;
/** Pages with fewer non-space characters in their text layer are treated as scans. */
const MIN_TEXT_CHARS = 16;
/** Render resolution for OCR. */
const RENDER_DPI = 300;

/**
 * pdfjs's own data, read from the package folder with fs (its Node factories never fetch):
 * standard fonts and CMaps for rendering text on mixed pages, and the WASM JBIG2/JPEG 2000
 * decoders scanners use for page images. Trailing slashes are required by pdfjs.
 */
export function pdfjsDataPaths(): { standardFontDataUrl: string; cMapUrl: string; wasmUrl: string } {
  const dir = path.dirname(localRequire().resolve('pdfjs-dist/package.json'));
  return {
    standardFontDataUrl: path.join(dir, 'standard_fonts') + path.sep,
    cMapUrl: path.join(dir, 'cmaps') + path.sep,
    wasmUrl: path.join(dir, 'wasm') + path.sep,
  };
}

export function looksPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes('%PDF-');
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;
const loadPdfJs = (): Promise<PdfJs> => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

type Canvas = typeof import('@napi-rs/canvas');
let canvasMod: Promise<Canvas | null> | null = null;
const loadCanvas = (): Promise<Canvas | null> => (canvasMod ??= import('@napi-rs/canvas').catch(() => null));

/** Whether image-only pages can be rendered here (the optional native canvas is installed). */
export async function canRenderPdfPages(): Promise<boolean> {
  return (await loadCanvas()) !== null;
}

export async function readPdf(bytes: Buffer, o: ReadPdfOptions): Promise<PdfPage[]> {
  if (!looksPdf(bytes)) throw bad('The file is not a PDF.');
  // pdfjs repairs damaged cross-reference tables silently; a file cut short loses pages, so refuse it.
  if (!bytes.subarray(Math.max(0, bytes.length - 2048)).includes('%%EOF')) throw bad('The PDF is truncated (no end-of-file marker).');
  const { getDocument, OPS } = await loadPdfJs();
  const task = getDocument({
    data: new Uint8Array(bytes), // pdfjs transfers (detaches) the buffer it is given: pass a copy
    ...pdfjsDataPaths(),
    cMapPacked: true,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    stopAtErrors: true,
    // An embedded image over the OCR page limit is not decoded (the page then reads as blank and
    // needs review) rather than grown into memory.
    maxImageSize: MAX_OCR_PIXELS,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    const name = (e as { name?: string } | null)?.name;
    if (name === 'PasswordException') throw bad('The PDF is encrypted with a password; decrypt it before importing.');
    throw bad('The PDF could not be read (damaged or not a PDF).');
  }
  try {
    // Pages are rendered here one at a time; their OCR runs in the pool meanwhile, in parallel.
    const pages: Array<Promise<PdfPage>> = [];
    let done = 0;
    const tick = () => o.progress?.(++done, doc.numPages);
    for (let n = 1; n <= doc.numPages; n++) {
      if (o.signal?.aborted) throw new NtkError('INTERNAL', 'The import was cancelled.');
      let page;
      let text: string;
      let images: number;
      let visibleText: number;
      let ops: Awaited<ReturnType<PDFPageProxy['getOperatorList']>>;
      try {
        page = await doc.getPage(n);
        text = textOf(await page.getTextContent());
        ops = await page.getOperatorList();
        images = ops.fnArray.filter((f) => f === OPS.paintImageXObject || f === OPS.paintInlineImageXObject || f === OPS.paintImageMaskXObject).length;
        visibleText = countVisibleText(ops, OPS);
      } catch {
        throw bad(`Page ${n} of the PDF could not be read (damaged file).`);
      }
      // A page whose only text is invisible (render mode 3, or zero alpha) over an image is a scan carrying someone
      // else's OCR layer, of unknown quality: OCR it here so it gets a confidence like any scan.
      if (images === 0 || (text.replace(/\s+/g, '').length >= MIN_TEXT_CHARS && visibleText > 0)) {
        pages.push(Promise.resolve({ text, ocrConfidence: null }));
        tick();
      } else {
        const mode = o.scanMode ?? ((await canRenderPdfPages()) ? 'render' : 'extract');
        const imgs = mode === 'render' ? [await renderPage(page, RENDER_DPI)] : await extractImages(page, ops, OPS);
        const ocr = Promise.all(imgs.map((img) => o.ocr(img))).then((rs) => (tick(), combine(rs)));
        ocr.catch(() => {}); // awaited below; avoid an unhandled rejection while later pages render
        pages.push(ocr);
      }
      page.cleanup();
    }
    return await Promise.all(pages);
  } finally {
    await doc.destroy();
  }
}

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

/** A page's text items joined into lines (exported for the hostile-input tests). */
export function textOf(content: { items: unknown[] }): string {
  let out = '';
  for (const it of content.items as TextItemLike[]) {
    if (typeof it.str !== 'string') continue;
    out += it.str;
    if (it.hasEOL) out += '\n';
  }
  // Matched only from the start of a run of blanks: retried inside a long run not followed by '\n' it is quadratic.
  return out.replace(/(?<![ \t])[ \t]+\n/g, '\n').trim();
}

async function renderPage(page: PDFPageProxy, dpi: number): Promise<Buffer> {
  const canvasLib = await loadCanvas();
  if (!canvasLib) throw new NtkError('INTERNAL', 'This PDF page is a scan, and the page renderer (@napi-rs/canvas) is not installed.');
  const base = page.getViewport({ scale: 1 });
  const scale = Math.min(dpi / 72, MAX_RENDER_SIDE / Math.max(base.width, base.height));
  const viewport = page.getViewport({ scale });
  const canvas = canvasLib.createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  try {
    await page.render({ canvas: canvas as never, canvasContext: ctx as never, viewport }).promise;
  } catch {
    throw bad('A scanned page of the PDF could not be rendered (damaged image data).');
  }
  return canvas.toBuffer('image/png');
}

/**
 * How many text-showing operations draw visible glyphs: not in text render mode 3 or 7
 * (invisible) and not with a zero fill alpha (ExtGState /ca 0), the two ways OCR layers hide.
 */
function countVisibleText(ops: { fnArray: number[]; argsArray: unknown[] }, OPS: PdfJs['OPS']): number {
  const shows = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
  let gs = { mode: 0, alpha: 1 };
  const stack: Array<typeof gs> = [];
  let visible = 0;
  ops.fnArray.forEach((fn, i) => {
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push({ ...gs });
    else if (fn === OPS.restore) gs = stack.pop() ?? { mode: 0, alpha: 1 };
    else if (fn === OPS.setTextRenderingMode) gs.mode = Number(args?.[0]);
    else if (fn === OPS.setGState && Array.isArray(args?.[0])) {
      for (const pair of args[0] as unknown[]) if (Array.isArray(pair) && pair[0] === 'ca') gs.alpha = Number(pair[1]);
    } else if (shows.has(fn) && gs.mode !== 3 && gs.mode !== 7 && gs.alpha > 0) visible++;
  });
  return visible;
}

/** Several images of one page: texts in order, confidence weighted by text length. */
function combine(rs: OcrPageResult[]): PdfPage {
  if (rs.length === 0) return { text: '', ocrConfidence: 0 };
  const weight = (r: OcrPageResult) => Math.max(1, r.text.trim().length);
  const total = rs.reduce((a, r) => a + weight(r), 0);
  return { text: rs.map((r) => r.text.trim()).filter((t) => t !== '').join('\n'), ocrConfidence: rs.reduce((a, r) => a + r.confidence * weight(r), 0) / total };
}

interface PdfImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

/**
 * The page's embedded images (pdfjs decodes every filter, JBIG2 and JPEG 2000 included), as PNM
 * buffers tesseract reads directly — no canvas, no PNG encoder, no temp files. Images smaller than
 * a tenth of the largest (logos, stamps) are left out.
 */
async function extractImages(page: PDFPageProxy, ops: { fnArray: number[]; argsArray: unknown[] }, OPS: PdfJs['OPS']): Promise<Buffer[]> {
  const ids: string[] = [];
  ops.fnArray.forEach((fn, i) => {
    if (fn === OPS.paintImageXObject) ids.push(String((ops.argsArray[i] as unknown[])[0]));
  });
  const imgs: PdfImage[] = [];
  for (const id of ids) {
    const objs = id.startsWith('g_') ? page.commonObjs : page.objs;
    const img = await new Promise<PdfImage | null>((resolve) => {
      try {
        (objs as unknown as { get(id: string, cb: (v: unknown) => void): void }).get(id, (v) => resolve((v as PdfImage) ?? null));
      } catch {
        resolve(null);
      }
    });
    if (img?.data && img.width > 0 && img.height > 0) imgs.push(img);
  }
  const largest = Math.max(0, ...imgs.map((i) => i.width * i.height));
  return imgs.filter((i) => i.width * i.height >= largest / 10).map(toPnm).filter((b): b is Buffer => b !== null);
}

function toPnm(img: PdfImage): Buffer | null {
  const { width: w, height: h, kind, data } = img;
  if (!data) return null;
  if (kind === 1) {
    // 1 bit per pixel, rows padded to bytes, 1 = white: PBM wants 1 = black.
    const stride = (w + 7) >> 3;
    if (data.length < stride * h) return null;
    const bits = Buffer.alloc(stride * h);
    for (let i = 0; i < bits.length; i++) bits[i] = ~data[i]! & 0xff;
    return Buffer.concat([Buffer.from(`P4\n${w} ${h}\n`, 'latin1'), bits]);
  }
  const channels = kind === 2 ? 3 : kind === 3 ? 4 : 0;
  if (!channels || data.length < w * h * channels) return null;
  const rgb = Buffer.alloc(w * h * 3);
  for (let p = 0; p < w * h; p++) {
    const a = channels === 4 ? data[p * 4 + 3]! / 255 : 1;
    for (let c = 0; c < 3; c++) rgb[p * 3 + c] = Math.round(data[p * channels + c]! * a + 255 * (1 - a));
  }
  return Buffer.concat([Buffer.from(`P6\n${w} ${h}\n255\n`, 'latin1'), rgb]);
}
