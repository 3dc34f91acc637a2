/**
 * ChartWriter: the one way chart data enters the store, used by every importer (FHIR, C-CDA,
 * text, X12 835, OCR) and by the demo generator. Every row is keyed by (source_system, source_id)
 * so writing the same resource twice updates it in place; children that belong wholly to a parent
 * (a document's sections and pages, a claim's lines, a remittance's claims) are replaced with it.
 *
 * Documents are analysed here (sections, DS4P labels, identifiers) so analysis always happens at
 * import and is stored. The identifier finder is given what the store knows about the document's
 * patient and care team (core/chart/known-identifiers.ts); each document records the analyzer
 * version and the hash of that record. A later write that changes what is known about a patient
 * (a claim's member id after the notes) leaves their documents behind: `batch()` (the importer, one
 * per file) holds analysis back to the end of the file, and `settle()` re-analyses what is still
 * behind; `reanalyzeChart()` is what background re-analysis runs. The caller owns the transaction
 * (one per file).
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { StatementCache } from './statements';
import { analyzerVersion } from '../chart/analyzer-version';
import { knownIdentifierSource, type KnownIdentifierSource, type PatientKnown, type StoredContact } from '../chart/known-identifiers';
import { ANALYSIS_VERSION, analyzeDocument, type DocumentAnalysis } from '../redaction/analyze-document';
import { sortLabels, type CodedConcept } from '../redaction/sensitivity/codes';
import type { Ds4pLabel, Segment } from '../redaction/types';

export interface SourceKey {
  sourceSystem: string;
  sourceId: string;
}

type Value = string | number | null | undefined;

export interface PatientInput extends SourceKey {
  mrn?: string | null;
  familyName?: string | null;
  givenName?: string | null;
  birthDate?: string | null;
  sex?: string | null;
  addressLine?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  phone?: string | null;
  flags?: string[];
  /** Relatives, guardians, emergency contacts (FHIR Patient.contact). */
  contacts?: StoredContact[];
}

export interface PartyInput extends SourceKey {
  npi?: string | null;
  name?: string | null;
  kind?: string | null;
}

export interface EncounterInput extends SourceKey {
  patientId: number;
  classCode?: string | null;
  status?: string | null;
  typeSystem?: string | null;
  typeCode?: string | null;
  typeDisplay?: string | null;
  reasonDisplay?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
  attendingId?: number | null;
  facilityId?: number | null;
}

export interface PageInput {
  start: number;
  end: number;
  ocrConfidence?: number | null;
  lowConfidence?: boolean;
}

export interface DocumentInput extends SourceKey {
  patientId: number;
  encounterId?: number | null;
  /** 'discharge-summary' | 'history-and-physical' | 'progress-note' | 'operative-note' | 'consult' | 'result' | 'scanned' | ... */
  docType?: string | null;
  title?: string | null;
  authoredAt?: string | null;
  authorId?: number | null;
  text: string;
  format: 'fhir' | 'ccda' | 'text' | 'ocr' | 'pdf-text' | 'demo';
  contentSha256?: string | null;
  ocrConfidence?: number | null;
  needsReview?: boolean;
  pages?: PageInput[];
  /** Coded data that belongs to this document (its encounter's diagnoses, a C-CDA's entries): adds document-level labels. */
  codes?: CodedConcept[];
  /**
   * Sections given by the source (C-CDA): each with its own LOINC code and title; the body is
   * still tagged and scanned for identifiers. Without it, the segmenter splits the text.
   */
  sections?: Array<{ start: number; end: number; bodyStart: number; loinc: string; title: string }>;
}

export interface CodeRowInput extends SourceKey {
  patientId: number;
  encounterId?: number | null;
  codeSystem: string;
  code: string;
  display?: string | null;
}

export interface ConditionInput extends CodeRowInput {
  category?: string | null;
  clinicalStatus?: string | null;
  onsetAt?: string | null;
  recordedAt?: string | null;
}
export interface ProcedureInput extends CodeRowInput {
  performedAt?: string | null;
}
export interface MedicationInput extends CodeRowInput {
  kind: 'request' | 'administration' | 'statement';
  status?: string | null;
  dosageText?: string | null;
  authoredAt?: string | null;
}
export interface ObservationInput extends CodeRowInput {
  category?: string | null;
  valueText?: string | null;
  valueNum?: number | null;
  unit?: string | null;
  refLow?: number | null;
  refHigh?: number | null;
  interpretation?: string | null;
  effectiveAt?: string | null;
}
export interface CoverageInput extends SourceKey {
  patientId: number;
  payerName?: string | null;
  payerId?: string | null;
  memberId?: string | null;
  groupNumber?: string | null;
  planName?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
}

