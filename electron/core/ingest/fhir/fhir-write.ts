/**
 * Writes parsed FHIR resources through ChartWriter, parents first (organizations, practitioners,
 * patients, coverage, encounters) so references resolve to row ids. A reference to a resource
 * not in the file is looked up among rows already imported from FHIR (source system 'fhir',
 * source id `Type/id`), so a searchset of Conditions can follow the bundle with their Patient.
 *
 * ExplanationOfBenefit is stored as a remittance (FHIR's counterpart of an 835 claim payment)
 * matched to its Claim by claim number. DiagnosticReport is stored as an observation (the panel)
 * and, when it carries text (presentedForm, conclusion), as a 'result' document.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { ChartWriter, ClaimLineInput, DocumentInput, RemitLineInput } from '../../db/chart-writer';
import { NtkError } from '../../errors';
import type { CodedConcept } from '../../redaction/sensitivity/codes';
import { docTypeFromLoinc } from '../doc-types';
import { arr, at, codings, conceptText, firstDate, num, obj, objs, pickCode, str, type Code, type Json } from './fhir-json';
import { resolveRef, type FhirEntry, type FhirParsed, type SupportedType } from './fhir-parse';
import { attachmentText } from './attachment';

export const FHIR_SOURCE = 'fhir';

const ORDER: readonly SupportedType[] = [
  'Organization',
  'Practitioner',
  'Patient',
  'Coverage',
  'Encounter',
  'Condition',
  'Procedure',
  'Medication',
  'MedicationRequest',
  'MedicationAdministration',
  'MedicationStatement',
  'Immunization',
  'Observation',
  'DiagnosticReport',
  'DocumentReference',
  'Claim',
  'ExplanationOfBenefit',
];

const TABLE_OF: Partial<Record<SupportedType, string>> = {
  Organization: 'organization',
  Practitioner: 'practitioner',
  Patient: 'patient',
  Encounter: 'encounter',
  Condition: 'condition',
  Claim: 'claim',
};

const CONDITION_SYSTEMS = ['ICD-10-CM', 'SNOMED', 'ICD-10', 'ICD-9-CM'];
const PROCEDURE_SYSTEMS = ['CPT', 'HCPCS', 'ICD-10-PCS', 'SNOMED'];
const MED_SYSTEMS = ['RxNorm', 'NDC', 'SNOMED'];
const LINE_SYSTEMS = ['CPT', 'HCPCS', 'ICD-10-PCS', 'SNOMED'];

const lookups = new WeakMap<Database, Map<string, Statement>>();

class Ctx {
  /** key -> row id for rows written from this file. */
  readonly ids = new Map<string, number>();
  readonly byKey = new Map<string, FhirEntry>();
  /** Conditions by encounter key: the codes that document-level labels come from. */
  readonly encounterCodes = new Map<string, CodedConcept[]>();
  /** Claim key -> what its EOB says about the payer. */
  readonly eobPayer = new Map<string, { payerName?: string; memberId?: string }>();

  constructor(
    readonly w: ChartWriter,
    readonly p: FhirParsed,
  ) {
    for (const e of p.entries) this.byKey.set(e.key, e);
  }

  /** A statement prepared once per database and kept (keyed by its SQL). */
  private stmt(sql: string): Statement {
    let m = lookups.get(this.w.db);
    if (!m) lookups.set(this.w.db, (m = new Map()));
    let s = m.get(sql);
    if (!s) m.set(sql, (s = this.w.db.prepare(sql)));
    return s;
  }

  /** The claim number of a stored claim. */
  claimNumber(claimId: number): string {
    return (this.stmt('SELECT claim_number FROM claim WHERE id = ?').get(claimId) as { claim_number: string }).claim_number;
  }

  /** Row id of a referenced resource of `type`, from this file or already stored. */
  id(ref: unknown, type: SupportedType): number | undefined {
    const key = resolveRef(this.p.refs, ref, type);
    if (!key || !key.startsWith(type + '/')) return undefined;
    const local = this.ids.get(key);
    if (local !== undefined) return local;
    const table = TABLE_OF[type];
    if (!table) return undefined;
    const row = this.stmt(`SELECT id FROM ${table} WHERE source_system = ? AND source_id = ?`).get(FHIR_SOURCE, key) as { id: number } | undefined;
    if (row) this.ids.set(key, row.id);
    return row?.id;
  }

  entry(ref: unknown, type: SupportedType): FhirEntry | undefined {
    const key = resolveRef(this.p.refs, ref, type);
    return key ? this.byKey.get(key) : undefined;
  }

  patient(e: FhirEntry, ref: unknown): number {
    const id = this.id(ref, 'Patient');
    if (id === undefined) throw new NtkError('BAD_INPUT', `Entry ${e.index} (${e.type}): its patient is neither in this file nor already imported.`);
    return id;
  }
}

