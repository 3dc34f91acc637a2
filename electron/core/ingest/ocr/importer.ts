/**
 * Scanned records: images (PNG, JPEG, TIFF — every page of a multi-page TIFF) OCR'd by the worker pool, and PDFs read from their text
 * layer or, page by page where there is none, rendered and OCR'd. Each file becomes one document
 * (docType 'scanned', format 'ocr' when any page was OCR'd, else 'pdf-text') with one page row per
 * page carrying its OCR confidence; a page under the confidence threshold (60) is flagged low and
 * the document is marked needs-review. OCR'd text goes through the ICD-10 repair first.
 *
 * The patient: a scan carries no structured identity, so the caller names the patient
 * (`patientSourceId`, an existing patient's source key). Without one, the file gets a placeholder
 * patient of its own keyed by the file's content hash — sourceSystem 'import-file', sourceId = the
 * SHA-256 — the same convention as the plain-text importer, to be merged into the right chart later.
 * The document uses the same key ('import-file', SHA-256), so re-importing a file updates it in place.
 */
import type { ChartWriter, PageInput, SourceKey } from '../../db/chart-writer';
import { NtkError } from '../../errors';
import type { Importer, ImportFile, ParseContext } from '../importer';
import { looksPdf, readPdf } from './pdf';
import { ocrPool, type OcrPool } from './pool';
import { imageKind } from './page-size';
import { repairIcd10 } from './repair';
import { scanSidecarOptions } from './sidecar';
import { tiffPage, tiffPageOffsets } from './tiff';

export const IMPORT_FILE_SOURCE = 'import-file';
export const LOW_CONFIDENCE = 60;

export interface ScanImporterOptions {
  /** The patient these scans belong to; without it each file gets a placeholder patient. */
  patientSourceId?: string;
  patientSourceSystem?: string;
  /** Pages with a lower OCR confidence are flagged and the document needs review. */
  lowConfidence?: number;
  pool?: () => OcrPool;
}

export interface ParsedScan {
  format: 'ocr' | 'pdf-text';
  text: string;
  pages: PageInput[];
  /** Mean confidence of the OCR'd pages; null when no page was OCR'd. */
  ocrConfidence: number | null;
  needsReview: boolean;
  /** How many code-shaped tokens the ICD-10 repair changed. */
  repairs: number;
  /** The patient the file's sidecar names (read at parse, so a bad sidecar fails before any OCR). */
  sidecar?: Pick<ScanImporterOptions, 'patientSourceSystem' | 'patientSourceId'>;
}

const PAGE_BREAK = '\n\n';

export { imageKind, type ImageKind } from './page-size';

const IMAGE_NAME = /\.(png|jpe?g|tiff?)$/i;

/** Joins page texts into one document text with page offsets; OCR'd pages are repaired first. */
export function assemble(pages: Array<{ text: string; ocrConfidence: number | null }>, low = LOW_CONFIDENCE): ParsedScan {
  let text = '';
  let repairs = 0;
  const out: PageInput[] = [];
  const confs: number[] = [];
  pages.forEach((p, i) => {
    // Trailing blanks are matched only from the start of a run (retried inside a long run, quadratic).
    let t = p.text.replace(/\r\n?/g, '\n').replace(/(?<![ \t])[ \t]+$/gm, '').trim();
    if (p.ocrConfidence !== null) {
      const r = repairIcd10(t);
      t = r.text;
      repairs += r.repairs.length;
      confs.push(p.ocrConfidence);
    }
    if (i > 0) text += PAGE_BREAK;
    const start = text.length;
    text += t;
    const isLow = p.ocrConfidence !== null && (p.ocrConfidence < low || t === '');
    out.push({ start, end: text.length, ocrConfidence: p.ocrConfidence, lowConfidence: isLow });
  });
  const ocr = confs.length > 0;
  return {
    format: ocr ? 'ocr' : 'pdf-text',
    text,
    pages: out,
    ocrConfidence: ocr ? Math.round((confs.reduce((a, b) => a + b, 0) / confs.length) * 10) / 10 : null,
    needsReview: out.some((p) => p.lowConfidence) || text.trim() === '',
    repairs,
  };
}

/**
 * The patient a scan is filed under. A scan already in the store keeps its patient unless it sits
 * under a placeholder and is now named (a sidecar, or the importer's patient); it never moves from
 * one named patient to another (the same bytes named for someone else are refused).
 */
