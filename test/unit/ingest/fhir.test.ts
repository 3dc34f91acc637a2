import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { NtkError } from '../../../electron/core/errors';
import { fhirImporter } from '../../../electron/core/ingest/fhir/fhir-importer';
import { parseFhirText } from '../../../electron/core/ingest/fhir/fhir-parse';
import { writeFhir } from '../../../electron/core/ingest/fhir/fhir-write';
import { fhirBundle, PATIENT_UUID } from '../../support/ingest-fixtures';
import { testBackend } from '../../support/backend';

const parse = (v: unknown, name = 'x.json') => parseFhirText(name, typeof v === 'string' ? v : JSON.stringify(v));

function store() {
  const t = testBackend();
  const db = t.backend.store.db;
  const write = (v: unknown) => {
    const w = new ChartWriter(db);
    db.transaction(() => writeFhir(parse(v), w))();
    return w.counts;
  };
  const all = (sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as Array<Record<string, unknown>>;
  const one = (sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as Record<string, unknown>;
  return { t, db, write, all, one };
}

function expectBadInput(fn: () => unknown, pattern?: RegExp): NtkError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(NtkError);
    expect((e as NtkError).code).toBe('BAD_INPUT');
    if (pattern) expect((e as NtkError).message).toMatch(pattern);
    return e as NtkError;
  }
  throw new Error('expected BAD_INPUT');
}

describe('FHIR R4 parse', () => {
  it('reads a transaction bundle, keys resources by Type/id and counts the types it does not import', () => {
    const p = parse(fhirBundle());
    expect(p.entries.map((e) => e.key)).toContain(`Patient/${PATIENT_UUID}`);
    expect(p.entries).toHaveLength(15);
    expect(p.skipped).toEqual({ CarePlan: 1 });
    expect(p.refs.get('urn:uuid:00000000-0000-4000-8000-000000000004')).toBe('Encounter/enc-1');
  });

  it('reads NDJSON (one resource per line) and single resources', () => {
    const b = fhirBundle() as { entry: Array<{ resource: unknown }> };
    const ndjson = b.entry.map((e) => JSON.stringify(e.resource)).join('\n') + '\n';
    expect(parse(ndjson, 'export.ndjson').entries).toHaveLength(15);
    expect(parse(b.entry[2]!.resource).entries[0]!.type).toBe('Patient');
  });

  it('refuses malformed JSON without quoting the file', () => {
    const e = expectBadInput(() => parse('{"resourceType":"Bundle","entry":[{"name":"Juniper Quillfeather"'), /not valid JSON/);
    expect(e.message).not.toMatch(/Juniper|Quillfeather/);
  });

  it('refuses JSON that is not FHIR, unsupported resource types and bundle types it does not import', () => {
    expectBadInput(() => parse({ patients: [{ name: 'x' }] }), /not a FHIR resource/);
    expectBadInput(() => parse({ resourceType: 'Basic', id: 'b' }), /Basic is not supported/);
    expectBadInput(() => parse({ resourceType: 'Bundle', type: 'history', entry: [] }), /'history' is not imported/);
    expectBadInput(() => parse({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 42 } }] }), /Entry 1 has no valid resourceType/);
    expectBadInput(() => parse({ resourceType: 'Bundle', type: 'collection', entry: {} }), /not a list/);
  });

  it('never throws anything but BAD_INPUT on arbitrary JSON or text', () => {
    const ok = (v: string) => {
      try {
        parseFhirText('f.json', v);
      } catch (e) {
        expect(e).toBeInstanceOf(NtkError);
        expect((e as NtkError).code).toBe('BAD_INPUT');
      }
    };
    fc.assert(fc.property(fc.string(), ok), { numRuns: 300 });
    fc.assert(fc.property(fc.json(), ok), { numRuns: 300 });
    const resource = fc.record({ resourceType: fc.constantFrom('Patient', 'Encounter', 'Condition', 'Observation', 'Claim', 'Bundle'), id: fc.string() }, { requiredKeys: ['resourceType'] });
    fc.assert(fc.property(fc.tuple(resource, fc.dictionary(fc.string(), fc.jsonValue())), ([r, extra]) => ok(JSON.stringify({ ...extra, ...r }))), { numRuns: 300 });
  });
});

