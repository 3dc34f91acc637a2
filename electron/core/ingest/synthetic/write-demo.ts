/**
 * `writeDemo`: seeded, reproducible synthetic charts written through ChartWriter (one transaction
 * per patient), for the first-run demo, `ntk demo` and the project's own tests. Everything is
 * invented; nothing comes from real corpora. The same seed writes byte-identical note texts, and
 * re-running a seed updates its rows in place (every row is keyed by a seed-scoped source id).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ChartWriter, type ClaimInput, type RemitClaimInput } from '../../db/chart-writer';
import { NtkError } from '../../errors';
import { labelsForCodes, type CodedConcept } from '../../redaction/sensitivity/codes';
import type { Ds4pLabel } from '../../redaction/types';
import { outcomeFor, remitFor } from './claims';
import {
  addDays,
  admissionNote,
  consultNote,
  dischargeSummary,
  followUpNote,
  operativeNote,
  progressNote,
  psychotherapyNote,
  resultReport,
  type NoteContext,
} from './notes';
import { FACILITIES, makePerson, PAYERS, PRACTITIONERS, practitionerBySpecialty, type DemoParty, type DemoPerson } from './people';
import { Prng } from './prng';
import { SCENARIOS, type Scenario } from './scenarios';
import { isPlantedLabel, PLANTED_LABELS, sensitiveBlock, type PlantedLabel, type SensitiveBlock } from './sensitive';

export interface DemoOptions {
  patients: number;
  seed: number;
  /** One patient gets a chart of this many documents (for benches/e2e); default none. */
  bigChartDocuments?: number;
}

export interface DemoCanary {
  patientId: number;
  encounterId: number;
  documentId: number;
  loinc: string;
  labels: string[];
  /** A unique phrase planted in that section's text ('CANARY-' + eight letter syllables, inside a sentence). */
  phrase: string;
  /** True when the label is NOT supported by the encounter's own coded diagnoses (coding purposes should mask it). */
  unrelatedToEncounter: boolean;
}

export interface DemoPatientInfo {
  patientId: number;
  mrn: string;
  givenName: string;
  familyName: string;
  encounterIds: number[];
  claimNumbers: string[];
}

export interface DemoResult {
  patients: DemoPatientInfo[];
  counts: Record<string, number>;
  canaries: DemoCanary[];
  /** Every name, MRN, phone, SSN etc. planted (each occurs in stored note text), for log-scanning tests. */
  secrets: string[];
}

export const DEMO_SOURCE = 'ntk-demo';
export const MAX_DEMO_PATIENTS = 10_000;
export const MAX_BIG_CHART_DOCUMENTS = 20_000;
/** Charts are dated relative to this fixed day (not the clock), so a seed always writes the same text. */
const AS_OF = new Date(Date.UTC(2025, 5, 30));
const SYLLABLES = ['ba', 'ko', 'di', 'fu', 'ge', 'hi', 'lo', 'mu', 'ne', 'po', 'ru', 'sa', 'te', 'vi', 'wo', 'zu'] as const;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const isoTime = (d: Date, h: number) => `${iso(d)}T${String(h).padStart(2, '0')}:00:00Z`;

function ageAt(birthDate: string, when: Date): number {
  const b = new Date(birthDate + 'T00:00:00Z');
  let a = when.getUTCFullYear() - b.getUTCFullYear();
  if (when.getUTCMonth() < b.getUTCMonth() || (when.getUTCMonth() === b.getUTCMonth() && when.getUTCDate() < b.getUTCDate())) a--;
  return a;
}

interface PlannedDoc {
  docType: string;
  title: string;
  when: Date;
  author: DemoParty;
  text: string;
  planted: SensitiveBlock[];
}

class DemoRun {
  readonly writer: ChartWriter;
  readonly result: DemoResult = { patients: [], counts: {}, canaries: [], secrets: [] };
  private readonly root: Prng;
  private readonly prefix: string;
  private readonly parties = new Map<string, number>();
  private readonly phrases = new Set<string>();
  private readonly findSection;
  private encounterCounter = 0;
  private unrelatedCounter = 0;
  private readonly unrelatedCounts = new Map<PlantedLabel, number>();
  private unrelatedCount = (l: PlantedLabel) => this.unrelatedCounts.get(l) ?? 0;
  private claimCounter = 0;
  denied = 0;
  partial = 0;

