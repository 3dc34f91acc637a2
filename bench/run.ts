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
import { startupBench } from './startup.bench';

/** Each section of the output, in order; `npm run bench -- ocr x12_835` runs only the named ones. */
const SECTIONS: Record<string, () => unknown> = {
  store: storeBench,
  audit: auditBench,
  redaction_sections: sectionsBench,
  redaction_identifiers: identifiersBench,
  views: viewsBench,
  query_pdf: queryPdfBench,
  packets: packetsBench,
  demo: demoBench,
  retention: retentionBench,
  x12_835: x12Bench,
  ocr: ocrBench,
  ingest: ingestBench,
  cli_startup: startupBench,
};

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !(w in SECTIONS));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown bench section: ${unknown.join(', ')}. Sections: ${Object.keys(SECTIONS).join(', ')}\n`);
    process.exit(64);
  }
  const result: Record<string, unknown> = { when: new Date().toISOString(), node: process.version, cpus: os.cpus().length };
  for (const [name, run] of Object.entries(SECTIONS)) if (wanted.length === 0 || wanted.includes(name)) result[name] = await run();
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}
void main();
