/**
 * Evaluation against the real corpora in ../shared/corpora (Synthea FHIR R4, HL7 C-CDA examples,
 * MTSamples). Each part is skipped when its corpus is absent (a fresh clone has none of them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createImporters } from '../../../electron/core/ingest/importers';
import { importPaths } from '../../../electron/core/ingest/pipeline';
import { parseColumnMap } from '../../../electron/core/ingest/text/column-map';
import { testBackend } from '../../support/backend';
import { corporaDir } from '../../support/corpora';

const CORPORA = corporaDir();
const SYNTHEA = path.join(CORPORA, 'synthea-fhir-r4');
const CCDA = path.join(CORPORA, 'ccda-hl7-examples');
const MTSAMPLES = path.join(CORPORA, 'mtsamples', 'mtsamples.csv');
const actor = { username: 'cli:eval', role: 'admin' };

function store() {
  const t = testBackend();
  const db = t.backend.store.db;
  const q = <T>(sql: string) => db.prepare(sql).all() as T[];
  return { t, db, q };
}

describe('real corpora', () => {
  it.skipIf(!fs.existsSync(SYNTHEA))('imports every Synthea bundle with codes kept under their systems', async () => {
    const s = store();
    const r = await importPaths({ db: s.db, audit: s.t.backend.audit }, [SYNTHEA], { importers: createImporters(), actor });
    expect(r.rejected).toEqual([]);
    expect(r.imported).toBe(r.files);
    expect(r.counts.patient).toBeGreaterThanOrEqual(40);
    expect(r.counts.encounter).toBeGreaterThan(500);
    const systems = s.q<{ code_system: string }>('SELECT DISTINCT code_system FROM condition UNION SELECT DISTINCT code_system FROM observation UNION SELECT DISTINCT code_system FROM medication UNION SELECT DISTINCT code_system FROM procedure_done').map((x) => x.code_system);
    expect(systems).toEqual(expect.arrayContaining(['SNOMED', 'LOINC', 'RxNorm', 'CVX']));
    expect(systems.filter((x) => x.startsWith('http'))).toEqual([]);
    const orphans = s.q<{ n: number }>('SELECT count(*) AS n FROM condition WHERE encounter_id IS NULL')[0]!.n;
    expect(orphans).toBe(0);
    const matched = s.q<{ n: number }>('SELECT count(*) AS n FROM remit_claim WHERE claim_id IS NULL')[0]!.n;
    expect(matched).toBe(0);
  });

  it.skipIf(!fs.existsSync(CCDA))('imports all HL7 C-CDA examples with the sections\' own LOINC codes', async () => {
    const s = store();
    const r = await importPaths({ db: s.db, audit: s.t.backend.audit }, [CCDA], { importers: createImporters(), actor });
    expect(r.rejected).toEqual([]);
    expect(r.counts.document).toBe(12);
    const unknown = s.q<{ n: number; total: number }>("SELECT sum(loinc = 'unknown') AS n, count(*) AS total FROM section")[0]!;
    expect(unknown.total).toBeGreaterThan(80);
    expect(unknown.n / unknown.total).toBeLessThan(0.05);
    expect(s.q<{ doc_type: string }>('SELECT DISTINCT doc_type FROM document').map((d) => d.doc_type)).toEqual(
      expect.arrayContaining(['discharge-summary', 'history-and-physical', 'progress-note', 'operative-note', 'consult']),
    );
    expect(r.counts.condition).toBeGreaterThan(10);
    expect(r.counts.observation).toBeGreaterThan(30);
  });

  it.skipIf(!fs.existsSync(MTSAMPLES))('imports MTSamples (quoted multi-line CSV) through a column mapping', async () => {
    const s = store();
    const r = await importPaths({ db: s.db, audit: s.t.backend.audit }, [MTSAMPLES], {
      importers: createImporters({ textMap: parseColumnMap('text=transcription,title=sample_name,type=medical_specialty,id=note_id') }),
      actor,
    });
    expect(r.rejected).toEqual([]);
    expect(r.counts.document).toBeGreaterThan(4900);
    const segmented = s.q<{ n: number }>('SELECT count(DISTINCT document_id) AS n FROM section WHERE loinc <> \'unknown\'')[0]!.n;
    expect(segmented / r.counts.document!).toBeGreaterThan(0.8);
  }, 60_000);
});
