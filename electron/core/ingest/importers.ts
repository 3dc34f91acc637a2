/**
 * Every importer, in the order the pipeline asks them to recognise a file (first match wins):
 * structured formats first, plain-text notes last since they accept almost any text.
 */
import type { Importer } from './importer';
import { ccdaImporter } from './ccda/ccda-importer';
import { fhirImporter } from './fhir/fhir-importer';
import { imageImporter, pdfImporter } from './ocr';
import { x12Importer } from './x12';
import type { ColumnMap } from './text/column-map';
import { textImporter } from './text/text-importer';

export interface ImporterOptions {
  /** Column mapping for CSV/JSONL notes (`text=transcription,title=sample_name,...`). */
  textMap?: ColumnMap;
}

export function createImporters(opts: ImporterOptions = {}): Importer[] {
  return [
    fhirImporter,
    ccdaImporter,
    x12Importer,
    pdfImporter,
    imageImporter,
    textImporter(opts.textMap), // last: it accepts any .txt/.csv/.jsonl (and extension-less) text
  ];
}
