import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { NtkError } from '../../../electron/core/errors';
import { parseColumnMap } from '../../../electron/core/ingest/text/column-map';
import { csvRecords } from '../../../electron/core/ingest/text/csv';
import { parseTextFile, textImporter, writeText } from '../../../electron/core/ingest/text/text-importer';
import { badInput } from '../../support/bad-input';
import { testBackend } from '../../support/backend';
import { NOTES_CSV, TEXT_NOTE } from '../../support/ingest-fixtures';

const file = (name: string, text: string | Buffer) => ({ name, bytes: Buffer.isBuffer(text) ? text : Buffer.from(text), sha256: '' });

describe('CSV records', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF', () => {
    const recs = [...csvRecords('a,b,c\r\n1,"x, ""y""\nz",3\n\n2,,"" \n')];
    expect(recs).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, "y"\nz', '3'] },
      { line: 5, fields: ['2', '', ' '] },
    ]);
  });

  it('refuses an unclosed quote, naming only the line', () => {
    expect(badInput(() => [...csvRecords('a,b\n1,"Juniper Quillfeather\n')])).toBe('CSV record starting on line 2: a quoted field is never closed.');
  });

  it('round-trips any table written with RFC 4180 quoting', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const csv = rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');
        expect([...csvRecords(csv)].map((r) => r.fields)).toEqual(rows);
      }),
    );
  });
});