  constructor(
    readonly db: Database,
    readonly opts: DemoOptions,
  ) {
    this.writer = new ChartWriter(db);
    this.root = new Prng(opts.seed);
    this.prefix = `s${opts.seed}`;
    this.findSection = db.prepare('SELECT loinc FROM section WHERE document_id = ? AND start <= ? AND end > ? ORDER BY ordinal LIMIT 1');
  }

  writeReferenceData(): void {
    for (const p of PRACTITIONERS) this.parties.set(p.key, this.writer.practitioner({ sourceSystem: DEMO_SOURCE, sourceId: p.key, npi: p.npi, name: p.name }));
    for (const f of FACILITIES) this.parties.set(f.key, this.writer.organization({ sourceSystem: DEMO_SOURCE, sourceId: f.key, npi: f.npi, name: f.name, kind: 'provider' }));
    for (const p of PAYERS) this.parties.set(p.key, this.writer.organization({ sourceSystem: DEMO_SOURCE, sourceId: p.key, name: p.name, kind: 'payer' }));
  }

  /** 'CANARY-' and eight random syllables: unique, and shaped like no identifier (no digits, no cue word). */
  private canaryPhrase(rng: Prng): string {
    for (;;) {
      const phrase = `CANARY-${Array.from({ length: 8 }, () => rng.pick(SYLLABLES)).join('')}`;
      if (!this.phrases.has(phrase)) {
        this.phrases.add(phrase);
        return phrase;
      }
    }
  }

  /** The scenario for a patient's k-th encounter: a fixed rotation, skipping ones that do not fit the patient. */
  private scenarioFor(index: number, k: number, person: DemoPerson): Scenario {
    for (let j = 0; j < SCENARIOS.length; j++) {
      const s = SCENARIOS[(index * 3 + k + j) % SCENARIOS.length]!;
      if (!s.sex || s.sex === person.sex) return s;
    }
    return SCENARIOS[0]!;
  }

