/**
 * `npm run bench`: prints one JSON object of figures, comparable run to run.
 * Later features add their sections (redaction MB/s, chart open, import, OCR, PDF).
 */
import os from 'node:os';
import { sectionsBench } from './sections.bench';
import { auditBench } from './audit.bench';
import { identifiersBench } from './identifiers.bench';
import { storeBench } from './store.bench';
import { demoBench } from './demo.bench';
import { retentionBench } from './retention.bench';
import { ocrBench } from './ocr.bench';
import { x12Bench } from './x12.bench';

const result = {
  when: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  store: storeBench(),
  audit: await auditBench(),
  redaction_sections: sectionsBench(),
  redaction_identifiers: identifiersBench(),
  demo: demoBench(),
  retention: retentionBench(),
  x12_835: x12Bench(),
  ocr: await ocrBench(),
};
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
