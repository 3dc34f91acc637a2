import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoResult } from '../../../electron/core/ingest/synthetic';
import { labelsForCodes } from '../../../electron/core/redaction/sensitivity/codes';
import type { Ds4pLabel } from '../../../electron/core/redaction/types';
import { npiValid } from '../../../electron/core/redaction/identifiers/checksums';
import { testBackend, type TestBackend } from '../../support/backend';
import { demoCanary, seedDemo } from '../../support/demo';

const open: TestBackend[] = [];
const fresh = () => {
  const t = testBackend();
  open.push(t);
  return t;
};
afterEach(() => {
  for (const t of open.splice(0)) t.backend.close();
});

const texts = (t: TestBackend) =>
  (t.backend.store.db.prepare("SELECT source_id, text FROM document WHERE source_system = 'ntk-demo' ORDER BY source_id").all() as Array<{ source_id: string; text: string }>).map(
    (r) => `${r.source_id}\n${r.text}`,
  );

describe('writeDemo (synthetic charts)', () => {
  it('is reproducible: the same seed writes byte-identical note texts; another seed differs', () => {
    const a = fresh();
    const b = fresh();
    const c = fresh();
    const ra = seedDemo(a.backend, { patients: 5, seed: 42 });
    const rb = seedDemo(b.backend, { patients: 5, seed: 42 });
    seedDemo(c.backend, { patients: 5, seed: 43 });
    expect(texts(a)).toEqual(texts(b));
    expect(ra.canaries.map((x) => x.phrase)).toEqual(rb.canaries.map((x) => x.phrase));
    expect(texts(c)).not.toEqual(texts(a));
  });

  it('re-running a seed updates in place', () => {
    const t = fresh();
    const first = seedDemo(t.backend, { patients: 3, seed: 7 });
    const n = (t.backend.store.db.prepare('SELECT count(*) AS n FROM document').get() as { n: number }).n;
    seedDemo(t.backend, { patients: 3, seed: 7 });
    expect((t.backend.store.db.prepare('SELECT count(*) AS n FROM document').get() as { n: number }).n).toBe(n);
    expect(first.counts.document).toBe(n);
  });

  it('writes patients, encounters, documents, coded data, claims and linked remittances', () => {
    const t = fresh();
    const r = seedDemo(t.backend, { patients: 10, seed: 3 });
    const db = t.backend.store.db;
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(r.patients).toHaveLength(10);
    expect(count('SELECT count(*) AS n FROM patient')).toBe(10);
    expect(count("SELECT count(*) AS n FROM encounter WHERE class_code = 'IMP'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM encounter WHERE class_code IN ('AMB', 'EMER')")).toBeGreaterThan(0);
    const docTypes = (db.prepare('SELECT DISTINCT doc_type AS t FROM document').all() as Array<{ t: string }>).map((x) => x.t).sort();
    expect(docTypes).toEqual(['consult', 'discharge-summary', 'history-and-physical', 'operative-note', 'progress-note', 'psychotherapy-note', 'result']);
    expect(count("SELECT count(*) AS n FROM condition WHERE code_system = 'ICD-10-CM' AND category = 'principal'")).toBe(count('SELECT count(*) AS n FROM encounter'));
    expect(count("SELECT count(*) AS n FROM condition WHERE code_system = 'SNOMED'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM procedure_done WHERE code_system = 'ICD-10-PCS'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM medication WHERE code_system = 'RxNorm'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM observation WHERE code_system = 'LOINC' AND interpretation IN ('H', 'L')")).toBeGreaterThan(0);
    // Demographics: someone over 89, VIP and EMPLOYEE flags.
    const births = db.prepare('SELECT birth_date AS b FROM patient').all() as Array<{ b: string }>;
    expect(births.some((x) => x.b < '1935-06-30')).toBe(true);
    expect(count(`SELECT count(*) AS n FROM patient WHERE flags_json LIKE '%"VIP"%'`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) AS n FROM patient WHERE flags_json LIKE '%"EMPLOYEE"%'`)).toBeGreaterThan(0);
    // Every claim has a remittance claim linked to it; 40% are denied in full or in part.
    const claims = count('SELECT count(*) AS n FROM claim');
    expect(claims).toBe(r.patients.flatMap((p) => p.claimNumbers).length);
    expect(count('SELECT count(*) AS n FROM remit_claim WHERE claim_id IS NOT NULL')).toBe(claims);
    expect(count('SELECT count(*) AS n FROM remit_claim WHERE claim_id IS NULL')).toBe(0);
    expect(count("SELECT count(*) AS n FROM claim WHERE claim_number NOT GLOB 'CLM[0-9]*'")).toBe(0);
    const denied = count("SELECT count(DISTINCT remit_claim_id) AS n FROM remit_adjustment WHERE group_code = 'CO' AND carc <> '45'");
    expect(denied / claims).toBeGreaterThan(0.3);
    expect(denied / claims).toBeLessThan(0.5);
    expect(r.counts.claims_denied! + r.counts.claims_partially_denied!).toBe(denied);
    expect(count("SELECT count(*) AS n FROM remit_adjustment WHERE group_code = 'PR' AND carc IN ('1', '2', '3')")).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM remit_claim WHERE status_code = '4' AND paid = 0")).toBe(r.counts.claims_denied);
    const rarcs = (db.prepare("SELECT rarc_json AS r FROM remit_line WHERE rarc_json <> '[]'").all() as Array<{ r: string }>).flatMap((x) => JSON.parse(x.r) as string[]);
    expect(rarcs.length).toBeGreaterThan(0);
    // Claim lines: CPT/HCPCS with charges and dx pointers.
    expect(count("SELECT count(*) AS n FROM claim_line WHERE code_system NOT IN ('CPT', 'HCPCS') OR charge <= 0 OR dx_pointers_json = '[]'")).toBe(0);
  });

  it('every NPI (practitioners, organizations, claims, remits) passes the Luhn check', () => {
    const t = fresh();
    seedDemo(t.backend, { patients: 6, seed: 9 });
    const db = t.backend.store.db;
    const npis = [
      ...(db.prepare('SELECT npi AS n FROM practitioner UNION SELECT npi FROM organization WHERE npi IS NOT NULL').all() as Array<{ n: string }>),
      ...(db.prepare('SELECT billing_npi AS n FROM claim UNION SELECT rendering_npi FROM claim UNION SELECT rendering_npi FROM claim_line UNION SELECT rendering_npi FROM remit_claim').all() as Array<{ n: string }>),
    ].map((x) => x.n);
    expect(npis.length).toBeGreaterThan(5);
    for (const n of npis) expect(npiValid(n), n).toBe(true);
  });

  /** Each canary sits once in its document, is no identifier, and its stored section carries its label. */
  function checkCanaries(t: TestBackend, r: DemoResult): void {
    const db = t.backend.store.db;
    const doc = db.prepare('SELECT text, identifiers_json AS ids FROM document WHERE id = ?');
    const sec = db.prepare('SELECT loinc, labels_json FROM section WHERE document_id = ? AND start <= ? AND end > ?');
    const dx = db.prepare("SELECT code FROM condition WHERE encounter_id = ? AND code_system = 'ICD-10-CM'");
    for (const c of r.canaries) {
      const { text, ids } = doc.get(c.documentId) as { text: string; ids: string };
      const at = text.indexOf(c.phrase);
      expect(at, c.phrase).toBeGreaterThan(0);
      expect(text.indexOf(c.phrase, at + 1)).toBe(-1);
      // The phrase is no identifier, so views that show the section show it verbatim.
      const spans = JSON.parse(ids) as Array<{ start: number; end: number }>;
      expect(spans.filter((i) => i.end > at && i.start < at + c.phrase.length)).toEqual([]);
      const s = sec.get(c.documentId, at, at) as { loinc: string; labels_json: string };
      expect(s.loinc).toBe(c.loinc);
      // Every planted header is one the segmenter knows, except the psychotherapy note's own heading.
      if (c.labels[0] !== 'PSYTHPN') expect(s.loinc, c.labels.join()).not.toBe('unknown');
      expect(JSON.parse(s.labels_json), `${c.labels} in ${c.loinc}`).toEqual(expect.arrayContaining(c.labels));
      // Unrelated means: no coded diagnosis of the encounter carries the label; related means one does.
      const codes = (dx.all(c.encounterId) as Array<{ code: string }>).map((x) => ({ system: 'ICD-10-CM' as const, code: x.code }));
      expect(labelsForCodes(codes).includes(c.labels[0] as Ds4pLabel)).toBe(!c.unrelatedToEncounter);
    }
  }

  it.each([5, 8, 1234, 77, 31337])('the stored analysis labels every planted sensitive section with its DS4P label; related and unrelated both occur (seed %i)', (seed) => {
    const t = fresh();
    const r = seedDemo(t.backend, { patients: 8, seed });
    expect(r.canaries.length).toBeGreaterThan(10);
    checkCanaries(t, r);
    const kinds = new Set(r.canaries.map((c) => `${c.labels[0]}:${c.unrelatedToEncounter ? 'unrelated' : 'related'}`));
    for (const l of ['ETH', 'PSY', 'HIV', 'SEX', 'GDIS']) {
      expect(kinds.has(`${l}:related`), `${l} related`).toBe(true);
      expect(kinds.has(`${l}:unrelated`), `${l} unrelated`).toBe(true);
    }
    for (const l of ['STD', 'SDV', 'PSYTHPN']) expect(kinds.has(`${l}:unrelated`), `${l} unrelated`).toBe(true);
  });

  it('property: for any seed, every canary is labelled where it was planted', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 3 }), (seed, patients) => {
        const t = fresh();
        try {
          checkCanaries(t, seedDemo(t.backend, { patients, seed }));
        } finally {
          t.backend.close();
          open.splice(open.indexOf(t), 1);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('ordinary text carries no labels: in encounters without sensitive diagnoses only the planted sections are labelled', () => {
    const t = fresh();
    const r = seedDemo(t.backend, { patients: 8, seed: 2 });
    const db = t.backend.store.db;
    const rows = db
      .prepare(
        `SELECT s.document_id AS doc, s.start, s.end, s.labels_json AS labels, d.encounter_id AS enc FROM section s JOIN document d ON d.id = s.document_id
         WHERE d.encounter_id NOT IN (SELECT encounter_id FROM condition WHERE code_system = 'ICD-10-CM' AND (code LIKE 'F%' OR code IN ('B20', 'Z15.01') OR code LIKE 'Z3%'))`,
      )
      .all() as Array<{ doc: number; start: number; end: number; labels: string; enc: number }>;
    const text = db.prepare('SELECT text FROM document WHERE id = ?');
    let plain = 0;
    for (const row of rows) {
      const body = (text.get(row.doc) as { text: string }).text.slice(row.start, row.end);
      const planted = r.canaries.some((c) => c.documentId === row.doc && body.includes(c.phrase));
      if (!planted) {
        plain++;
        expect(JSON.parse(row.labels), body).toEqual([]);
      }
    }
    expect(plain).toBeGreaterThan(100);
    // Only the headers the templates write start sections (no 'right knee:' mid-sentence).
    const titles = (db.prepare('SELECT DISTINCT title FROM section').all() as Array<{ title: string }>).map((x) => x.title).filter((x) => x !== '');
    for (const title of titles) expect(title, title).toMatch(/^[A-Z][A-Z &-]+$/);
  });

  it('the first patient always starts with a pneumonia admission whose psychiatric history a coder should not see', () => {
    for (const seed of [1, 2, 99]) {
      const t = fresh();
      const r = seedDemo(t.backend, { patients: 1, seed });
      const enc = r.patients[0]!.encounterIds[0]!;
      const psy = demoCanary(r, 'PSY', true);
      expect(psy.encounterId).toBe(enc);
      const principal = t.backend.store.db.prepare("SELECT code FROM condition WHERE encounter_id = ? AND category = 'principal'").get(enc) as { code: string };
      expect(principal.code).toBe('J18.9');
    }
  });

  it('every secret occurs in the stored note text', () => {
    const t = fresh();
    const r = seedDemo(t.backend, { patients: 8, seed: 11 });
    const all = texts(t).join('\n');
    expect(r.secrets.length).toBeGreaterThan(8 * 6);
    for (const s of r.secrets) expect(all.includes(s), s).toBe(true);
    // At least some SSNs are planted, and the over-89 age is written.
    expect(r.secrets.some((s) => /^\d{3}-\d{2}-\d{4}$/.test(s))).toBe(true);
    expect(/\b9\d-year-old\b/.test(all)).toBe(true);
  });

  it('bigChartDocuments gives one patient exactly that many documents', () => {
    const t = fresh();
    const r = seedDemo(t.backend, { patients: 2, seed: 4, bigChartDocuments: 120 });
    const n = (t.backend.store.db.prepare('SELECT count(*) AS n FROM document WHERE patient_id = ?').get(r.patients[0]!.patientId) as { n: number }).n;
    expect(n).toBe(120);
  });

  it('rejects bad options', () => {
    const t = fresh();
    expect(() => seedDemo(t.backend, { patients: 0 })).toThrow(/patients/);
    expect(() => seedDemo(t.backend, { seed: 1.5 })).toThrow(/seed/);
  });
});