describe('FHIR R4 write', () => {
  it('stores each resource with its codes and their systems, linked to patient and encounter', () => {
    const s = store();
    const counts = s.write(fhirBundle());
    expect(counts).toMatchObject({ patient: 1, encounter: 1, condition: 1, procedure_done: 1, medication: 2, claim: 1, claim_line: 1, remittance: 1, document: 2, 'skipped:CarePlan': 1 });
    const p = s.one('SELECT * FROM patient');
    expect(p).toMatchObject({ source_system: 'fhir', source_id: `Patient/${PATIENT_UUID}`, mrn: 'MRN-4471', family_name: 'Quillfeather', sex: 'female', birth_date: '1961-04-12', phone: '555-010-4477' });
    const enc = s.one('SELECT * FROM encounter');
    expect(enc).toMatchObject({ class_code: 'IMP', type_system: 'SNOMED', type_code: '32485007', reason_display: 'Chest pain', patient_id: p.id });
    expect(s.one('SELECT name FROM practitioner WHERE id = ?', enc.attending_id).name).toBe('Ama Osei');
    expect(s.one('SELECT npi FROM organization WHERE id = ?', enc.facility_id).npi).toBe('1234567893');
    expect(s.one('SELECT code_system, code, encounter_id FROM condition')).toEqual({ code_system: 'ICD-10-CM', code: 'I20.9', encounter_id: enc.id });
    expect(s.one('SELECT code_system, code, performed_at FROM procedure_done')).toEqual({ code_system: 'CPT', code: '93458', performed_at: '2026-03-02T10:00:00Z' });
    expect(s.all('SELECT kind, code_system, code FROM medication ORDER BY code_system')).toEqual([
      { kind: 'administration', code_system: 'CVX', code: '140' },
      { kind: 'request', code_system: 'RxNorm', code: '197361' },
    ]);
    expect(s.one("SELECT * FROM observation WHERE code = '2093-3'")).toMatchObject({ code_system: 'LOINC', value_num: 231, unit: 'mg/dL', ref_high: 200, interpretation: 'H', category: 'laboratory' });
    expect(s.all("SELECT code, value_num FROM observation WHERE source_id LIKE 'Observation/obs-bp%' ORDER BY code")).toEqual([
      { code: '8462-4', value_num: 91 },
      { code: '8480-6', value_num: 142 },
    ]);
    expect(s.one('SELECT payer_name, member_id, group_number FROM coverage')).toEqual({ payer_name: 'Acme Health Plan', member_id: 'ZXH99182', group_number: 'GRP-7' });
  });

  it('stores attachment text as a document with its sections, and a report conclusion as a result', () => {
    const s = store();
    s.write(fhirBundle());
    const doc = s.one("SELECT * FROM document WHERE source_id = 'DocumentReference/doc-1'");
    expect(doc).toMatchObject({ doc_type: 'discharge-summary', format: 'fhir', authored_at: '2026-03-04T12:00:00Z' });
    expect(doc.text).toContain('Chest pain for two days.');
    const titles = s.all('SELECT title FROM section WHERE document_id = ? ORDER BY ordinal', doc.id).map((r) => r.title);
    expect(titles.join('|')).toMatch(/HISTORY OF PRESENT ILLNESS.*ASSESSMENT/i);
    expect(s.one("SELECT doc_type, text FROM document WHERE source_id = 'DiagnosticReport/dr-1'")).toEqual({ doc_type: 'result', text: 'Total cholesterol is high.' });
  });

  it('stores a Claim with its lines and diagnoses, and the EOB as a remittance matched to it', () => {
    const s = store();
    s.write(fhirBundle());
    const claim = s.one('SELECT * FROM claim');
    expect(claim).toMatchObject({ claim_number: 'claim-1', claim_type: 'institutional', billing_npi: '1234567893', total_charge: 1800, payer_name: 'Acme Health Plan' });
    expect(JSON.parse(claim.diagnoses_json as string)).toEqual([{ seq: 1, system: 'ICD-10-CM', code: 'I20.9', display: 'Angina pectoris, unspecified' }]);
    expect(s.one('SELECT code_system, code, modifiers_json, charge FROM claim_line')).toEqual({ code_system: 'CPT', code: '93458', modifiers_json: '["26"]', charge: 1800 });
    expect(s.one('SELECT claim_id, billed, paid FROM remit_claim')).toEqual({ claim_id: claim.id, billed: 1800, paid: 1200 });
  });

  it('updates in place on a second write (same source keys), never duplicating', () => {
    const s = store();
    s.write(fhirBundle());
    const before = s.one('SELECT (SELECT count(*) FROM patient) p, (SELECT count(*) FROM observation) o, (SELECT count(*) FROM section) s, (SELECT count(*) FROM claim_line) l');
    s.write(fhirBundle({ family: 'Renamed' }));
    expect(s.one('SELECT (SELECT count(*) FROM patient) p, (SELECT count(*) FROM observation) o, (SELECT count(*) FROM section) s, (SELECT count(*) FROM claim_line) l')).toEqual(before);
    expect(s.one('SELECT family_name FROM patient').family_name).toBe('Renamed');
  });

  it('resolves references to resources imported from an earlier file, and refuses orphans', () => {
    const s = store();
    s.write(fhirBundle());
    s.write({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'Condition', id: 'late', code: { coding: [{ system: 'http://snomed.info/sct', code: '38341003' }] }, subject: { reference: `Patient/${PATIENT_UUID}` }, encounter: { reference: 'Encounter/enc-1' } } }] });
    expect(s.one("SELECT patient_id IS NOT NULL AS p, encounter_id IS NOT NULL AS e FROM condition WHERE source_id = 'Condition/late'")).toEqual({ p: 1, e: 1 });
    expectBadInput(() => s.write({ resourceType: 'Condition', id: 'orphan', code: { text: 'x' }, subject: { reference: 'Patient/nobody' } }), /Entry 1 \(Condition\): its patient is neither/);
  });

  it('refuses an attachment that is not base64 or not text', () => {
    const s = store();
    const doc = (data: string) => ({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: (fhirBundle() as { entry: Array<{ resource: unknown }> }).entry[2]!.resource }, { resource: { resourceType: 'DocumentReference', id: 'd', subject: { reference: `Patient/${PATIENT_UUID}` }, content: [{ attachment: { contentType: 'text/plain', data } }] } }] });
    expectBadInput(() => s.write(doc('%%%not base64%%%')), /not base64/);
    expectBadInput(() => s.write(doc(Buffer.from([0, 1, 2, 0, 200]).toString('base64'))), /binary data/);
  });

  it('detects FHIR JSON by content', () => {
    const f = (s: string, name = 'a.json') => fhirImporter.detect({ name, bytes: Buffer.from(s), sha256: '' });
    expect(f('\uFEFF  {"resourceType":"Bundle"}')).toBe(true);
    expect(f('<ClinicalDocument/>', 'a.xml')).toBe(false);
    expect(f('note_id,text\n1,hi', 'a.csv')).toBe(false);
  });
});