  writePatient(index: number, bigChart: number | undefined): void {
    const rng = this.root.fork(`patient-${index}`);
    // A patient whose rotation includes a female-only scenario (prenatal, BRCA) is a woman.
    const female = [0, 1, 2, 3].some((k) => SCENARIOS[(index * 3 + k) % SCENARIOS.length]!.sex === 'female');
    const person = makePerson(rng, index, AS_OF, female);
    const pkey = `${this.prefix}/p${index}`;
    const w = this.writer;
    const patientId = w.patient({
      sourceSystem: DEMO_SOURCE,
      sourceId: pkey,
      mrn: person.mrn,
      familyName: person.familyName,
      givenName: person.givenName,
      birthDate: person.birthDate,
      sex: person.sex,
      addressLine: person.addressLine,
      city: person.city,
      state: person.state,
      postalCode: person.postalCode,
      phone: person.phone,
      flags: person.flags,
    });
    const payer = rng.pick(PAYERS);
    const memberId = `${payer.memberPrefix}${rng.digits(9)}`;
    w.coverage({
      sourceSystem: DEMO_SOURCE,
      sourceId: `${pkey}/coverage`,
      patientId,
      payerName: payer.name,
      payerId: payer.payerId,
      memberId,
      groupNumber: `GRP${rng.digits(6)}`,
      planName: payer.plan,
      periodStart: '2023-01-01',
    });
    const showSsn = index % 3 === 0;
    const info: DemoPatientInfo = { patientId, mrn: person.mrn, givenName: person.givenName, familyName: person.familyName, encounterIds: [], claimNumbers: [] };
    const secrets = [`${person.familyName}, ${person.givenName}`, person.mrn, person.phone, person.contactName, person.contactPhone, person.addressLine, memberId];
    if (showSsn) secrets.push(person.ssn);
    this.result.secrets.push(...secrets);

    // Three or four encounters (so every four patients cover every scenario) spread over the last two and a half years; the big chart adds weekly follow-ups.
    const regular = rng.int(3, 4);
    const starts = Array.from({ length: regular }, () => rng.int(20, 900))
      .sort((a, b) => b - a)
      .map((d) => addDays(AS_OF, -d));
    const claims: ClaimInput[] = [];
    let docsLeft = bigChart ?? Infinity;
    for (let k = 0; bigChart !== undefined ? docsLeft > 0 : k < regular; k++) {
      // The big chart's older history: two short follow-up visits for every full encounter.
      const extra = k >= regular;
      const filler = extra && k % 3 !== 0;
      const start = extra ? addDays(AS_OF, -(k - regular + 1) * 4 - 920) : starts[k]!;
      const erng = rng.fork(`e${k}`);
      const scenario = this.scenarioFor(index, k, person);
      const written = this.writeEncounter(erng, { patientId, person, payer, memberId, showSsn, scenario, start, filler, key: `${pkey}/e${k}`, docLimit: docsLeft });
      docsLeft -= written.documents;
      info.encounterIds.push(written.encounterId);
      if (written.claim) {
        claims.push(written.claim);
        info.claimNumbers.push(written.claim.claimNumber);
      }
    }

    // One remittance (ERA) per patient with every claim's CLP loop.
    if (claims.length) {
      const remits: RemitClaimInput[] = claims.map((c) => {
        const outcome = outcomeFor(this.claimCounter++);
        if (outcome === 'denied') this.denied++;
        if (outcome === 'partial') this.partial++;
        const received = iso(addDays(new Date(c.serviceEnd + 'T00:00:00Z'), 3));
        return remitFor(rng, c, outcome, `${person.familyName.toUpperCase()}, ${person.givenName.toUpperCase()}`, received);
      });
      const last = claims.reduce((m, c) => (c.serviceEnd! > m ? c.serviceEnd! : m), '');
      const paymentDate = iso(addDays(new Date(last + 'T00:00:00Z'), 24));
      w.remittance({
        sourceSystem: DEMO_SOURCE,
        sourceId: `${pkey}/era`,
        payerName: payer.name,
        payerId: payer.payerId,
        payeeName: FACILITIES[0]!.name,
        payeeNpi: FACILITIES[0]!.npi,
        checkNumber: `EFT${rng.digits(10)}`,
        paymentAmount: Math.round(remits.reduce((s, r) => s + (r.paid ?? 0), 0) * 100) / 100,
        paymentDate,
        productionDate: paymentDate,
        claims: remits,
      });
    }
    this.result.patients.push(info);
  }