export function writeFhir(p: FhirParsed, w: ChartWriter): void {
  const c = new Ctx(w, p);
  for (const [type, n] of Object.entries(p.skipped)) w.counts[`skipped:${type}`] = (w.counts[`skipped:${type}`] ?? 0) + n;
  prepare(c);
  const byType = new Map<SupportedType, FhirEntry[]>();
  for (const e of p.entries) {
    const list = byType.get(e.type) ?? [];
    list.push(e);
    byType.set(e.type, list);
  }
  for (const type of ORDER) {
    for (const e of byType.get(type) ?? []) {
      const id = WRITERS[type](c, e, e.resource);
      if (id !== undefined) c.ids.set(e.key, id);
    }
  }
}

/** Facts that flow across resources before anything is written. */
function prepare(c: Ctx): void {
  for (const e of c.p.entries) {
    const r = e.resource;
    if (e.type === 'Condition') {
      const enc = resolveRef(c.p.refs, r.encounter, 'Encounter');
      if (!enc) continue;
      const concepts = codings(r.code).filter((x): x is Code & { system: CodedConcept['system'] } => x.system === 'ICD-10-CM' || x.system === 'SNOMED');
      const list = c.encounterCodes.get(enc) ?? [];
      list.push(...concepts.map((x) => ({ system: x.system, code: x.code })));
      c.encounterCodes.set(enc, list);
    } else if (e.type === 'ExplanationOfBenefit') {
      const claim = resolveRef(c.p.refs, r.claim, 'Claim');
      if (claim) c.eobPayer.set(claim, { payerName: str(at(r, 'insurer', 'display'), 200), memberId: eobMember(r) });
    }
  }
}

function eobMember(r: Json): string | undefined {
  for (const cov of objs(r.contained)) if (cov.resourceType === 'Coverage') return str(cov.subscriberId, 64);
  return undefined;
}

type Writer = (c: Ctx, e: FhirEntry, r: Json) => number | undefined;

const key = (e: FhirEntry) => ({ sourceSystem: FHIR_SOURCE, sourceId: e.key });

function identifierBy(r: Json, pred: (i: Json) => boolean): string | undefined {
  return str(objs(r.identifier).find(pred)?.value, 64);
}
const npiOf = (r: Json) => identifierBy(r, (i) => str(i.system) === 'http://hl7.org/fhir/sid/us-npi');

function humanName(r: Json): { family?: string; given?: string; full?: string } {
  const names = objs(r.name);
  const n = names.find((x) => x.use === 'official') ?? names[0];
  if (!n) return {};
  const given = arr(n.given).map((g) => str(g, 100)).filter(Boolean).join(' ') || undefined;
  const family = str(n.family, 100);
  return { family, given, full: str(n.text, 200) ?? ([given, family].filter(Boolean).join(' ') || undefined) };
}

