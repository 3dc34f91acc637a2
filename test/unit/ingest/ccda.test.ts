import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { NtkError } from '../../../electron/core/errors';
import { ccdaImporter, writeCcda } from '../../../electron/core/ingest/ccda/ccda-importer';
import { parseCcda, tsToIso } from '../../../electron/core/ingest/ccda/ccda-parse';
import { badInput } from '../../support/bad-input';
import { testBackend } from '../../support/backend';
import { ccdaDocument } from '../../support/ingest-fixtures';

describe('C-CDA parse', () => {
  it('reads the header: patient, author, encounter and document type', () => {
    const p = parseCcda(ccdaDocument(), 'f'.repeat(64));
    expect(p.docKey).toBe('2.16.840.1.113883.19.5^DS-0001|18842-5');
    expect(p.patient).toMatchObject({ key: 'patient:2.16.840.1.113883.19.5.99999.2^CC-99812', mrn: 'CC-99812', familyName: 'Thistlewood', givenName: 'Rowan', birthDate: '1970-01-02', sex: 'male', city: 'Portland', phone: '+1(555)555-0199' });
    expect(p.author).toEqual({ key: 'practitioner:2.16.840.1.113883.4.6^1982736450', npi: '1982736450', name: 'Lena Marsh' });
    expect(p.encounter).toMatchObject({ key: 'encounter:2.16.840.1.113883.19^ENC-5512', classCode: 'IMP', start: '2026-03-06', end: '2026-03-10' });
    expect(p.document).toMatchObject({ docType: 'discharge-summary', title: 'Discharge Summary', authoredAt: '2026-03-10T12:00:00-05:00' });
  });

  it('keeps every section with its LOINC code and title, and flattens the narrative in order', () => {
    const { document: d } = parseCcda(ccdaDocument(), 'x');
    expect(d.sections.map((s) => [s.loinc, s.title])).toEqual([
      ['11535-2', 'Discharge Diagnosis'],
      ['10164-2', 'History of Present Illness'],
      ['10160-0', 'Medications'],
      ['30954-2', 'Results'],
      ['47519-4', 'Procedures'],
    ]);
    const s0 = d.sections[0]!;
    expect(d.text.slice(s0.start, s0.bodyStart)).toBe('Discharge Diagnosis\n');
    expect(d.text.slice(s0.bodyStart, s0.end)).toBe('Community acquired pneumonia\nType 2 diabetes\n\n');
    expect(d.text).toContain('Azithromycin 250 MG | daily');
    d.sections.forEach((s, i) => i > 0 && expect(s.start).toBe(d.sections[i - 1]!.end));
    expect(d.sections.at(-1)!.end).toBe(d.text.length);
    expect(d.codes).toEqual(expect.arrayContaining([{ system: 'ICD-10-CM', code: 'J18.9' }, { system: 'LOINC', code: '6690-2' }]));
  });

  it('turns coded entries into conditions, medications, observations and procedures with their systems', () => {
    const { entries } = parseCcda(ccdaDocument(), 'x');
    expect(entries.map((e) => [e.kind, e.code.system, e.code.code])).toEqual([
      ['condition', 'ICD-10-CM', 'J18.9'],
      ['medication', 'RxNorm', '141962'],
      ['observation', 'LOINC', '6690-2'],
      ['procedure', 'CPT', '71046'],
    ]);
    expect(entries[2]).toMatchObject({ valueNum: 14.2, unit: '10*3/uL', refLow: 4.5, refHigh: 11, interpretation: 'H', category: 'laboratory' });
    expect(entries[1]).toMatchObject({ medKind: 'request', dosageText: 'Azithromycin 250 MG daily', date: '2026-03-06' });
  });

  it('converts HL7 timestamps at their precision', () => {
    expect(tsToIso('2026')).toBe('2026');
    expect(tsToIso('202603')).toBe('2026-03');
    expect(tsToIso('20260310')).toBe('2026-03-10');
    expect(tsToIso('202603101204-0500')).toBe('2026-03-10T12:04:00-05:00');
    expect(tsToIso('garbage')).toBeUndefined();
  });

  it('refuses DOCTYPE/entity declarations (no XXE, no billion laughs), malformed XML and non-C-CDA XML', () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><ClinicalDocument>&lol2;</ClinicalDocument>';
    expect(badInput(() => parseCcda(laughs, 'x'))).toMatch(/DOCTYPE or entities/);
    const xxe = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><ClinicalDocument>&x;</ClinicalDocument>';
    expect(badInput(() => parseCcda(xxe, 'x'))).toMatch(/DOCTYPE/);
    const broken = ccdaDocument().replace('</title>', '');
    const msg = badInput(() => parseCcda(broken, 'x'));
    expect(msg).toMatch(/not well-formed XML \(line \d+\)/);
    expect(msg).not.toMatch(/Thistlewood|title/);
    expect(badInput(() => parseCcda('<html><body>hi</body></html>', 'x'))).toMatch(/not a C-CDA document/);
    expect(badInput(() => parseCcda('<ClinicalDocument xmlns="urn:hl7-org:v3"><component><structuredBody/></component></ClinicalDocument>', 'x'))).toMatch(/no recordTarget/);
  });

  it('never throws anything but BAD_INPUT on arbitrary text or mangled documents', () => {
    const check = (xml: string) => {
      try {
        parseCcda(xml, 'x');
      } catch (e) {
        expect(e).toBeInstanceOf(NtkError);
        expect((e as NtkError).code).toBe('BAD_INPUT');
      }
    };
    fc.assert(fc.property(fc.string(), check), { numRuns: 300 });
    const doc = ccdaDocument();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: doc.length }), fc.integer({ min: 0, max: 200 }), fc.string({ maxLength: 20 }), (at, cut, insert) =>
        check(doc.slice(0, at) + insert + doc.slice(Math.min(doc.length, at + cut))),
      ),
      { numRuns: 300 },
    );
    check('<a>'.repeat(50_000) + '</a>'.repeat(50_000));
  });

  it('detects C-CDA by its root element', () => {
    const f = (s: string, name = 'doc.bin') => ccdaImporter.detect({ name, bytes: Buffer.from(s), sha256: '' });
    expect(f('<?xml version="1.0"?>\n<cda:ClinicalDocument xmlns:cda="urn:hl7-org:v3">')).toBe(true);
    expect(f('{"resourceType":"Bundle"}', 'a.xml')).toBe(false);
    expect(f('<note/>', 'a.xml')).toBe(true);
  });
});