describe('text notes', () => {
  it('reads a .txt file as one note titled by its first line', () => {
    const p = parseTextFile(file('visit.txt', TEXT_NOTE.replace(/\n/g, '\r\n')));
    expect(p.notes).toHaveLength(1);
    expect(p.notes[0]).toMatchObject({ title: 'PROGRESS NOTE', docType: 'progress-note', key: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(p.notes[0]!.text).not.toContain('\r');
  });

  it('reads CSV notes through a column mapping, guessing the columns when none is given', () => {
    const mapped = parseTextFile(file('notes.csv', NOTES_CSV), parseColumnMap('text=transcription,title=sample_name,type=medical_specialty,id=note_id'));
    expect(mapped.notes.map((n) => [n.key, n.title, n.docType])).toEqual([
      ['note_id:1', 'Knee Arthroscopy', 'procedure-note'],
      ['note_id:2', 'Annual Exam', 'note'],
    ]);
    expect(mapped.notes[0]!.text).toContain('"it clicks"');
    expect(mapped.notes[0]!.text).toContain('\nPOSTOPERATIVE');
    const guessed = parseTextFile(file('notes.csv', NOTES_CSV));
    expect(guessed.notes.map((n) => n.key)).toEqual(['note_id:1', 'note_id:2']);
  });

  it('reads JSONL notes and refuses FHIR lines, bad JSON and unknown mapped columns', () => {
    const jsonl = '{"id":"a1","note":"HPI: cough.","patient_id":"P-1"}\n\n{"id":"a2","note":"Plan: rest.","patient_id":"P-1"}\n';
    const p = parseTextFile(file('n.jsonl', jsonl));
    expect(p.notes.map((n) => [n.key, n.patientKey])).toEqual([
      ['id:a1', 'patient:P-1'],
      ['id:a2', 'patient:P-1'],
    ]);
    expect(badInput(() => parseTextFile(file('n.jsonl', '{"resourceType":"Patient"}')))).toMatch(/FHIR resource/);
    expect(badInput(() => parseTextFile(file('n.jsonl', '{"note":"x"}\n{"note": "Juniper')))).toBe('Line 2 is not valid JSON.');
    expect(badInput(() => parseTextFile(file('n.csv', NOTES_CSV), { text: 'body' }))).toMatch(/column 'body' for 'text'.*4 columns/);
    expect(badInput(() => parseTextFile(file('n.csv', 'a,b\n1,2\n')))).toMatch(/No note text column/);
    expect(badInput(() => parseTextFile(file('n.txt', '  \n ')))).toBe('The note is empty.');
    expect(badInput(() => parseTextFile(file('n.txt', Buffer.from([0xff, 0xfe, 0x41]))))).toBe('The note is not UTF-8 text.');
  });

  it('never quotes the file in a column error: a headerless first row is patient data', () => {
    const csv = 'Juniper Quillfeather,1961-04-12,MRN-4471,Pt reports HIV positive status on ART.\n';
    for (const map of [undefined, parseColumnMap('text=note'), parseColumnMap('text=transcription,patient=mrn')]) {
      const m = badInput(() => parseTextFile(file('n.csv', csv), map));
      expect(m).toMatch(/4 columns/);
      expect(m).toMatch(/--map text=COLUMN/);
      expect(m).not.toMatch(/1961|4471|HIV|ART\b|Pt reports/);
    }
    // The mapped column name is the user's own, so it may be echoed back.
    expect(badInput(() => parseTextFile(file('n.csv', csv), parseColumnMap('text=note,patient=MRN')))).toMatch(/column 'note' for 'text'/);
    const jsonl = badInput(() => parseTextFile(file('n.jsonl', '{"Juniper Quillfeather":"MRN-4471"}'), { text: 'note' }));
    expect(jsonl).toMatch(/column 'note' for 'text'.*1 key\b/);
    expect(jsonl).not.toMatch(/Juniper|4471/);
  });

  it('never throws anything but BAD_INPUT on arbitrary input', () => {
    const check = (name: string) => (s: string) => {
      try {
        parseTextFile(file(name, s));
      } catch (e) {
        expect(e).toBeInstanceOf(NtkError);
        expect((e as NtkError).code).toBe('BAD_INPUT');
      }
    };
    for (const name of ['a.txt', 'a.csv', 'a.jsonl']) fc.assert(fc.property(fc.string(), check(name)), { numRuns: 200 });
    fc.assert(fc.property(fc.uint8Array(), (b) => check('a.csv')(Buffer.from(b).toString('latin1'))), { numRuns: 100 });
  });

  it('detects text by extension and refuses binary content', () => {
    const imp = textImporter();
    expect(imp.detect(file('a.txt', 'hello'))).toBe(true);
    expect(imp.detect(file('README', 'hello'))).toBe(true);
    expect(imp.detect(file('a.txt', Buffer.from([104, 0, 105])))).toBe(false);
    expect(imp.detect(file('scan.pdf', '%PDF-1.7'))).toBe(false);
  });

  it('gives each unattributed note a placeholder patient and encounter keyed by its content, idempotently', () => {
    const t = testBackend();
    const db = t.backend.store.db;
    const write = (p: ReturnType<typeof parseTextFile>) => db.transaction(() => writeText(p, new ChartWriter(db)))();
    write(parseTextFile(file('a.txt', TEXT_NOTE)));
    write(parseTextFile(file('renamed.txt', TEXT_NOTE)));
    const rows = db.prepare("SELECT p.source_id AS patient, e.source_id AS enc, d.doc_type, d.format FROM document d JOIN patient p ON p.id = d.patient_id JOIN encounter e ON e.id = d.encounter_id").all();
    expect(rows).toEqual([{ patient: expect.stringMatching(/^placeholder:sha256:[0-9a-f]{64}$/), enc: expect.stringMatching(/^placeholder:sha256:/), doc_type: 'progress-note', format: 'text' }]);
    const sections = db.prepare('SELECT title FROM section ORDER BY ordinal').all() as Array<{ title: string }>;
    expect(sections.map((s) => s.title)).toEqual(expect.arrayContaining(['SUBJECTIVE', 'ASSESSMENT', 'PLAN']));
    write(parseTextFile(file('n.jsonl', '{"id":"a1","note":"HPI: cough.","patient_id":"P-1"}\n{"id":"a2","note":"Plan: rest.","patient_id":"P-1"}')));
    expect(db.prepare("SELECT count(*) AS n FROM patient WHERE source_id = 'patient:P-1'").get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT count(*) AS n FROM document d JOIN patient p ON p.id = d.patient_id WHERE p.source_id = 'patient:P-1'").get()).toEqual({ n: 2 });
  });
});