const WRITERS: Record<SupportedType, Writer> = {
  Organization: (c, e, r) => {
    const type = str(at(r, 'type', 'coding', 'code'), 32);
    return c.w.organization({ ...key(e), npi: npiOf(r), name: str(r.name, 200), kind: type === 'prov' ? 'provider' : type === 'pay' || type === 'ins' ? 'payer' : (type ?? null) });
  },
  Practitioner: (c, e, r) => c.w.practitioner({ ...key(e), npi: npiOf(r), name: humanName(r).full }),
  Patient: (c, e, r) => {
    const n = humanName(r);
    const addr = objs(r.address).find((a) => a.use === 'home') ?? objs(r.address)[0];
    const phone = objs(r.telecom).find((t) => t.system === 'phone');
    const mrn = identifierBy(r, (i) => codings(i.type).some((x) => x.code === 'MR')) ?? str(at(r, 'identifier', 0, 'value'), 64);
    return c.w.patient({
      ...key(e),
      mrn,
      familyName: n.family,
      givenName: n.given,
      birthDate: str(r.birthDate, 32),
      sex: str(r.gender, 16),
      addressLine: arr(addr?.line).map((l) => str(l, 200)).filter(Boolean).join(', ') || undefined,
      city: str(addr?.city, 100),
      state: str(addr?.state, 64),
      postalCode: str(addr?.postalCode, 16),
      phone: str(phone?.value, 32),
      // relatives, guardians, emergency contacts: looked for in the patient's text (chart-known identifiers)
      contacts: objs(r.contact).slice(0, 20).map((k) => ({ ...humanName({ name: [k.name] }), relationship: conceptText(objs(k.relationship)[0]) ?? null, phone: str(objs(k.telecom).find((t) => t.system === 'phone')?.value, 32) ?? null })),
    });
  },
  Coverage: (c, e, r) => {
    const patientId = c.patient(e, r.beneficiary);
    const payor = objs(r.payor)[0];
    const payorOrg = payor ? c.entry(payor, 'Organization') : undefined;
    const cls = objs(r.class);
    const clsVal = (t: string) => cls.find((x) => codings(x.type).some((k) => k.code === t));
    return c.w.coverage({
      ...key(e),
      patientId,
      payerName: str(payor?.display, 200) ?? str(payorOrg?.resource.name, 200),
      payerId: payorOrg ? identifierBy(payorOrg.resource, () => true) : undefined,
      memberId: str(r.subscriberId, 64) ?? identifierBy(r, () => true),
      groupNumber: str(clsVal('group')?.value, 64),
      planName: str(clsVal('plan')?.name, 200) ?? str(clsVal('plan')?.value, 200) ?? conceptText(r.type),
      periodStart: str(at(r, 'period', 'start'), 64),
      periodEnd: str(at(r, 'period', 'end'), 64),
    });
  },
  Encounter: (c, e, r) => {
    const patientId = c.patient(e, r.subject);
    const type = pickCode(r.type, ['SNOMED', 'CPT']);
    const parts = objs(r.participant);
    const attending = parts.find((p) => codings(p.type).some((k) => k.code === 'ATND')) ?? parts[0];
    return c.w.encounter({
      ...key(e),
      patientId,
      classCode: str(at(r, 'class', 'code'), 16),
      status: str(r.status, 32),
      typeSystem: type?.system,
      typeCode: type?.code,
      typeDisplay: type?.display ?? conceptText(r.type),
      reasonDisplay: conceptText(objs(r.reasonCode)[0]),
      periodStart: str(at(r, 'period', 'start'), 64),
      periodEnd: str(at(r, 'period', 'end'), 64),
      attendingId: attending ? c.id(attending.individual, 'Practitioner') : undefined,
      facilityId: c.id(r.serviceProvider, 'Organization'),
    });
  },
  Condition: (c, e, r) => {
    const code = pickCode(r.code, CONDITION_SYSTEMS);
    if (!code) return skip(c, e);
    return c.w.condition({
      ...key(e),
      patientId: c.patient(e, r.subject),
      encounterId: c.id(r.encounter, 'Encounter'),
      codeSystem: code.system,
      code: code.code,
      display: code.display ?? conceptText(r.code),
      category: str(at(r, 'category', 'coding', 'code'), 64),
      clinicalStatus: str(at(r, 'clinicalStatus', 'coding', 'code'), 32),
      onsetAt: firstDate(r, 'onsetDateTime', 'onsetPeriod'),
      recordedAt: str(r.recordedDate, 64),
    });
  },
  Procedure: (c, e, r) => {
    const code = pickCode(r.code, PROCEDURE_SYSTEMS);
    if (!code) return skip(c, e);
    return c.w.procedure({
      ...key(e),
      patientId: c.patient(e, r.subject),
      encounterId: c.id(r.encounter, 'Encounter'),
      codeSystem: code.system,
      code: code.code,
      display: code.display ?? conceptText(r.code),
      performedAt: firstDate(r, 'performedDateTime', 'performedPeriod'),
    });
  },
  // Medication resources are read through the references that name them.
  Medication: () => undefined,
  MedicationRequest: (c, e, r) => medication(c, e, r, 'request', str(r.authoredOn, 64), str(at(r, 'dosageInstruction', 'text'), 500)),
  MedicationAdministration: (c, e, r) =>
    medication(c, e, r, 'administration', firstDate(r, 'effectiveDateTime', 'effectivePeriod'), str(at(r, 'dosage', 'text'), 500)),
  MedicationStatement: (c, e, r) =>
    medication(c, e, r, 'statement', firstDate(r, 'effectiveDateTime', 'effectivePeriod', 'dateAsserted'), str(at(r, 'dosage', 'text'), 500)),
  Immunization: (c, e, r) => {
    const code = pickCode(r.vaccineCode, ['CVX', 'NDC']);
    if (!code) return skip(c, e);
    return c.w.medication({
      ...key(e),
      patientId: c.patient(e, r.patient),
      encounterId: c.id(r.encounter, 'Encounter'),
      kind: 'administration',
      codeSystem: code.system,
      code: code.code,
      display: code.display ?? conceptText(r.vaccineCode),
      status: str(r.status, 32),
      authoredAt: firstDate(r, 'occurrenceDateTime', 'recorded'),
    });
  },
  Observation: (c, e, r) => {
    const patientId = c.patient(e, r.subject);
    const encounterId = c.id(r.encounter, 'Encounter');
    const category = str(at(r, 'category', 'coding', 'code'), 64);
    const effectiveAt = firstDate(r, 'effectiveDateTime', 'effectivePeriod', 'effectiveInstant', 'issued');
    const components = objs(r.component);
    let id: number | undefined;
    if (hasValue(r) || !components.length) id = observationRow(c, e.key, r, { patientId, encounterId, category, effectiveAt });
    components.forEach((comp, i) => {
      const cid = observationRow(c, `${e.key}#component-${i + 1}`, comp, { patientId, encounterId, category, effectiveAt });
      id ??= cid;
    });
    return id;
  },
  DiagnosticReport: (c, e, r) => {
    const patientId = c.patient(e, r.subject);
    const encounterId = c.id(r.encounter, 'Encounter');
    const code = pickCode(r.code, ['LOINC']);
    const effectiveAt = firstDate(r, 'effectiveDateTime', 'effectivePeriod', 'issued');
    const conclusion = str(r.conclusion);
    const id = code
      ? c.w.observation({
          ...key(e),
          patientId,
          encounterId,
          codeSystem: code.system,
          code: code.code,
          display: code.display ?? conceptText(r.code),
          category: str(at(r, 'category', 'coding', 'code'), 64),
          valueText: conclusion?.slice(0, 2000),
          effectiveAt,
        })
      : undefined;
    const texts = objs(r.presentedForm).map((a) => attachmentText(a, e)).filter((t): t is string => !!t);
    if (conclusion && !texts.length) texts.push(conclusion);
    if (texts.length) {
      document(c, e, {
        ...key(e),
        patientId,
        encounterId,
        docType: 'result',
        title: conceptText(r.code) ?? 'Diagnostic report',
        authoredAt: effectiveAt,
        authorId: c.id(objs(r.resultsInterpreter)[0] ?? objs(r.performer)[0], 'Practitioner'),
        text: texts.join('\n\n'),
        format: 'fhir',
      }, r.encounter);
    }
    return id;
  },
  DocumentReference: (c, e, r) => {
    const patientId = c.patient(e, r.subject);
    const texts = objs(r.content)
      .map((ct) => obj(ct.attachment))
      .filter((a): a is Json => !!a)
      .map((a) => attachmentText(a, e))
      .filter((t): t is string => !!t);
    if (!texts.length) return skip(c, e, 'no-text');
    const type = pickCode(r.type, ['LOINC']);
    const encRef = objs(at(r, 'context', 'encounter'))[0];
    return document(c, e, {
      ...key(e),
      patientId,
      encounterId: c.id(encRef, 'Encounter'),
      docType: docTypeFromLoinc(type?.system === 'LOINC' ? type.code : null) ?? (str(at(r, 'category', 'coding', 'code'), 64) || 'note'),
      title: str(r.description, 300) ?? conceptText(r.type) ?? 'Document',
      authoredAt: str(r.date, 64) ?? str(at(r, 'context', 'period', 'start'), 64),
      authorId: c.id(objs(r.author)[0], 'Practitioner'),
      text: texts.join('\n\n'),
      format: 'fhir',
    }, encRef);
  },
  Claim: (c, e, r) => {
    const patientId = c.patient(e, r.patient);
    const items = objs(r.item);
    const eob = c.eobPayer.get(e.key);
    const provider = c.entry(r.provider, 'Organization') ?? c.entry(r.provider, 'Practitioner');
    return c.w.claim({
      ...key(e),
      patientId,
      encounterId: c.id(objs(at(r, 'item', 'encounter'))[0] ?? objs(items.flatMap((i) => objs(i.encounter)))[0], 'Encounter'),
      claimNumber: claimNumber(r, e),
      aliases: [e.key],
      claimType: str(at(r, 'type', 'coding', 'code'), 32),
      payerName: str(at(r, 'insurance', 'coverage', 'display'), 200) ?? str(at(r, 'insurer', 'display'), 200) ?? eob?.payerName,
      memberId: eob?.memberId,
      billingNpi: provider ? npiOf(provider.resource) : undefined,
      totalCharge: num(at(r, 'total', 'value')),
      serviceStart: str(at(r, 'billablePeriod', 'start'), 64),
      serviceEnd: str(at(r, 'billablePeriod', 'end'), 64),
      createdAt: str(r.created, 64),
      diagnoses: claimDiagnoses(c, r),
      lines: items.map((it, i): ClaimLineInput => {
        const code = pickCode(it.productOrService, LINE_SYSTEMS);
        return {
          lineNo: num(it.sequence) ?? i + 1,
          serviceDate: firstDate(it, 'servicedDate', 'servicedPeriod'),
          codeSystem: code?.system,
          code: code?.code,
          display: code?.display,
          modifiers: objs(it.modifier).flatMap((m) => codings(m).map((k) => k.code)),
          units: num(at(it, 'quantity', 'value')),
          charge: num(at(it, 'net', 'value')) ?? num(at(it, 'unitPrice', 'value')),
          dxPointers: arr(it.diagnosisSequence).map(num).filter((n): n is number => n !== undefined),
        };
      }),
    });
  },
  ExplanationOfBenefit: (c, e, r) => {
    // The claim it pays: in this file, or stored from an earlier one (its claim number), or not yet
    // here (named by its reference, which the Claim links to when it arrives; a bare FHIR id would
    // match whichever claim happens to carry that number).
    const claimEntry = c.entry(r.claim, 'Claim');
    const claimRef = resolveRef(c.p.refs, r.claim, 'Claim');
    const storedClaim = claimEntry ? undefined : c.id(r.claim, 'Claim');
    const claimNo = claimEntry
      ? claimNumber(claimEntry.resource, claimEntry)
      : storedClaim !== undefined
        ? c.claimNumber(storedClaim)
        : (claimRef ?? claimNumber(r, e));
    const totals = objs(r.total);
    const total = (cat: string) => num(at(totals.find((t) => codings(t.category).some((k) => k.code === cat)), 'amount', 'value'));
    const paid = num(at(r, 'payment', 'amount', 'value')) ?? total('benefit');
    const adj = (list: unknown, cat: string) => num(at(objs(list).find((a) => codings(a.category).some((k) => k.code === cat)), 'amount', 'value'));
    const lines = objs(r.item).map((it, i): RemitLineInput => {
      const code = pickCode(it.productOrService, LINE_SYSTEMS);
      return {
        lineNo: num(it.sequence) ?? i + 1,
        codeSystem: code?.system,
        code: code?.code,
        modifiers: objs(it.modifier).flatMap((m) => codings(m).map((k) => k.code)),
        billed: adj(it.adjudication, 'submitted') ?? num(at(it, 'net', 'value')),
        paid: adj(it.adjudication, 'benefit') ?? adj(it.adjudication, 'payment'),
        units: num(at(it, 'quantity', 'value')),
        serviceDate: firstDate(it, 'servicedDate', 'servicedPeriod'),
        adjustments: [],
      };
    });
    return c.w.remittance({
      ...key(e),
      payerName: str(at(r, 'insurer', 'display'), 200) ?? str(c.entry(r.insurer, 'Organization')?.resource.name, 200),
      payeeNpi: (() => {
        const p = c.entry(r.provider, 'Organization') ?? c.entry(r.provider, 'Practitioner');
        return p ? npiOf(p.resource) : undefined;
      })(),
      paymentAmount: paid,
      paymentDate: str(at(r, 'payment', 'date'), 64),
      productionDate: str(r.created, 64),
      claims: [
        {
          claimNumber: claimNo,
          patientId: c.id(r.patient, 'Patient') ?? null,
          statusCode: str(r.outcome, 32),
          billed: total('submitted'),
          paid,
          memberId: eobMember(r),
          serviceStart: str(at(r, 'billablePeriod', 'start'), 64),
          serviceEnd: str(at(r, 'billablePeriod', 'end'), 64),
          receivedAt: str(r.created, 64),
          adjustments: [],
          lines,
        },
      ],
    }).id;
  },
};

