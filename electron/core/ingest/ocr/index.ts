export {
  createImageImporter,
  createPdfImporter,
  imageImporter,
  pdfImporter,
  imageKind,
  assemble,
  IMPORT_FILE_SOURCE,
  LOW_CONFIDENCE,
  type ParsedScan,
  type ScanImporterOptions,
} from './importer';
export { OcrPool, ocrPool, closeOcrPool, ocrWorkerOptions, type OcrPageResult } from './pool';
export { readPdf, looksPdf, canRenderPdfPages, type PdfPage } from './pdf';
export { repairIcd10, type Repair } from './repair';
