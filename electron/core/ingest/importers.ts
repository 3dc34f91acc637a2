/**
 * Every importer, in the order the pipeline asks them to recognise a file (first match wins):
 * structured formats first, plain-text notes last since they accept almost any text.
 */
import type { Importer } from './importer';
import { fhirImporter } from './fhir/fhir-importer';
import { imageImporter, pdfImporter } from './ocr';
import { x12Importer } from './x12';
import type { ColumnMap } from './text/column-map';

export interface ImporterOptions {
  /** Column mapping for CSV/JSONL notes (`text=transcription,title=sample_name,...`). */
  textMap?: ColumnMap;
}

export function createImporters(_opts: ImporterOptions = {}): Importer[] {
  return [
    fhirImporter,
    x12Importer,
    pdfImporter,
    imageImporter,
  ];
}