  private writeEncounter(
    rng: Prng,
    e: { patientId: number; person: DemoPerson; payer: (typeof PAYERS)[number]; memberId: string; showSsn: boolean; scenario: Scenario; start: Date; filler: boolean; key: string; docLimit: number },
  ): { encounterId: number; documents: number; claim: ClaimInput | null } {
    const { scenario: s, person, patientId } = e;
    const w = this.writer;
    const inpatient = s.classCode === 'IMP' && !e.filler;
    const classCode = e.filler ? 'AMB' : s.classCode;
    const los = inpatient ? rng.int(s.los![0], s.los![1]) : 0;
    const end = addDays(e.start, los);
    const attending = practitionerBySpecialty(s.specialty);
    const facility = classCode === 'AMB' ? FACILITIES[1]! : FACILITIES[0]!;
    const encounterId = w.encounter({
      sourceSystem: DEMO_SOURCE,
      sourceId: e.key,
      patientId,
      classCode,
      status: 'finished',
      typeSystem: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
      typeCode: classCode,
      typeDisplay: e.filler ? 'Follow-up visit' : s.typeDisplay,
      reasonDisplay: s.reason,
      periodStart: isoTime(e.start, 8),
      periodEnd: isoTime(end, inpatient ? 14 : 10),
      attendingId: this.parties.get(attending.key),
      facilityId: this.parties.get(facility.key),
    });
    const dxCodes: CodedConcept[] = s.dx.map((d) => ({ system: 'ICD-10-CM', code: d.code }));
    const coded = new Set<Ds4pLabel>(labelsForCodes(dxCodes));

    // Coded data.
    s.dx.forEach((d, i) =>
      w.condition({
        sourceSystem: DEMO_SOURCE,
        sourceId: `${e.key}/dx${i}`,
        patientId,
        encounterId,
        codeSystem: 'ICD-10-CM',
        code: d.code,
        display: d.display,
        category: i === 0 ? 'principal' : 'encounter-diagnosis',
        clinicalStatus: 'active',
        recordedAt: iso(end),
      }),
    );
    for (const p of s.problems)
      w.condition({
        sourceSystem: DEMO_SOURCE,
        sourceId: `${e.key.replace(/\/e\d+$/, '')}/problem/${p.code}`,
        patientId,
        codeSystem: 'SNOMED',
        code: p.code,
        display: p.display,
        category: 'problem-list-item',
        clinicalStatus: 'active',
        onsetAt: iso(e.start),
      });
    const labs = s.labs.map((def) => {
      const value = rng.real(def.lo, def.hi, def.places ?? 1);
      const flag = !def.unit ? (value ? 'A' : null) : value > def.refHigh ? 'H' : value < def.refLow ? 'L' : null;
      return { def, value, flag };
    });
    if (!e.filler) {
      s.services.forEach((sv, i) =>
        w.procedure({ sourceSystem: DEMO_SOURCE, sourceId: `${e.key}/px${i}`, patientId, encounterId, codeSystem: sv.system, code: sv.code, display: sv.display, performedAt: iso(e.start) }),
      );
      if (inpatient)
        (s.pcs ?? []).forEach((p, i) =>
          w.procedure({ sourceSystem: DEMO_SOURCE, sourceId: `${e.key}/pcs${i}`, patientId, encounterId, codeSystem: 'ICD-10-PCS', code: p.code, display: p.display, performedAt: iso(addDays(e.start, s.surgery ? 1 : 0)) }),
        );
      s.meds.forEach((m, i) =>
        w.medication({ sourceSystem: DEMO_SOURCE, sourceId: `${e.key}/rx${i}`, patientId, encounterId, kind: 'request', codeSystem: 'RxNorm', code: m.rxnorm, display: m.display, status: 'active', dosageText: m.dose, authoredAt: iso(e.start) }),
      );
    }
    labs.forEach((l, i) =>
      w.observation({
        sourceSystem: DEMO_SOURCE,
        sourceId: `${e.key}/lab${i}`,
        patientId,
        encounterId,
        category: 'laboratory',
        codeSystem: 'LOINC',
        code: l.def.loinc,
        display: l.def.display,
        valueText: l.def.unit ? null : l.value ? 'Positive' : 'Negative',
        valueNum: l.def.unit ? l.value : null,
        unit: l.def.unit || null,
        refLow: l.def.unit ? l.def.refLow : null,
        refHigh: l.def.unit ? l.def.refHigh : null,
        interpretation: l.flag ?? 'N',
        effectiveAt: isoTime(e.start, 6),
      }),
    );

    // Sensitive history: the scenario's own (related) and, in three encounters of five, unrelated history.
    const ctx: NoteContext = { rng, person, age: ageAt(person.birthDate, e.start), scenario: s, attending, facility: FACILITIES[facility === FACILITIES[0] ? 0 : 1]!, payer: e.payer, memberId: e.memberId, start: e.start, end, showSsn: e.showSsn, labs };
    const counter = this.encounterCounter++;
    const planted: Array<{ block: SensitiveBlock; phrase: string }> = [];
    const plant = (label: PlantedLabel, related: boolean) => {
      const phrase = this.canaryPhrase(rng);
      planted.push({ block: sensitiveBlock(rng, label, related, phrase), phrase });
    };
    if (!e.filler) {
      for (const l of s.related) if (isPlantedLabel(l)) plant(l, true);
      if ([0, 1, 3].includes(counter % 5)) {
        // The eligible label planted least often so far (ties in rotation order), so every kind occurs early.
        const rot = PLANTED_LABELS.map((_, j) => PLANTED_LABELS[(this.unrelatedCounter + j) % PLANTED_LABELS.length]!);
        const eligible = rot.filter((l) => !coded.has(l) && !s.related.includes(l) && (l !== 'SEX' || person.sex === 'female'));
        const label = eligible.reduce<PlantedLabel | undefined>((best, l) => (best === undefined || this.unrelatedCount(l) < this.unrelatedCount(best) ? l : best), undefined);
        if (label) {
          plant(label, false);
          this.unrelatedCounts.set(label, this.unrelatedCount(label) + 1);
          this.unrelatedCounter++;
        }
      }
    }
    // A psychotherapy note's body is its own (unrelated) canary: no diagnosis code makes it task-related.
    let therapy: SensitiveBlock[] = [];
    if (s.psychotherapy && !e.filler) {
      const phrase = this.canaryPhrase(rng);
      const block = sensitiveBlock(rng, 'PSYTHPN', false, phrase);
      therapy = [block];
      planted.push({ block, phrase });
    }
    const relatedBlocks = planted.filter((p) => s.related.includes(p.block.label)).map((p) => p.block);
    const otherBlocks = planted.filter((p) => !s.related.includes(p.block.label) && p.block.label !== 'PSYTHPN').map((p) => p.block);
    const inConsult = inpatient && s.consult ? relatedBlocks : [];
    const inAdmission = inpatient && s.consult ? otherBlocks : [...relatedBlocks, ...otherBlocks];

    // Documents.
    const docs: PlannedDoc[] = [];
    if (e.filler) {
      docs.push({ docType: 'progress-note', title: 'Follow-up visit', when: e.start, author: attending, text: followUpNote(ctx, e.start, counter), planted: [] });
    } else if (inpatient) {
      docs.push({ docType: 'history-and-physical', title: 'History and Physical', when: e.start, author: attending, text: admissionNote(ctx, 'History and Physical', inAdmission), planted: inAdmission });
      if (s.surgery) {
        const when = addDays(e.start, 1);
        docs.push({ docType: 'operative-note', title: 'Operative Report', when, author: attending, text: operativeNote(ctx, attending, when), planted: [] });
      }
      if (s.consult) {
        const when = addDays(e.start, 1);
        const consultant = practitionerBySpecialty(s.consult.specialty);
        docs.push({ docType: 'consult', title: `${s.consult.specialty} Consultation`, when, author: consultant, text: consultNote(ctx, consultant, when, inConsult), planted: inConsult });
      }
      for (let d = 1; d <= Math.min(los - 1, 3); d++) {
        const when = addDays(e.start, d);
        docs.push({ docType: 'progress-note', title: `Progress Note - Hospital Day ${d}`, when, author: attending, text: progressNote(ctx, d, when), planted: [] });
      }
    } else {
      const title = classCode === 'EMER' ? 'Emergency Department Note' : `${s.typeDisplay} Note`;
      docs.push({ docType: 'progress-note', title, when: e.start, author: attending, text: admissionNote(ctx, title, inAdmission), planted: inAdmission });
    }
    if (therapy.length) docs.push({ docType: 'psychotherapy-note', title: 'Psychotherapy Session', when: e.start, author: attending, text: psychotherapyNote(ctx, e.start, therapy), planted: therapy });
    if (labs.length && !e.filler) docs.push({ docType: 'result', title: 'Laboratory Results', when: e.start, author: attending, text: resultReport(ctx, e.start), planted: [] });
    if (inpatient) docs.push({ docType: 'discharge-summary', title: 'Discharge Summary', when: end, author: attending, text: dischargeSummary(ctx), planted: [] });

    const kept = docs.slice(0, Math.max(0, Math.min(docs.length, e.docLimit)));
    kept.forEach((d, i) => {
      const documentId = w.document({
        sourceSystem: DEMO_SOURCE,
        sourceId: `${e.key}/doc${i}`,
        patientId,
        encounterId,
        docType: d.docType,
        title: d.title,
        authoredAt: isoTime(d.when, 9 + i),
        authorId: this.parties.get(d.author.key),
        text: d.text,
        format: 'demo',
        codes: dxCodes,
      });
      for (const b of d.planted) {
        const p = planted.find((x) => x.block === b)!;
        const at = d.text.indexOf(p.phrase);
        const sec = this.findSection.get(documentId, at, at) as { loinc: string } | undefined;
        this.result.canaries.push({ patientId, encounterId, documentId, loinc: sec?.loinc ?? 'unknown', labels: [b.label], phrase: p.phrase, unrelatedToEncounter: !coded.has(b.label) });
      }
    });

    if (e.filler) return { encounterId, documents: kept.length, claim: null };
    const claim = this.claimFor(rng, e, encounterId, attending, facility, end, inpatient);
    w.claim(claim);
    return { encounterId, documents: kept.length, claim };
  }

