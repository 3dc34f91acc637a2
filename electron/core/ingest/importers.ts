/**
 * Every importer, in the order the pipeline asks them to recognise a file (first match wins):
 * structured formats first, plain-text notes last since they accept almost any text.
 */
import type { Importer } from './importer';
import { fhirImporter } from './fhir/fhir-importer';
import type { ColumnMap } from './text/column-map';

export interface ImporterOptions {
  /** Column mapping for CSV/JSONL notes (`text=transcription,title=sample_name,...`). */
  textMap?: ColumnMap;
}

export function createImporters(_opts: ImporterOptions = {}): Importer[] {
  return [
    fhirImporter,
    // x12-835: the X12 835 remittance importer (electron/core/ingest/x12/) goes here.
    // ocr: the scanned image / PDF importers (electron/core/ingest/ocr/) go here.
  ];
}
