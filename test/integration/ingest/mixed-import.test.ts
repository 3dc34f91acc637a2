import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createImporters } from '../../../electron/core/ingest/importers';
import { importPaths } from '../../../electron/core/ingest/pipeline';
import { parseColumnMap } from '../../../electron/core/ingest/text/column-map';
import { testBackend } from '../../support/backend';
import { ccdaDocument, fhirBundle, NOTES_CSV, TEXT_NOTE } from '../../support/ingest-fixtures';
import { tmpDir } from '../../support/tmp';

const TABLES = ['patient', 'encounter', 'document', 'section', 'condition', 'procedure_done', 'medication', 'observation', 'claim', 'claim_line', 'remittance', 'remit_claim', 'practitioner', 'organization', 'coverage'];

describe('importing FHIR, C-CDA and text together', () => {
  it('imports each format, survives a bad file between good ones, and re-imports without duplicating', async () => {
    const t = testBackend();
    const db = t.backend.store.db;
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, '1-bundle.json'), JSON.stringify(fhirBundle()));
    fs.writeFileSync(path.join(dir, '2-bad.xml'), ccdaDocument().replace('</recordTarget>', ''));
    fs.writeFileSync(path.join(dir, '3-summary.xml'), ccdaDocument());
    fs.writeFileSync(path.join(dir, '4-note.txt'), TEXT_NOTE);
    fs.writeFileSync(path.join(dir, '5-notes.csv'), NOTES_CSV);
    const run = () =>
      importPaths({ db, audit: t.backend.audit }, [dir], {
        importers: createImporters({ textMap: parseColumnMap('text=transcription,title=sample_name,type=medical_specialty,id=note_id') }),
        actor: { username: 'cli:test', role: 'admin' },
      });
    const counts = () => Object.fromEntries(TABLES.map((tb) => [tb, (db.prepare(`SELECT count(*) AS n FROM ${tb}`).get() as { n: number }).n]));

    const first = await run();
    expect(first.imported).toBe(4);
    expect(first.rejected).toEqual([{ file: '2-bad.xml', code: 'BAD_INPUT', reason: expect.stringMatching(/not well-formed XML \(line \d+\)/) }]);
    const after1 = counts();
    // FHIR: 1 patient; C-CDA: 1; .txt: 1 placeholder; CSV: 2 placeholders.
    expect(after1).toMatchObject({ patient: 5, document: 2 + 1 + 1 + 2 });
    expect(db.prepare('SELECT format, count(*) AS n FROM document GROUP BY format ORDER BY format').all()).toEqual([
      { format: 'ccda', n: 1 },
      { format: 'fhir', n: 2 },
      { format: 'text', n: 3 },
    ]);
    expect(db.prepare("SELECT format, outcome FROM ingest_file ORDER BY id").all()).toEqual([
      { format: 'fhir', outcome: 'imported' },
      { format: 'ccda', outcome: 'rejected' },
      { format: 'ccda', outcome: 'imported' },
      { format: 'text', outcome: 'imported' },
      { format: 'text', outcome: 'imported' },
    ]);

    const second = await run();
    expect(second.imported).toBe(4);
    expect(second.counts).toEqual(first.counts);
    expect(counts()).toEqual(after1);
  });
});
