/**
 * Note templates per document type. Each note carries the identifiers real notes carry (patient
 * name, MRN, dates in varied formats, phone, provider names, sometimes an SSN) and the sections
 * the segmenter knows; planted sensitive blocks become sections of their own.
 */
import type { DemoParty, DemoPayer, DemoPerson } from './people';
import type { Prng } from './prng';
import type { LabDef, Scenario } from './scenarios';
import type { SensitiveBlock } from './sensitive';

export interface NoteContext {
  rng: Prng;
  person: DemoPerson;
  age: number;
  scenario: Scenario;
  attending: DemoParty;
  facility: DemoParty;
  payer: DemoPayer;
  memberId: string;
  start: Date;
  end: Date;
  /** Whether this patient's SSN is written in the admission note. */
  showSsn: boolean;
  labs: Array<{ def: LabDef; value: number; flag: string | null }>;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Dates in the formats notes use: 03/14/2024, March 14, 2024, 2024-03-14, 14-Mar-2024. */
export function fmtDate(d: Date, style: number): string {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  switch (style % 4) {
    case 0:
      return `${pad(m + 1)}/${pad(day)}/${y}`;
    case 1:
      return `${MONTHS[m]} ${day}, ${y}`;
    case 2:
      return `${y}-${pad(m + 1)}-${pad(day)}`;
    default:
      return `${pad(day)}-${MONTHS[m]!.slice(0, 3)}-${y}`;
  }
}

export const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * 86_400_000);

const pronoun = (p: DemoPerson) => (p.sex === 'female' ? { he: 'She', his: 'her', title: 'Ms.' } : { he: 'He', his: 'his', title: 'Mr.' });

function header(c: NoteContext, title: string, when: Date, style: number): string {
  const p = c.person;
  const dob = fmtDate(new Date(p.birthDate + 'T00:00:00Z'), style);
  return [
    `${c.facility.name} | ${title}`,
    `Patient: ${p.familyName}, ${p.givenName}    MRN: ${p.mrn}    DOB: ${dob}`,
    `Date of service: ${fmtDate(when, style + 1)}    Attending: ${c.attending.name}, MD`,
    '',
  ].join('\n');
}

const section = (title: string, body: string) => `${title}:\n${body}\n`;
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function sig(c: NoteContext, author: DemoParty, when: Date): string {
  return `\nElectronically signed by ${author.name}, MD (NPI ${author.npi}) on ${fmtDate(when, 0)} ${pad(c.rng.int(7, 19))}:${pad(c.rng.int(0, 59))}.\n`;
}

function labLines(c: NoteContext): string {
  if (!c.labs.length) return 'No labs drawn.';
  return c.labs
    .map(({ def, value, flag }) =>
      def.unit
        ? `${def.name} ${value} ${def.unit}${flag ? ` (${flag})` : ''}, normal ${def.refLow}-${def.refHigh}`
        : `${def.name} ${value ? 'positive' : 'negative'}`,
    )
    .join('\n');
}

const medLines = (c: NoteContext) => (c.scenario.meds.length ? c.scenario.meds.map((m) => `- ${m.display}: ${m.dose}`).join('\n') : 'None.');
const dxLines = (c: NoteContext) => c.scenario.dx.map((d, i) => `${i + 1}. ${d.display} (${d.code})`).join('\n');
const blocks = (planted: SensitiveBlock[]) => planted.map((b) => section(b.header, b.body)).join('\n');

function socialHistory(c: NoteContext): string {
  const p = c.person;
  const r = c.rng;
  const lives = r.pick(['Lives with', 'Lives at home with', 'Resides with']);
  const work = r.pick(['Retired schoolteacher.', 'Works as an electrician.', 'Works in accounting.', 'Retired postal carrier.', 'Works as a line cook.']);
  return `${lives} ${p.contactRelation} ${p.contactName} at ${p.addressLine}, ${p.city}, ${p.state} ${p.postalCode}. ${work} Never smoker. Emergency contact ${p.contactName}, phone ${p.contactPhone}.`;
}

/** Admission history and physical (inpatient) or the visit note (outpatient / ED). */
export function admissionNote(c: NoteContext, title: string, planted: SensitiveBlock[]): string {
  const p = c.person;
  const pr = pronoun(p);
  const style = c.rng.int(0, 3);
  const ids = [`Home phone: ${p.phone}`];
  if (c.showSsn) ids.push(`SSN: ${p.ssn}`);
  return [
    header(c, title, c.start, style),
    ids.join('    ') + '\n',
    section('INSURANCE', `${c.payer.name}, member ID ${c.memberId}`),
    section('CHIEF COMPLAINT', c.scenario.complaint),
    section('HISTORY OF PRESENT ILLNESS', `${pr.title} ${p.familyName} is a ${c.age}-year-old ${p.sex === 'female' ? 'woman' : 'man'} who ${c.scenario.hpi}`),
    section('PAST MEDICAL HISTORY', c.scenario.dx.slice(1).map((d) => d.display).join('. ') + '.' || 'Noncontributory.'),
    section('MEDICATIONS', medLines(c)),
    section('ALLERGIES', c.rng.pick(['No known drug allergies.', 'Penicillin (rash).', 'Sulfa drugs (hives).'])),
    section('SOCIAL HISTORY', socialHistory(c)),
    section('FAMILY HISTORY', c.rng.pick(['Father with coronary artery disease at 60.', 'Mother with type 2 diabetes.', 'Noncontributory.'])),
    blocks(planted),
    section('REVIEW OF SYSTEMS', 'Ten-point review of systems negative except as noted in the history of present illness.'),
    section('PHYSICAL EXAM', `Vitals: BP ${c.rng.int(108, 168)}/${c.rng.int(62, 98)}, HR ${c.rng.int(62, 112)}, T ${c.rng.real(36.4, 38.9)} C, RR ${c.rng.int(14, 26)}, SpO2 ${c.rng.int(88, 99)}%.\n${c.scenario.exam}`),
    section('ASSESSMENT AND PLAN', `${dxLines(c)}\n${c.scenario.plan}`),
    sig(c, c.attending, c.start),
  ].join('\n');
}

