/**
 * Import throughput into the encrypted store, on the real corpora when present
 * (../shared/corpora; skipped with a note when absent):
 *  - FHIR: the Synthea R4 bundles, MB/s and resources (rows written)/s — target >= 5 MB/s; plus
 *    parse-only MB/s, to split JSON/mapping cost from SQLite writes.
 *  - Text notes: MTSamples CSV, MB/s and notes/s — dominated by ChartWriter.document()'s
 *    redaction analysis (sections + identifiers), which FHIR bundles without notes never hit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLog } from '../electron/core/audit/audit-log';
import { systemClock } from '../electron/core/clock';
import { createKeyFile, keyFileKeySource } from '../electron/core/db/keys';
import { Store } from '../electron/core/db/store';
import { parseFhirText } from '../electron/core/ingest/fhir/fhir-parse';
import { createImporters } from '../electron/core/ingest/importers';
import { importPaths } from '../electron/core/ingest/pipeline';
import { parseColumnMap } from '../electron/core/ingest/text/column-map';
import { corporaDir } from '../test/support/corpora';
import { round } from './stats';

const found = corporaDir();
const corpora = fs.existsSync(found) ? found : null;

async function importInto(paths: string[], textMap?: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-bench-ingest-'));
  try {
    const keyFile = path.join(dir, 'k');
    createKeyFile(keyFile);
    const dbPath = path.join(dir, 'bench.ntk');
    const store = Store.open({ path: dbPath, keys: keyFileKeySource(keyFile), create: true });
    const audit = new AuditLog(store.db, store.auditKey, dbPath, 'bench', systemClock);
    const s = await importPaths({ db: store.db, audit }, paths, {
      importers: createImporters({ textMap: textMap ? parseColumnMap(textMap) : undefined }),
      actor: { username: 'bench', role: 'admin' },
    });
    store.close();
    const rows = Object.values(s.counts).reduce((a, b) => a + b, 0);
    const secs = s.elapsedMs / 1000;
    return { files: s.files, rejected: s.rejected.length, mb: round(s.bytes / 1e6, 1), seconds: round(secs, 2), mbPerSec: round(s.bytes / 1e6 / secs, 2), rows, rowsPerSec: Math.round(rows / secs), documents: s.counts.document ?? 0 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function ingestBench() {
  if (!corpora) return { skipped: 'corpora not found (../shared/corpora or $NTK_CORPORA)' };
  const synthea = path.join(corpora, 'synthea-fhir-r4');
  const mtsamples = path.join(corpora, 'mtsamples', 'mtsamples.csv');
  const out: Record<string, unknown> = { corpora };
  if (fs.existsSync(synthea)) {
    const files = fs.readdirSync(synthea).filter((f) => f.endsWith('.json')).map((f) => path.join(synthea, f));
    const t = performance.now();
    let bytes = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      bytes += Buffer.byteLength(text);
      parseFhirText(f, text);
    }
    const parseSecs = (performance.now() - t) / 1000;
    out.fhir_synthea = { ...(await importInto([synthea])), parseOnlyMbPerSec: round(bytes / 1e6 / parseSecs, 1), targetMbPerSec: 5 };
  } else out.fhir_synthea = { skipped: 'synthea-fhir-r4 absent' };
  if (fs.existsSync(mtsamples)) out.text_mtsamples = await importInto([mtsamples], 'text=transcription,title=sample_name,type=medical_specialty,id=note_id');
  else out.text_mtsamples = { skipped: 'mtsamples absent' };
  return out;
}
