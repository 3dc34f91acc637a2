/**
 * One importer per format (FHIR, C-CDA, text, X12 835, scanned images/PDFs). The pipeline reads a
 * file, asks each importer whether it recognises it, then runs it in two steps:
 *
 *   parse(file)  -> async, no database: decode, validate, OCR. Throws NtkError('BAD_INPUT', ...) with a
 *                   clear message (never quoting PHI from the file) when the file is malformed.
 *   write(parsed, writer) -> synchronous, inside the file's own transaction: ChartWriter calls only.
 *
 * So a bad file imports nothing and the files before and after it still import.
 */
import type { ChartWriter } from '../db/chart-writer';

export interface ImportFile {
  /** The file name, used only to recognise the format; never stored, logged or put in an error. */
  name: string;
  bytes: Buffer;
  sha256: string;
  /**
   * A scan's sidecar (`<scan file name>.json` beside it in the same folder), read by the pipeline:
   * it names the patient the scan belongs to (see ocr/sidecar.ts). Other importers ignore it.
   */
  sidecar?: Buffer;
}

export interface ParseContext {
  /** Reports progress inside one long file (OCR pages, bundle entries). */
  progress?(done: number, total: number): void;
  signal?: AbortSignal;
}

export interface Importer<P = unknown> {
  /** 'fhir' | 'ccda' | 'text' | 'x12-835' | 'image' | 'pdf' ... */
  format: string;
  /** Cheap check on the name and the first bytes. */
  detect(file: ImportFile): boolean;
  parse(file: ImportFile, ctx: ParseContext): Promise<P>;
  write(parsed: P, writer: ChartWriter, file: ImportFile): void;
  /** What the importer tolerated in a file it imported (e.g. an 835's envelope count mismatch), for the file's result. Never file content. */
  warnings?(parsed: P): string[];
}
