import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createImporters } from '../../../electron/core/ingest/importers';
import { importPaths } from '../../../electron/core/ingest/pipeline';
import { parseColumnMap, type ColumnMap } from '../../../electron/core/ingest/text/column-map';
import { testBackend } from '../../support/backend';
import { tmpDir } from '../../support/tmp';

// Invented values only.
const TEMPLATE = 'Follow-up visit. Patient doing well.';

function setup() {
  const t = testBackend();
  const db = t.backend.store.db;
  const dir = tmpDir();
  const run = (name: string, content: string, textMap?: ColumnMap) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return importPaths({ db, audit: t.backend.audit }, [file], { importers: createImporters({ textMap }), actor: { username: 'cli:test', role: 'admin' } });
  };
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const docsPerPatient = () =>
    db
      .prepare(
        "SELECT p.source_id AS patient, count(d.id) AS docs FROM patient p LEFT JOIN document d ON d.patient_id = p.id WHERE p.source_system = 'text' GROUP BY p.id ORDER BY p.source_id",
      )
      .all();
  return { db, run, count, docsPerPatient };
}

describe('plain-text notes attributed to patients', () => {
  it('gives identical templated text for two patients one document each, and re-imports in place', async () => {
    const s = setup();
    const csv = `patient_id,note\nP-1,${TEMPLATE}\nP-2,${TEMPLATE}\n`;
    const first = await s.run('notes.csv', csv);
    expect(first).toMatchObject({ imported: 1, rejected: [] });
    expect(first.counts.document).toBe(2);
    expect(s.docsPerPatient()).toEqual([
      { patient: 'patient:P-1', docs: 1 },
      { patient: 'patient:P-2', docs: 1 },
    ]);
    // Each document sits in an encounter of its own patient.
    expect(s.db.prepare('SELECT count(*) AS n FROM document d JOIN encounter e ON e.id = d.encounter_id WHERE e.patient_id <> d.patient_id').get()).toEqual({ n: 0 });

    const again = await s.run('notes.csv', csv);
    expect(again).toMatchObject({ imported: 1, rejected: [] });
    expect(s.count('document')).toBe(2);
    expect(s.count('patient')).toBe(2);
    expect(s.count('encounter')).toBe(2);
    expect(s.docsPerPatient()).toEqual([
      { patient: 'patient:P-1', docs: 1 },
      { patient: 'patient:P-2', docs: 1 },
    ]);
  });

  it('keeps a visit id shared by two patients as two encounters, one each', async () => {
    const s = setup();
    await s.run('notes.csv', 'patient_id,visit_id,note\nP-1,V-100,HPI: cough.\nP-2,V-100,HPI: rash.\n');
    expect(s.count('encounter')).toBe(2);
    // Without a patient column each note gets a placeholder patient, and its visit stays its own too.
    await s.run('unattributed.csv', 'visit_id,note\nV-200,HPI: fever.\nV-200,HPI: sore throat.\n');
    expect(s.count('encounter')).toBe(4);
    expect(s.db.prepare('SELECT count(*) AS n FROM document d JOIN encounter e ON e.id = d.encounter_id WHERE e.patient_id <> d.patient_id').get()).toEqual({ n: 0 });
  });

  it('treats an id column as unique per patient, and a corrected note still replaces the old one', async () => {
    const s = setup();
    await s.run('notes.csv', 'mrn,note_id,note\nM-1,1,HPI: cough.\nM-2,1,HPI: rash.\n');
    expect(s.docsPerPatient()).toEqual([
      { patient: 'patient:M-1', docs: 1 },
      { patient: 'patient:M-2', docs: 1 },
    ]);
    expect((await s.run('notes.csv', 'mrn,note_id,note\nM-1,1,"HPI: cough, improving."\nM-2,1,HPI: rash.\n')).rejected).toEqual([]);
    expect(s.count('document')).toBe(2);
    expect(s.db.prepare("SELECT d.text FROM document d JOIN patient p ON p.id = d.patient_id WHERE p.source_id = 'patient:M-1'").all()).toEqual([{ text: 'HPI: cough, improving.' }]);
  });

  it('still keys unattributed notes by their content alone (placeholder patients unchanged)', async () => {
    const s = setup();
    const csv = `note\n${TEMPLATE}\n${TEMPLATE}\nPlan: rest.\n`;
    await s.run('notes.csv', csv);
    await s.run('notes.csv', csv);
    const rows = s.db.prepare('SELECT p.source_id AS patient, d.source_id AS doc FROM document d JOIN patient p ON p.id = d.patient_id ORDER BY d.id').all() as Array<{ patient: string; doc: string }>;
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.patient).toMatch(/^placeholder:sha256:[0-9a-f]{64}$/);
      expect(r.doc).toBe(`note:${r.patient.slice('placeholder:'.length)}`);
    }
  });
});

describe('plain-text notes: errors never quote the file', () => {
  const PHI = ['Juniper', 'Quillfeather', '1961-04-12', '1961', 'MRN-4471', '4471', 'HIV', 'ART'];
  const headerless = 'Juniper Quillfeather,1961-04-12,MRN-4471,Pt reports HIV positive status on ART.\nOrrin Bexley,1958-09-30,MRN-5582,Follow-up in two weeks.\n';

  const expectNoPhi = (reason: string) => {
    for (const v of PHI) expect(reason).not.toContain(v);
    expect(reason.toLowerCase()).not.toContain('hiv');
  };

  it('refuses a headerless CSV with or without a mapping, naming the field and the column count only', async () => {
    const s = setup();
    const guessed = await s.run('notes.csv', headerless);
    expect(guessed.rejected).toEqual([{ file: 'notes.csv', code: 'BAD_INPUT', reason: expect.stringMatching(/No note text column.*4 columns.*--map text=COLUMN/) }]);
    expectNoPhi(guessed.rejected[0]!.reason);

    const mapped = await s.run('notes.csv', headerless, parseColumnMap('text=transcription,patient=mrn'));
    expect(mapped.rejected).toEqual([{ file: 'notes.csv', code: 'BAD_INPUT', reason: expect.stringMatching(/column 'transcription' for 'text'.*4 columns.*--map text=COLUMN/) }]);
    expectNoPhi(mapped.rejected[0]!.reason);
    expect(s.count('document')).toBe(0);
  });

  it('does not quote JSONL keys either', async () => {
    const s = setup();
    const r = await s.run('notes.jsonl', '{"Juniper Quillfeather":"1961-04-12","MRN-4471":"HIV"}\n');
    expect(r.rejected).toEqual([{ file: 'notes.jsonl', code: 'BAD_INPUT', reason: expect.stringMatching(/No note text column.*2 keys/) }]);
    expectNoPhi(r.rejected[0]!.reason);
  });
});
