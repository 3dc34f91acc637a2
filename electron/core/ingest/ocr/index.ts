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
export { readPdf, looksPdf, canRenderPdfPages, pdfjsDataPaths, type PdfPage, type ReadPdfOptions } from './pdf';
export { repairIcd10, type Repair } from './repair';
export { scanSidecarOptions } from './sidecar';