function skip(c: Ctx, e: FhirEntry, why = 'uncoded'): undefined {
  const k = `skipped:${e.type}${why === 'uncoded' ? '' : `:${why}`}`;
  c.w.counts[k] = (c.w.counts[k] ?? 0) + 1;
  return undefined;
}

function claimNumber(r: Json, e: FhirEntry): string {
  return identifierBy(r, (i) => str(i.system) !== 'https://bluebutton.cms.gov/resources/identifier/claim-group') ?? e.key.slice(e.key.indexOf('/') + 1);
}

function claimDiagnoses(c: Ctx, r: Json): Array<{ seq: number; system: string; code: string; display?: string | null }> {
  const out: Array<{ seq: number; system: string; code: string; display?: string | null }> = [];
  objs(r.diagnosis).forEach((d, i) => {
    let code = pickCode(d.diagnosisCodeableConcept, CONDITION_SYSTEMS);
    if (!code && d.diagnosisReference) code = pickCode(c.entry(d.diagnosisReference, 'Condition')?.resource.code, CONDITION_SYSTEMS);
    if (code) out.push({ seq: num(d.sequence) ?? i + 1, system: code.system, code: code.code, display: code.display ?? null });
  });
  return out;
}

function medication(c: Ctx, e: FhirEntry, r: Json, kind: 'request' | 'administration' | 'statement', at_: string | undefined, dosage: string | undefined): number | undefined {
  const concept = r.medicationCodeableConcept ?? c.entry(r.medicationReference, 'Medication')?.resource.code ?? containedMedication(r);
  const code = pickCode(concept, MED_SYSTEMS);
  if (!code) return skip(c, e);
  return c.w.medication({
    ...key(e),
    patientId: c.patient(e, r.subject),
    encounterId: c.id(r.encounter ?? r.context, 'Encounter'),
    kind,
    codeSystem: code.system,
    code: code.code,
    display: code.display ?? conceptText(concept),
    status: str(r.status, 32),
    dosageText: dosage,
    authoredAt: at_,
  });
}