  private claimFor(
    rng: Prng,
    e: { patientId: number; payer: (typeof PAYERS)[number]; memberId: string; scenario: Scenario; start: Date; key: string },
    encounterId: number,
    attending: DemoParty,
    facility: DemoParty,
    end: Date,
    inpatient: boolean,
  ): ClaimInput {
    const s = e.scenario;
    const lines = s.services.map((sv, i) => {
      const units = sv.units ?? 1;
      const serviceDate = sv.code === '99239' ? end : sv.code === '99232' ? addDays(e.start, 1) : sv.code === '27447' || sv.code === '47562' ? addDays(e.start, 1) : e.start;
      return {
        lineNo: i + 1,
        serviceDate: iso(serviceDate),
        codeSystem: sv.system,
        code: sv.code,
        display: sv.display,
        modifiers: sv.modifiers ?? [],
        units,
        charge: Math.round(sv.charge * units * 100) / 100,
        renderingNpi: attending.npi,
        dxPointers: i === 0 || s.dx.length === 1 ? [1] : [1, Math.min(i + 1, s.dx.length)],
      };
    });
    const seedTag = String(Math.abs(this.opts.seed) % 10_000).padStart(4, '0');
    const claimNumber = `CLM${seedTag}${String(this.claimSeq++).padStart(6, '0')}${rng.digits(2)}`;
    return {
      sourceSystem: DEMO_SOURCE,
      sourceId: `${e.key}/claim`,
      patientId: e.patientId,
      encounterId,
      claimNumber,
      claimType: inpatient ? 'institutional' : 'professional',
      payerName: e.payer.name,
      payerId: e.payer.payerId,
      memberId: e.memberId,
      billingNpi: facility.npi,
      renderingNpi: attending.npi,
      totalCharge: Math.round(lines.reduce((t, l) => t + l.charge, 0) * 100) / 100,
      serviceStart: iso(e.start),
      serviceEnd: iso(end),
      createdAt: isoTime(addDays(end, 2), 12),
      diagnoses: s.dx.map((d, i) => ({ seq: i + 1, system: 'ICD-10-CM', code: d.code, display: d.display })),
      lines,
    };
  }

