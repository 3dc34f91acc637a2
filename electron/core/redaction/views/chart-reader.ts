/**
 * Reads what the view builder needs from the store: the encounter header, the document list with
 * each section's code and labels (no text), one document's text and stored analysis, the
 * structured lists, and the codes that define the task. Nothing is re-analysed here: labels and
 * identifier spans are the ones stored at import.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { StatementCache } from '../../db/statements';
import type { Purpose } from '../../../../shared/purposes';
import { labelsForCode, sortLabels, type CodeSystem } from '../sensitivity/codes';
import { tagSections, tagText } from '../sensitivity/tagger';
import type { Ds4pLabel } from '../types';
import type { CodedRow, DocumentBody, DocumentMeta, EncounterRow, LabRow, SectionMeta, SectionRow, StoredIdentifier, StructuredRows } from './types';

const EMPTY = '[]';
const labelsOf = (json: string): Ds4pLabel[] => (json === EMPTY ? [] : (JSON.parse(json) as Ds4pLabel[]));

/** The sensitivity code system of a stored code_system value (FHIR URIs and short names alike). */
export function codeSystemOf(system: string): CodeSystem | null {
  const s = system.toLowerCase();
  if (s.includes('icd-10-cm') || s.includes('icd10cm') || s === 'icd-10' || s === 'icd10') return 'ICD-10-CM';
  if (s.includes('snomed') || s === 'sct') return 'SNOMED';
  if (s.includes('loinc')) return 'LOINC';
  return null;
}

/**
 * A code's labels, most specific first: substance-use codes (F10–F19) fall inside the mental-health
 * range F01–F99 too, but what they disclose is substance use (ETH, 42 CFR Part 2), so a coded
 * alcohol dependence makes ETH content task-related without opening unrelated mental-health notes.
 */
export function codeLabels(system: string, code: string): Ds4pLabel[] {
  const cs = codeSystemOf(system);
  const labels = cs ? labelsForCode({ system: cs, code }) : [];
  return labels.includes('ETH') ? labels.filter((l) => l !== 'PSY') : labels;
}

interface DocRow {
  id: number;
  patient_id: number;
  encounter_id: number | null;
  doc_type: string | null;
  title: string | null;
  authored_at: string | null;
  needs_review: number;
}

export class ChartReader {
  private readonly stmts: StatementCache;

  constructor(readonly db: Database) {
    this.stmts = new StatementCache(db);
  }

  private q(sql: string): Statement {
    return this.stmts.get(sql);
  }

  encounter(id: number): EncounterRow | null {
    const r = this.q(
      `SELECT e.id, e.patient_id, p.given_name, p.family_name, p.mrn, e.class_code, e.type_display, e.period_start, e.period_end, pr.name AS attending
         FROM encounter e JOIN patient p ON p.id = e.patient_id LEFT JOIN practitioner pr ON pr.id = e.attending_id WHERE e.id = ?`,
    ).get(id) as Record<string, string | number | null> | undefined;
    if (!r) return null;
    return {
      id: r.id as number,
      patientId: r.patient_id as number,
      givenName: r.given_name as string | null,
      familyName: r.family_name as string | null,
      mrn: r.mrn as string | null,
      classCode: r.class_code as string | null,
      type: r.type_display as string | null,
      start: r.period_start as string | null,
      end: r.period_end as string | null,
      attending: r.attending as string | null,
    };
  }

  /** The document list, oldest first, each with its sections' codes and labels (no text). */
  documents(patientId: number, encounterId: number, scope: 'encounter' | 'patient'): DocumentMeta[] {
    const where = scope === 'encounter' ? 'd.encounter_id = ?' : 'd.patient_id = ?';
    const key = scope === 'encounter' ? encounterId : patientId;
    const docs = this.q(
      `SELECT d.id, d.patient_id, d.encounter_id, d.doc_type, d.title, d.authored_at, d.needs_review FROM document d WHERE ${where} ORDER BY d.authored_at, d.id`,
    ).all(key) as DocRow[];
    const byId = new Map<number, DocumentMeta>();
    const kinds = kindLabelsOf(docs.map((d) => ({ docType: d.doc_type, title: d.title })));
    const out = docs.map((d, i) => {
      const m = metaOf(d, kinds[i]!);
      byId.set(d.id, m);
      return m;
    });
    const rows = this.q(
      `SELECT s.document_id, s.id, s.ordinal, s.loinc, s.labels_json FROM section s JOIN document d ON d.id = s.document_id WHERE ${where} ORDER BY s.document_id, s.ordinal`,
    ).raw(true).all(key) as Array<[number, number, number, string, string]>;
    for (const [docId, id, ordinal, loinc, labels] of rows) byId.get(docId)?.sections.push({ id, ordinal, loinc, labels: labelsOf(labels) });
    return out;
  }