describe('C-CDA write', () => {
  it('stores the document with the source sections and entries, idempotently', () => {
    const t = testBackend();
    const db = t.backend.store.db;
    const write = (xml: string) => db.transaction(() => writeCcda(parseCcda(xml, 'x'), new ChartWriter(db)))();
    write(ccdaDocument());
    const counts = () => db.prepare('SELECT (SELECT count(*) FROM patient) p, (SELECT count(*) FROM document) d, (SELECT count(*) FROM section) s, (SELECT count(*) FROM condition) c, (SELECT count(*) FROM observation) o').get();
    const first = counts();
    expect(first).toEqual({ p: 1, d: 1, s: 5, c: 1, o: 1 });
    write(ccdaDocument());
    expect(counts()).toEqual(first);
    const sections = db.prepare('SELECT loinc, title FROM section ORDER BY ordinal').all();
    expect(sections[0]).toEqual({ loinc: '11535-2', title: 'Discharge Diagnosis' });
    const doc = db.prepare('SELECT doc_type, format, encounter_id, author_id FROM document').get() as Record<string, unknown>;
    expect(doc).toMatchObject({ doc_type: 'discharge-summary', format: 'ccda' });
    expect(doc.encounter_id).not.toBeNull();
    expect(doc.author_id).not.toBeNull();
    expect(db.prepare('SELECT code_system, code, category FROM condition').get()).toEqual({ code_system: 'ICD-10-CM', code: 'J18.9', category: 'encounter-diagnosis' });
  });
});