function patientFor(writer: ChartWriter, file: ImportFile, parsed: ParsedScan, configured: ScanImporterOptions): number {
  // A sidecar beside the file names its patient, over whatever the importer was built with.
  const o = { ...configured, ...parsed.sidecar };
  const existing = writer.db
    .prepare('SELECT d.patient_id AS id, p.source_system AS system FROM document d JOIN patient p ON p.id = d.patient_id WHERE d.source_system = ? AND d.source_id = ?')
    .get(IMPORT_FILE_SOURCE, file.sha256) as { id: number; system: string } | undefined;
  if (o.patientSourceId) {
    const row = writer.db
      .prepare('SELECT id FROM patient WHERE source_system = ? AND source_id = ?')
      .get(o.patientSourceSystem ?? IMPORT_FILE_SOURCE, o.patientSourceId) as { id: number } | undefined;
    if (!row) throw new NtkError('NOT_FOUND', 'The patient named for this scan is not in the store.');
    if (existing && existing.id !== row.id && existing.system !== IMPORT_FILE_SOURCE) {
      throw new NtkError('CONFLICT', 'This scan is already filed under another patient; it was not moved.');
    }
    return row.id;
  }
  if (existing) return existing.id;
  return writer.patient({ sourceSystem: IMPORT_FILE_SOURCE, sourceId: file.sha256 });
}

/** The sidecar's patient, read before any OCR so a bad sidecar fails first. */
const sidecarOf = (file: ImportFile) => (file.sidecar ? scanSidecarOptions(file.sidecar) : undefined);

function writeScan(parsed: ParsedScan, writer: ChartWriter, file: ImportFile, o: ScanImporterOptions, title: string): void {
  const patientId = patientFor(writer, file, parsed, o);
  const key: SourceKey = { sourceSystem: IMPORT_FILE_SOURCE, sourceId: file.sha256 };
  writer.document({
    ...key,
    patientId,
    docType: 'scanned',
    title,
    text: parsed.text,
    format: parsed.format,
    contentSha256: file.sha256,
    ocrConfidence: parsed.ocrConfidence,
    needsReview: parsed.needsReview,
    pages: parsed.pages,
  });
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return out;
}

export function createImageImporter(o: ScanImporterOptions = {}): Importer<ParsedScan> {
  const pool = o.pool ?? ocrPool;
  return {
    format: 'image',
    detect: (file) => imageKind(file.bytes) !== null || (IMAGE_NAME.test(file.name) && !looksPdf(file.bytes)),
    async parse(file: ImportFile, ctx: ParseContext) {
      const sidecar = sidecarOf(file);
      const kind = imageKind(file.bytes);
      if (!kind) throw new NtkError('BAD_INPUT', 'The file is not a PNG, JPEG or TIFF image.');
      const p = pool();
      // A multi-page TIFF is OCR'd page by page, a few pages at a time (each page view is a copy).
      const pages = kind === 'tiff' ? tiffPageOffsets(file.bytes) : [null];
      let done = 0;
      ctx.progress?.(0, pages.length);
      const results = await mapLimit(pages, p.size, async (off) => {
        if (ctx.signal?.aborted) throw new NtkError('CONFLICT', 'The import was cancelled.');
        const r = await p.recognize(off === null || off === pages[0] ? file.bytes : tiffPage(file.bytes, off));
        ctx.progress?.(++done, pages.length);
        return { text: r.text, ocrConfidence: r.confidence };
      });
      return { ...assemble(results, o.lowConfidence), sidecar };
    },
    write: (parsed, writer, file) => writeScan(parsed, writer, file, o, 'Scanned image'),
  };
}

export function createPdfImporter(o: ScanImporterOptions = {}): Importer<ParsedScan> {
  const pool = o.pool ?? ocrPool;
  return {
    format: 'pdf',
    detect: (file) => looksPdf(file.bytes) || /\.pdf$/i.test(file.name),
    async parse(file: ImportFile, ctx: ParseContext) {
      const sidecar = sidecarOf(file);
      const pages = await readPdf(file.bytes, { ocr: (img) => pool().recognize(img), progress: ctx.progress, signal: ctx.signal });
      return { ...assemble(pages, o.lowConfidence), sidecar };
    },
    write: (parsed, writer, file) => writeScan(parsed, writer, file, o, parsed.format === 'ocr' ? 'Scanned PDF' : 'PDF document'),
  };
}

export const imageImporter = createImageImporter();
export const pdfImporter = createPdfImporter();