  /** One document's list entry (sections' codes and labels), or null. */
  document(id: number): DocumentMeta | null {
    const d = this.q('SELECT id, patient_id, encounter_id, doc_type, title, authored_at, needs_review FROM document WHERE id = ?').get(id) as DocRow | undefined;
    if (!d) return null;
    const m = metaOf(d, kindLabelsOf([{ docType: d.doc_type, title: d.title }])[0]!);
    // The list entry only: no text, no identifier spans (body() reads those when they are wanted).
    const rows = this.q('SELECT id, ordinal, loinc, labels_json FROM section WHERE document_id = ? ORDER BY ordinal').raw(true).all(id) as Array<[number, number, string, string]>;
    m.sections = rows.map(([sid, ordinal, loinc, labels]): SectionMeta => ({ id: sid, ordinal, loinc, labels: labelsOf(labels) }));
    return m;
  }

  /** One document's text, stored identifier spans (sorted) and sections. */
  body(id: number): DocumentBody {
    const d = this.q('SELECT text, identifiers_json FROM document WHERE id = ?').get(id) as { text: string | null; identifiers_json: string } | undefined;
    const identifiers = (d ? (JSON.parse(d.identifiers_json) as StoredIdentifier[]) : []).sort((a, b) => a.start - b.start || b.end - a.end);
    const sections = (
      this.q('SELECT id, ordinal, start, end, loinc, title, labels_json FROM section WHERE document_id = ? ORDER BY ordinal').all(id) as Array<{
        id: number;
        ordinal: number;
        start: number;
        end: number;
        loinc: string;
        title: string;
        labels_json: string;
      }>
    ).map((s): SectionRow => ({ id: s.id, ordinal: s.ordinal, start: s.start, end: s.end, loinc: s.loinc, title: s.title, labels: labelsOf(s.labels_json) }));
    return { text: d?.text ?? '', identifiers, sections };
  }

  structured(encounterId: number): StructuredRows {
    type R = { code_system: string; code: string; display: string | null; at: string | null };
    const coded = (rows: R[], labels: (r: R) => Ds4pLabel[]): CodedRow[] =>
      rows.map((r) => ({ system: r.code_system, code: r.code, display: r.display, date: r.at, labels: labels(r) }));
    const byCode = (r: R) => codeLabels(r.code_system, r.code);
    const diagnoses = coded(this.q('SELECT code_system, code, display, COALESCE(onset_at, recorded_at) AS at FROM condition WHERE encounter_id = ? ORDER BY id').all(encounterId) as R[], byCode);
    const procedures = coded(this.q('SELECT code_system, code, display, performed_at AS at FROM procedure_done WHERE encounter_id = ? ORDER BY id').all(encounterId) as R[], byCode);
    // Drug codes carry no DS4P labels of their own: the display name is tagged (buprenorphine → ETH).
    // A medication with no display text cannot be checked (methadone as a bare RxNorm code), so it is
    // not listed at all (fail closed): listing it would show what its name, had it one, would mask.
    const medicationRows = (this.q('SELECT code_system, code, display, authored_at AS at FROM medication WHERE encounter_id = ? ORDER BY id').all(encounterId) as R[]).filter(
      (r) => (r.display !== null && r.display.trim() !== '') || byCode(r).length > 0,
    );
    const medications = coded(medicationRows, (r) => sortLabels(new Set([...byCode(r), ...(r.display ? tagText(r.display).labels : [])])));
    const labs = (
      this.q(
        `SELECT code_system, code, display, effective_at AS at, value_text, value_num, unit, interpretation FROM observation
          WHERE encounter_id = ? AND (category IS NULL OR category = 'laboratory') ORDER BY id`,
      ).all(encounterId) as Array<R & { value_text: string | null; value_num: number | null; unit: string | null; interpretation: string | null }>
    ).map(
      (r): LabRow => ({
        system: r.code_system,
        code: r.code,
        display: r.display,
        date: r.at,
        labels: sortLabels(new Set([...byCode(r), ...(r.display ? tagText(r.display).labels : [])])),
        value: r.value_text ?? (r.value_num === null ? null : String(r.value_num)),
        unit: r.unit,
        flag: r.interpretation,
      }),
    );
    return { diagnoses, procedures, medications, labs };
  }