export function progressNote(c: NoteContext, day: number, when: Date): string {
  const p = c.person;
  return [
    header(c, `Progress Note - Hospital Day ${day}`, when, day),
    section('SUBJECTIVE', `${p.givenName} reports ${c.rng.pick(['feeling better', 'improved appetite', 'less pain', 'sleeping well'])} today. ${pronoun(p).he} ambulated in the hallway with nursing.`),
    section('OBJECTIVE', `BP ${c.rng.int(104, 150)}/${c.rng.int(60, 90)}, HR ${c.rng.int(60, 104)}, SpO2 ${c.rng.int(92, 99)}%. ${c.scenario.exam}`),
    section('ASSESSMENT AND PLAN', `Improving, ${lower(c.scenario.dx[0]!.display)}. Continue current management. Discussed with ${p.contactRelation} by phone at ${p.contactPhone}.`),
    sig(c, c.attending, when),
  ].join('\n');
}

export function dischargeSummary(c: NoteContext): string {
  const p = c.person;
  return [
    header(c, 'Discharge Summary', c.end, 1),
    `Admission date: ${fmtDate(c.start, 0)}    Discharge date: ${fmtDate(c.end, 0)}\n`,
    section('DISCHARGE DIAGNOSES', dxLines(c)),
    section('HOSPITAL COURSE', `${p.givenName} ${p.familyName} was admitted on ${fmtDate(c.start, 1)}. ${c.scenario.course}`),
    c.scenario.surgery ? section('PROCEDURES', `${c.scenario.surgery.title} on ${fmtDate(addDays(c.start, 1), 2)}.`) : '',
    section('DISCHARGE MEDICATIONS', medLines(c)),
    section('DISCHARGE INSTRUCTIONS', `${c.scenario.plan} Call the clinic at ${c.rng.pick(['(978) 555-0142', '(330) 555-0187', '(603) 555-0119'])} with questions.`),
    sig(c, c.attending, c.end),
  ].join('\n');
}

export function operativeNote(c: NoteContext, surgeon: DemoParty, when: Date): string {
  const s = c.scenario.surgery!;
  return [
    header(c, 'Operative Report', when, 3),
    section('PREOPERATIVE DIAGNOSIS', c.scenario.dx[0]!.display),
    section('POSTOPERATIVE DIAGNOSIS', 'Same.'),
    section('PROCEDURE', s.title),
    section('SURGEON', `${surgeon.name}, MD`),
    section('ANESTHESIA', s.anesthesia),
    section('INDICATIONS', s.indication),
    section('FINDINGS', s.findings),
    section('DESCRIPTION OF PROCEDURE', s.description),
    s.implants ? section('IMPLANTS', s.implants) : '',
    section('ESTIMATED BLOOD LOSS', s.ebl),
    section('COMPLICATIONS', 'None.'),
    section('DISPOSITION', 'To the recovery unit in stable condition.'),
    sig(c, surgeon, when),
  ].join('\n');
}

export function consultNote(c: NoteContext, consultant: DemoParty, when: Date, planted: SensitiveBlock[]): string {
  const q = c.scenario.consult!;
  const p = c.person;
  return [
    header(c, `${q.specialty} Consultation`, when, 2),
    section('REASON FOR CONSULTATION', `Asked by ${c.attending.name}, MD to assist with ${q.question}.`),
    section('HISTORY OF PRESENT ILLNESS', `${pronoun(p).title} ${p.familyName}, ${c.age}, ${c.scenario.hpi}`),
    blocks(planted),
    section('RECOMMENDATIONS', q.recommendation),
    sig(c, consultant, when),
  ].join('\n');
}

export function resultReport(c: NoteContext, when: Date): string {
  return [header(c, 'Laboratory Results', when, 0), section('RESULTS', labLines(c)), `\nResulted ${fmtDate(when, 1)}. Ordering provider: ${c.attending.name}, MD.\n`].join('\n');
}

/** A short follow-up note (the big chart's filler encounters). */
export function followUpNote(c: NoteContext, when: Date, n: number): string {
  const p = c.person;
  return [
    header(c, `Follow-up Visit ${n}`, when, n),
    section('SUBJECTIVE', `${p.givenName} returns for follow-up of ${c.scenario.reason.toLowerCase()}. ${c.rng.pick(['No new complaints.', 'Mild fatigue.', 'Doing well overall.', 'Some knee stiffness in the mornings.'])}`),
    section('OBJECTIVE', `BP ${c.rng.int(104, 150)}/${c.rng.int(60, 90)}, HR ${c.rng.int(60, 100)}. ${c.scenario.exam}`),
    section('ASSESSMENT AND PLAN', `Stable, ${lower(c.scenario.dx[0]!.display)}. ${c.scenario.plan}`),
    sig(c, c.attending, when),
  ].join('\n');
}

/** A psychotherapy session note: the planted block is its whole body. */
export function psychotherapyNote(c: NoteContext, when: Date, planted: SensitiveBlock[]): string {
  return [header(c, 'Psychotherapy Session', when, 1), blocks(planted), `Session length 45 minutes. Next session in one week.\n`, sig(c, c.attending, when)].join('\n');
}
