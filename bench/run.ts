/**
 * `npm run bench`: prints one JSON object of figures, comparable run to run.
 * Later features add their sections (redaction MB/s, chart open, import, OCR, PDF).
 */
import os from 'node:os';
import { sectionsBench } from './sections.bench';
import { auditBench } from './audit.bench';
import { identifiersBench } from './identifiers.bench';
import { queryPdfBench } from './query-pdf.bench';
import { storeBench } from './store.bench';
import { viewsBench } from './views.bench';
import { packetsBench } from './packets.bench';
import { demoBench } from './demo.bench';
import { retentionBench } from './retention.bench';
import { ocrBench } from './ocr.bench';
import { x12Bench } from './x12.bench';
import { ingestBench } from './ingest.bench';

async function main() {
  const result = {
  when: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  store: storeBench(),
  audit: await auditBench(),
  redaction_sections: sectionsBench(),
  redaction_identifiers: identifiersBench(),
  views: viewsBench(),
  query_pdf: await queryPdfBench(),
  packets: await packetsBench(),
  demo: demoBench(),
  retention: retentionBench(),
  x12_835: x12Bench(),
  ocr: await ocrBench(),
  ingest: await ingestBench(),
};
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}
void main();