  /**
   * Labels the task's own codes carry: the encounter's diagnoses and procedures and, for claim
   * work, the diagnoses and line codes of the encounter's claims.
   */
  taskLabels(encounterId: number, purpose: Purpose): Set<Ds4pLabel> {
    const out = new Set<Ds4pLabel>();
    const add = (system: string | null, code: string | null) => {
      if (system && code) for (const l of codeLabels(system, code)) out.add(l);
    };
    const rows = this.q(
      'SELECT code_system, code FROM condition WHERE encounter_id = ? UNION ALL SELECT code_system, code FROM procedure_done WHERE encounter_id = ?',
    ).raw(true).all(encounterId, encounterId) as Array<[string, string]>;
    if (purpose !== 'denial_dispute' && purpose !== 'claim_edit') for (const [s, c] of rows) add(s, c);
    else {
      // Claim work is defined by the claim: its diagnoses and its lines' codes.
      const claims = this.q('SELECT id, diagnoses_json FROM claim WHERE encounter_id = ?').all(encounterId) as Array<{ id: number; diagnoses_json: string }>;
      for (const c of claims) {
        for (const d of JSON.parse(c.diagnoses_json) as Array<{ system: string; code: string }>) add(d.system, d.code);
        for (const l of this.q('SELECT code_system, code FROM claim_line WHERE claim_id = ?').all(c.id) as Array<{ code_system: string | null; code: string | null }>) add(l.code_system, l.code);
      }
    }
    return out;
  }
}

const kindText = (docType: string | null, title: string | null): string => [docType?.replace(/[-_]+/g, ' '), title].filter(Boolean).join('. ');

/** Document kinds repeat (a chart's titles are a few dozen): their labels are tagged once. */
const KIND_CACHE = new Map<string, Ds4pLabel[]>();

/**
 * The labels each document's kind carries: its type and title as recorded by the source, tagged like
 * any text ("psychotherapy-note" / "Psychotherapy session" → PSYTHPN, PSY). Depends on nothing but
 * those two. Kinds not seen before are tagged in one pass (one tokenization for the lot).
 */
export function kindLabelsOf(kinds: ReadonlyArray<{ docType: string | null; title: string | null }>): Ds4pLabel[][] {
  const texts = kinds.map((k) => kindText(k.docType, k.title));
  const missing = [...new Set(texts.filter((t) => t && !KIND_CACHE.has(t)))];
  if (missing.length) {
    if (KIND_CACHE.size + missing.length > 4096) KIND_CACHE.clear();
    let joined = '';
    const segments = missing.map((t) => {
      const start = joined.length;
      joined += `${t}\n\n`;
      return { start, end: start + t.length, bodyStart: start, title: '', loinc: 'unknown' };
    });
    tagSections(joined, segments).forEach((tagged, i) => KIND_CACHE.set(missing[i]!, tagged.labels));
  }
  return texts.map((t) => (t ? [...KIND_CACHE.get(t)!] : []));
}

function metaOf(d: DocRow, kindLabels: Ds4pLabel[]): DocumentMeta {
  return {
    id: d.id,
    patientId: d.patient_id,
    encounterId: d.encounter_id,
    docType: d.doc_type,
    title: d.title,
    authoredAt: d.authored_at,
    needsReview: !!d.needs_review,
    kindLabels,
    sections: [],
  };
}