  private claimSeq = 0;
}

export function writeDemo(db: Database, opts: DemoOptions): DemoResult {
  if (!Number.isInteger(opts.patients) || opts.patients < 1 || opts.patients > MAX_DEMO_PATIENTS)
    throw new NtkError('BAD_REQUEST', `patients must be an integer from 1 to ${MAX_DEMO_PATIENTS}.`);
  if (!Number.isInteger(opts.seed)) throw new NtkError('BAD_REQUEST', 'seed must be an integer.');
  const big = opts.bigChartDocuments;
  if (big !== undefined && (!Number.isInteger(big) || big < 1 || big > MAX_BIG_CHART_DOCUMENTS))
    throw new NtkError('BAD_REQUEST', `bigChartDocuments must be an integer from 1 to ${MAX_BIG_CHART_DOCUMENTS}.`);
  const run = new DemoRun(db, opts);
  db.transaction(() => run.writeReferenceData())();
  for (let i = 0; i < opts.patients; i++) db.transaction(() => run.writePatient(i, i === 0 ? big : undefined))();
  const counts: Record<string, number> = { ...run.writer.counts };
  counts.claims_denied = run.denied;
  counts.claims_partially_denied = run.partial;
  counts.canaries = run.result.canaries.length;
  counts.canaries_unrelated = run.result.canaries.filter((c) => c.unrelatedToEncounter).length;
  return { ...run.result, counts, secrets: [...new Set(run.result.secrets)] };
}