export interface ClaimLineInput {
  lineNo: number;
  serviceDate?: string | null;
  codeSystem?: string | null;
  code?: string | null;
  display?: string | null;
  modifiers?: string[];
  units?: number | null;
  charge?: number | null;
  renderingNpi?: string | null;
  dxPointers?: number[];
}

export interface ClaimInput extends SourceKey {
  patientId: number;
  encounterId?: number | null;
  claimNumber: string;
  claimType?: string | null;
  payerName?: string | null;
  payerId?: string | null;
  memberId?: string | null;
  billingNpi?: string | null;
  renderingNpi?: string | null;
  totalCharge?: number | null;
  serviceStart?: string | null;
  serviceEnd?: string | null;
  createdAt?: string | null;
  diagnoses?: Array<{ seq: number; system: string; code: string; display?: string | null }>;
  lines: ClaimLineInput[];
  /**
   * Other names remittances may have used for this claim before it arrived (a FHIR EOB whose Claim
   * was not in its file names it by reference, e.g. `Claim/123`); they link like the claim number.
   */
  aliases?: string[];
}

export interface AdjustmentInput {
  groupCode: string;
  carc: string;
  amount: number;
  quantity?: number | null;
}

export interface RemitLineInput {
  lineNo: number;
  codeSystem?: string | null;
  code?: string | null;
  modifiers?: string[];
  billed?: number | null;
  paid?: number | null;
  units?: number | null;
  serviceDate?: string | null;
  rarc?: string[];
  adjustments: AdjustmentInput[];
  /** SVC06: the procedure as originally billed, when the payer paid a different one. */
  billedCodeSystem?: string | null;
  billedCode?: string | null;
  billedModifiers?: string[];
  /** REF*6R: the provider's line item control number. */
  controlNumber?: string | null;
}

export interface RemitClaimInput {
  claimNumber: string;
  /** The patient the payer says this is, when known (a FHIR EOB's patient): only their claims match. */
  patientId?: number | null;
  statusCode?: string | null;
  billed?: number | null;
  paid?: number | null;
  patientResp?: number | null;
  payerClaimControl?: string | null;
  patientName?: string | null;
  memberId?: string | null;
  renderingNpi?: string | null;
  serviceStart?: string | null;
  serviceEnd?: string | null;
  receivedAt?: string | null;
  rarc?: string[];
  /** CLP06, CLP08, CLP09. */
  filingIndicator?: string | null;
  facilityType?: string | null;
  frequency?: string | null;
  /** Claim-level REF identifiers by qualifier (see migration 0014 for which are kept). */
  refs?: Record<string, string>;
  adjustments: AdjustmentInput[];
  lines: RemitLineInput[];
}

export interface RemittanceInput extends SourceKey {
  payerName?: string | null;
  payerId?: string | null;
  payeeName?: string | null;
  payeeNpi?: string | null;
  checkNumber?: string | null;
  paymentAmount?: number | null;
  paymentDate?: string | null;
  productionDate?: string | null;
  fileSha256?: string | null;
  /** What the reader tolerated (envelope mismatches, skipped segments); shown with the remittance. */
  warnings?: string[];
  claims: RemitClaimInput[];
}

/** What one writer has written, by resource type (for import summaries). */
export type WriteCounts = Record<string, number>;

const json = (v: unknown): string => JSON.stringify(v ?? []);

export class ChartWriter {
  readonly counts: WriteCounts = {};
  private readonly stmts: StatementCache;
  private readonly known: KnownIdentifierSource;
  /** Each patient's known identifiers, until a write changes them. */
  private readonly knownCache = new Map<number, PatientKnown | null>();
  /** Patients written or written about since the last settle(). */
  private readonly touched = new Set<number>();
  /** Authors whose documents this writer wrote, per patient (already in the store, so in a fresh record). */
  private readonly authors = new Map<number, Set<number>>();
  /** Documents written inside batch(), analysed at its end. */
  private deferred: Map<number, DocumentInput> | null = null;

  constructor(readonly db: Database) {
    this.stmts = new StatementCache(db);
    this.known = knownIdentifierSource(db);
  }

  /** What is known about `patientId` may have changed. */
  private touch(patientId: number | null | undefined): void {
    if (patientId == null) return;
    this.touched.add(patientId);
    this.knownCache.delete(patientId);
  }