function containedMedication(r: Json): unknown {
  const ref = str(at(r, 'medicationReference', 'reference'), 128);
  if (!ref?.startsWith('#')) return undefined;
  return objs(r.contained).find((x) => x.resourceType === 'Medication' && x.id === ref.slice(1))?.code;
}

function hasValue(r: Json): boolean {
  return Object.keys(r).some((k) => k.startsWith('value'));
}

function observationRow(
  c: Ctx,
  sourceId: string,
  r: Json,
  base: { patientId: number; encounterId?: number; category?: string; effectiveAt?: string },
): number | undefined {
  const code = pickCode(r.code, ['LOINC', 'SNOMED']);
  if (!code) return undefined;
  const q = obj(r.valueQuantity);
  const range = objs(r.referenceRange)[0];
  return c.w.observation({
    sourceSystem: FHIR_SOURCE,
    sourceId,
    ...base,
    codeSystem: code.system,
    code: code.code,
    display: code.display ?? conceptText(r.code),
    valueNum: num(q?.value) ?? num(r.valueInteger),
    unit: str(q?.unit, 32) ?? str(q?.code, 32),
    valueText:
      str(r.valueString, 2000) ??
      conceptText(r.valueCodeableConcept) ??
      (typeof r.valueBoolean === 'boolean' ? String(r.valueBoolean) : undefined) ??
      str(r.valueDateTime, 64),
    refLow: num(at(range, 'low', 'value')),
    refHigh: num(at(range, 'high', 'value')),
    interpretation: str(at(r, 'interpretation', 'coding', 'code'), 8),
  });
}

function document(c: Ctx, e: FhirEntry, d: DocumentInput, encounterRef: unknown): number {
  const enc = resolveRef(c.p.refs, encounterRef, 'Encounter');
  return c.w.document({ ...d, codes: enc ? c.encounterCodes.get(enc) : undefined });
}
