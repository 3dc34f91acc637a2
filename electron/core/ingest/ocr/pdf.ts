/**
 * PDFs, read with pdfjs-dist (legacy build for Node) with everything that could reach out or run
 * code switched off: no eval, no font faces, no system fonts, no worker fetches. Each page is read
 * from its text layer when it has one; a page without text but with images (a scan) is rendered
 * to a PNG in memory (@napi-rs/canvas, pdfjs's Node canvas) and OCR'd by the pool.
 *
 * Truncated, encrypted (user password) or unreadable PDFs are BAD_INPUT, never partially imported.
 */
import { NtkError } from '../../errors';
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
  /** Pages with fewer non-space characters in their text layer are treated as scans. */
  minTextChars?: number;
  /** Render resolution for OCR. */
  dpi?: number;
}

const bad = (m: string) => new NtkError('BAD_INPUT', m);
const MAX_RENDER_SIDE = 5000;

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
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    stopAtErrors: true,
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
    const minChars = o.minTextChars ?? 16;
    for (let n = 1; n <= doc.numPages; n++) {
      if (o.signal?.aborted) throw new NtkError('INTERNAL', 'The import was cancelled.');
      let page;
      let text: string;
      let images: number;
      try {
        page = await doc.getPage(n);
        text = textOf(await page.getTextContent());
        const ops = await page.getOperatorList();
        images = ops.fnArray.filter((f) => f === OPS.paintImageXObject || f === OPS.paintInlineImageXObject || f === OPS.paintImageMaskXObject).length;
      } catch {
        throw bad(`Page ${n} of the PDF could not be read (damaged file).`);
      }
      if (text.replace(/\s+/g, '').length >= minChars || images === 0) {
        pages.push(Promise.resolve({ text, ocrConfidence: null }));
        tick();
      } else {
        const png = await renderPage(page, o.dpi ?? 300);
        const ocr = o.ocr(png).then((r) => (tick(), { text: r.text, ocrConfidence: r.confidence }));
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

function textOf(content: { items: unknown[] }): string {
  let out = '';
  for (const it of content.items as TextItemLike[]) {
    if (typeof it.str !== 'string') continue;
    out += it.str;
    if (it.hasEOL) out += '\n';
  }
  return out.replace(/[ \t]+\n/g, '\n').trim();
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