  private knownFor(patientId: number): PatientKnown | null {
    if (!this.knownCache.has(patientId)) this.knownCache.set(patientId, this.known.forPatient(patientId));
    return this.knownCache.get(patientId)!;
  }

  private count(kind: string): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }

  private prepared(sql: string): Statement {
    return this.stmts.get(sql);
  }

  /** INSERT … ON CONFLICT(source_system, source_id) DO UPDATE, returning the row id. */
  private upsert(table: string, row: Record<string, Value>): number {
    const cols = Object.keys(row);
    const sql =
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ` +
      `ON CONFLICT (source_system, source_id) DO UPDATE SET ${cols
        .filter((c) => c !== 'source_system' && c !== 'source_id')
        .map((c) => `${c} = excluded.${c}`)
        .join(', ')} RETURNING id`;
    const r = this.prepared(sql).get(...cols.map((c) => row[c] ?? null)) as { id: number };
    this.count(table);
    return r.id;
  }

  patient(p: PatientInput): number {
    const id = this.upsert('patient', {
      source_system: p.sourceSystem,
      source_id: p.sourceId,
      mrn: p.mrn,
      family_name: p.familyName,
      given_name: p.givenName,
      birth_date: p.birthDate,
      sex: p.sex,
      address_line: p.addressLine,
      city: p.city,
      state: p.state,
      postal_code: p.postalCode,
      phone: p.phone,
      flags_json: json(p.flags),
      contacts_json: json(p.contacts),
    });
    this.touch(id);
    this.known.notePerson({ given: p.givenName, family: p.familyName }, 'person');
    for (const c of p.contacts ?? []) this.known.notePerson(c, 'person');
    return id;
  }

  practitioner(p: PartyInput): number {
    const id = this.upsert('practitioner', { source_system: p.sourceSystem, source_id: p.sourceId, npi: p.npi, name: p.name });
    this.knownCache.clear();
    if (p.name) this.known.notePerson({ full: p.name }, 'practitioner');
    return id;
  }

  organization(o: PartyInput): number {
    const id = this.upsert('organization', { source_system: o.sourceSystem, source_id: o.sourceId, npi: o.npi, name: o.name, kind: o.kind });
    this.knownCache.clear();
    return id;
  }

  encounter(e: EncounterInput): number {
    this.touch(e.patientId);
    return this.upsert('encounter', {
      source_system: e.sourceSystem,
      source_id: e.sourceId,
      patient_id: e.patientId,
      class_code: e.classCode,
      status: e.status,
      type_system: e.typeSystem,
      type_code: e.typeCode,
      type_display: e.typeDisplay,
      reason_display: e.reasonDisplay,
      period_start: e.periodStart,
      period_end: e.periodEnd,
      attending_id: e.attendingId,
      facility_id: e.facilityId,
    });
  }

  /** Writes the document, analyses its text and replaces its sections and pages. */
  document(d: DocumentInput): number {
    const id = this.upsert('document', {
      source_system: d.sourceSystem,
      source_id: d.sourceId,
      patient_id: d.patientId,
      encounter_id: d.encounterId,
      doc_type: d.docType,
      title: d.title,
      authored_at: d.authoredAt,
      author_id: d.authorId,
      text: d.text,
      format: d.format,
      content_sha256: d.contentSha256,
      ocr_confidence: d.ocrConfidence,
      needs_review: d.needsReview ? 1 : 0,
      codes_json: json(d.codes),
      source_sections: d.sections ? 1 : 0,
    });
    // after the row, so that a new author counts among the care team (the same author again changes nothing)
    this.touched.add(d.patientId);
    if (d.authorId != null) {
      const seen = this.authors.get(d.patientId) ?? new Set<number>();
      if (!seen.has(d.authorId)) {
        seen.add(d.authorId);
        this.authors.set(d.patientId, seen);
        this.knownCache.delete(d.patientId);
      }
    }
    if (this.deferred) this.deferred.set(id, d);
    else this.analyze(id, d);
    this.prepared('DELETE FROM document_page WHERE document_id = ?').run(id);
    const insPage = this.prepared(
      'INSERT INTO document_page (document_id, page_no, start, end, ocr_confidence, low_confidence) VALUES (?, ?, ?, ?, ?, ?)',
    );
    (d.pages ?? []).forEach((p, i) => insPage.run(id, i + 1, p.start, p.end, p.ocrConfidence ?? null, p.lowConfidence ? 1 : 0));
    return id;
  }

  private analyze(id: number, d: DocumentInput): void {
    const known = this.knownFor(d.patientId);
    const analysis = analyzeDocument(d.text, { codes: d.codes, segments: d.sections, known: known?.matcher });
    this.storeAnalysis(id, analysis, known?.sha ?? null);
  }

  /**
   * Runs `fn` (an importer writing one file) with document analysis held back to its end, so that
   * each document is analysed once, knowing everything the file says about its patient (claims and
   * their member ids come after the notes in a FHIR bundle); then settles. Call it inside the file's
   * transaction. If `fn` throws, nothing held back is kept (the transaction rolls back).
   */
  batch<T>(fn: () => T): T {
    this.deferred = new Map();
    try {
      const out = fn();
      const held = this.deferred;
      this.deferred = null;
      for (const [id, d] of held) this.analyze(id, d);
      this.settle();
      return out;
    } catch (e) {
      this.knownCache.clear(); // computed from rows the rollback takes away
      this.authors.clear();
      throw e;
    } finally {
      this.deferred = null;
      this.touched.clear();
    }
  }

  /** Writes a document's analysis (identifiers, labels, sections) and what it was made with. */
  private storeAnalysis(id: number, analysis: DocumentAnalysis, knownSha: string | null, keepLabels: readonly Ds4pLabel[] = []): void {
    const labels = keepLabels.length ? sortLabels(new Set([...analysis.documentLabels, ...keepLabels])) : analysis.documentLabels;
    this.prepared('UPDATE document SET identifiers_json = ?, labels_json = ?, analysis_version = ?, analyzer_version = ?, known_sha = ? WHERE id = ?').run(
      JSON.stringify(analysis.identifiers.map(({ start, end, type, confidence }) => ({ start, end, type, confidence }))),
      json(labels),
      ANALYSIS_VERSION,
      analyzerVersion(),
      knownSha,
      id,
    );
    // Sections updated in place by ordinal, so a section keeps its row id across re-analysis and re-import.
    const putSection = this.prepared(
      `INSERT INTO section (document_id, ordinal, start, end, body_start, loinc, title, labels_json, spans_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (document_id, ordinal) DO UPDATE SET start = excluded.start, end = excluded.end, body_start = excluded.body_start, loinc = excluded.loinc,
         title = excluded.title, labels_json = excluded.labels_json, spans_json = excluded.spans_json`,
    );
    analysis.sections.forEach((s, i) => putSection.run(id, i, s.start, s.end, s.bodyStart, s.loinc, s.title, json(s.labels), json(s.spans)));
    this.prepared('DELETE FROM section WHERE document_id = ? AND ordinal >= ?').run(id, analysis.sections.length);
  }

  /**
   * Re-analyses the patient's stored documents that were analysed by another analyzer or with
   * another record of what is known about the patient (every one with `force`), in one
   * transaction: a chart is never left half re-analysed. Purged documents (no text) are skipped.
   * Returns how many were re-analysed.
   */
  reanalyzeChart(patientId: number, opts: { force?: boolean; fresh?: boolean } = {}): number {
    return this.db.transaction(() => {
      if (opts.fresh !== false) this.knownCache.delete(patientId);
      // the hash alone first: the matcher is built only when something is behind
      const sha = this.knownCache.get(patientId)?.sha ?? this.known.shaOf(patientId);
      const docs = this.prepared(
        `SELECT id, text, format, encounter_id, codes_json, source_sections, labels_json FROM document
         WHERE patient_id = @p AND text IS NOT NULL AND (@force = 1 OR analyzer_version IS NOT @v OR known_sha IS NOT @sha) ORDER BY id`,
      ).all({ p: patientId, force: opts.force ? 1 : 0, v: analyzerVersion(), sha }) as StoredDoc[];
      const known = docs.length ? this.knownFor(patientId) : null;
      for (const d of docs) {
        const legacy = d.codes_json === null;
        const codes = legacy ? this.encounterCodes(d.encounter_id) : (JSON.parse(d.codes_json!) as CodedConcept[]);
        const fromSource = d.source_sections === 1 || (d.source_sections === null && d.format === 'ccda');
        const segments = fromSource ? this.storedSegments(d.id) : undefined;
        const analysis = analyzeDocument(d.text, { codes, segments: segments?.length ? segments : undefined, known: known?.matcher });
        // rows from before the inputs were recorded keep their document labels: a label is never lost to re-analysis
        this.storeAnalysis(d.id, analysis, known?.sha ?? null, legacy ? (JSON.parse(d.labels_json) as Ds4pLabel[]) : []);
      }
      return docs.length;
    })();
  }

  /** Re-analyses the documents of every patient written since the last call whose known identifiers changed. */
  settle(): number {
    let n = 0;
    for (const p of this.touched) n += this.reanalyzeChart(p, { fresh: false });
    this.touched.clear();
    return n;
  }

  private storedSegments(documentId: number): Segment[] {
    return (this.prepared('SELECT start, end, body_start, loinc, title FROM section WHERE document_id = ? ORDER BY ordinal').all(documentId) as Array<{ start: number; end: number; body_start: number; loinc: string; title: string }>).map(
      (s) => ({ start: s.start, end: s.end, bodyStart: s.body_start, loinc: s.loinc, title: s.title }),
    );
  }

  private encounterCodes(encounterId: number | null): CodedConcept[] {
    if (encounterId == null) return [];
    return this.prepared("SELECT code_system AS system, code FROM condition WHERE encounter_id = ? AND code_system IN ('ICD-10-CM', 'SNOMED')").all(encounterId) as CodedConcept[];
  }

  condition(c: ConditionInput): number {
    return this.upsert('condition', {
      ...codeCols(c),
      category: c.category,
      clinical_status: c.clinicalStatus,
      onset_at: c.onsetAt,
      recorded_at: c.recordedAt,
    });
  }

  procedure(p: ProcedureInput): number {
    return this.upsert('procedure_done', { ...codeCols(p), performed_at: p.performedAt });
  }

  medication(m: MedicationInput): number {
    return this.upsert('medication', { ...codeCols(m), kind: m.kind, status: m.status, dosage_text: m.dosageText, authored_at: m.authoredAt });
  }

  observation(o: ObservationInput): number {
    return this.upsert('observation', {
      ...codeCols(o),
      category: o.category,
      value_text: o.valueText,
      value_num: o.valueNum,
      unit: o.unit,
      ref_low: o.refLow,
      ref_high: o.refHigh,
      interpretation: o.interpretation,
      effective_at: o.effectiveAt,
    });
  }

  coverage(c: CoverageInput): number {
    this.touch(c.patientId);
    return this.upsert('coverage', {
      source_system: c.sourceSystem,
      source_id: c.sourceId,
      patient_id: c.patientId,
      payer_name: c.payerName,
      payer_id: c.payerId,
      member_id: c.memberId,
      group_number: c.groupNumber,
      plan_name: c.planName,
      period_start: c.periodStart,
      period_end: c.periodEnd,
    });
  }

  /** Writes the claim and replaces its lines; links any stored remittance claims with the same claim number. */
  claim(c: ClaimInput): number {
    this.touch(c.patientId);
    const id = this.upsert('claim', {
      source_system: c.sourceSystem,
      source_id: c.sourceId,
      patient_id: c.patientId,
      encounter_id: c.encounterId,
      claim_number: c.claimNumber,
      claim_type: c.claimType,
      payer_name: c.payerName,
      payer_id: c.payerId,
      member_id: c.memberId,
      billing_npi: c.billingNpi,
      rendering_npi: c.renderingNpi,
      total_charge: c.totalCharge,
      service_start: c.serviceStart,
      service_end: c.serviceEnd,
      created_at: c.createdAt,
      diagnoses_json: json(c.diagnoses),
    });
    this.prepared('DELETE FROM claim_line WHERE claim_id = ?').run(id);
    const ins = this.prepared(
      `INSERT INTO claim_line (claim_id, line_no, service_date, code_system, code, display, modifiers_json, units, charge, rendering_npi, dx_pointers_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const l of c.lines) {
      ins.run(id, l.lineNo, l.serviceDate ?? null, l.codeSystem ?? null, l.code ?? null, l.display ?? null, json(l.modifiers), l.units ?? null, l.charge ?? null, l.renderingNpi ?? null, json(l.dxPointers));
      this.count('claim_line');
    }
    // Remittances that arrived first: same number (or alias), not another patient's, not another member's.
    const link = this.prepared(
      `UPDATE remit_claim SET claim_id = ?, patient_id = ?, claim_number = ?
       WHERE claim_number = ? AND claim_id IS NULL AND (patient_id IS NULL OR patient_id = ?) AND (member_id IS NULL OR ? IS NULL OR member_id = ?)`,
    );
    for (const n of [c.claimNumber, ...(c.aliases ?? [])]) link.run(id, c.patientId, c.claimNumber, n, c.patientId, c.memberId ?? null, c.memberId ?? null);
    return id;
  }

  /**
   * Writes a remittance and replaces its claims, lines and adjustments. Each remit claim is matched
   * to a stored claim by claim number (CLP01), never to another patient's claim (when the payer names
   * the patient) or another member's (when both carry a member id); unmatched ones are kept and
   * match when the claim arrives.
   */
  remittance(r: RemittanceInput): { id: number; matched: number; unmatched: number } {
    const id = this.upsert('remittance', {
      source_system: r.sourceSystem,
      source_id: r.sourceId,
      payer_name: r.payerName,
      payer_id: r.payerId,
      payee_name: r.payeeName,
      payee_npi: r.payeeNpi,
      check_number: r.checkNumber,
      payment_amount: r.paymentAmount,
      payment_date: r.paymentDate,
      production_date: r.productionDate,
      file_sha256: r.fileSha256,
      warnings_json: json(r.warnings),
    });
    this.prepared('DELETE FROM remit_claim WHERE remittance_id = ?').run(id);
    const candidates = this.prepared('SELECT id, patient_id, member_id FROM claim WHERE claim_number = ? ORDER BY id DESC');
    const findClaim = (c: RemitClaimInput) =>
      (candidates.all(c.claimNumber) as Array<{ id: number; patient_id: number; member_id: string | null }>).find(
        (k) => (c.patientId == null || k.patient_id === c.patientId) && (!c.memberId || !k.member_id || k.member_id === c.memberId),
      );
    const insClaim = this.prepared(
      `INSERT INTO remit_claim (remittance_id, seq, claim_id, patient_id, claim_number, status_code, billed, paid, patient_resp, payer_claim_control,
         patient_name, member_id, rendering_npi, service_start, service_end, received_at, rarc_json,
         filing_indicator, facility_type, frequency, refs_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    const insLine = this.prepared(
      `INSERT INTO remit_line (remit_claim_id, line_no, code_system, code, modifiers_json, billed, paid, units, service_date, rarc_json,
         billed_code_system, billed_code, billed_modifiers_json, control_number)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    const insAdj = this.prepared('INSERT INTO remit_adjustment (remit_claim_id, remit_line_id, group_code, carc, amount, quantity) VALUES (?, ?, ?, ?, ?, ?)');
    let matched = 0;
    r.claims.forEach((c, i) => {
      const claim = findClaim(c);
      if (claim) matched++;
      this.touch(claim?.patient_id ?? c.patientId);
      const rc = insClaim.get(
        id, i + 1, claim?.id ?? null, claim?.patient_id ?? c.patientId ?? null, c.claimNumber, c.statusCode ?? null, c.billed ?? null, c.paid ?? null,
        c.patientResp ?? null, c.payerClaimControl ?? null, c.patientName ?? null, c.memberId ?? null, c.renderingNpi ?? null,
        c.serviceStart ?? null, c.serviceEnd ?? null, c.receivedAt ?? null, json(c.rarc),
        c.filingIndicator ?? null, c.facilityType ?? null, c.frequency ?? null, JSON.stringify(c.refs ?? {}),
      ) as { id: number };
      this.count('remit_claim');
      for (const a of c.adjustments) insAdj.run(rc.id, null, a.groupCode, a.carc, a.amount, a.quantity ?? null);
      for (const l of c.lines) {
        const rl = insLine.get(rc.id, l.lineNo, l.codeSystem ?? null, l.code ?? null, json(l.modifiers), l.billed ?? null, l.paid ?? null, l.units ?? null, l.serviceDate ?? null, json(l.rarc),
          l.billedCodeSystem ?? null, l.billedCode ?? null, json(l.billedModifiers), l.controlNumber ?? null) as { id: number };
        for (const a of l.adjustments) insAdj.run(rc.id, rl.id, a.groupCode, a.carc, a.amount, a.quantity ?? null);
      }
    });
    return { id, matched, unmatched: r.claims.length - matched };
  }
}

interface StoredDoc {
  id: number;
  text: string;
  format: string | null;
  encounter_id: number | null;
  codes_json: string | null;
  source_sections: number | null;
  labels_json: string;
}

function codeCols(c: CodeRowInput): Record<string, Value> {
  return {
    source_system: c.sourceSystem,
    source_id: c.sourceId,
    patient_id: c.patientId,
    encounter_id: c.encounterId,
    code_system: c.codeSystem,
    code: c.code,
    display: c.display,
  };
}
