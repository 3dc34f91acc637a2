/**
 * Chart-aware identifier detection: what the store already knows about a patient (names, MRN,
 * member ids, address, phone, birth date, contacts) and their care team (practitioners and
 * organizations from FHIR, C-CDA and 835 imports) is found wherever it occurs in that patient's
 * text, in the variants people write: any case, initials ("J. Smith", "JS", "Smith, J."), inverted
 * ("SMITH, JOHN"), phones and dates in any usual format, ids with or without separators.
 *
 * Two scopes (see KnownIdentifiers): `patient`/`contacts`/`careTeam` are matched in every variant,
 * single surnames and given names included; `others` (every other person the store knows) only as
 * full names, because a person's name is PHI wherever it appears (a relative who is also a patient,
 * a roommate, a misfiled note) while single words of thousands of names would hide clinical text.
 *
 * Pure and synchronous: the caller gathers the record (core/chart/known-identifiers.ts). Linear in
 * the text: one tokenizer pass with map look-ups, one pass over number-like runs.
 */
import type { IdentifierSpan, IdentifierType } from '../../../../shared/identifier-types';
import type { Candidate } from './candidate';

/** Raise when matching changes in a way that should re-analyse stored documents. */
export const CHART_KNOWN_VERSION = 1;

export interface KnownName {
  /** Given names (first and middle), as stored ("John Michael"). */
  given?: string | null;
  family?: string | null;
  /** A name written whole ("Dr. John M. Smith, MD", "Smith, John"): split here when given/family are absent. */
  full?: string | null;
}

export interface KnownAddress {
  line?: string | null;
  city?: string | null;
  postalCode?: string | null;
}

export interface KnownPerson {
  name?: KnownName;
  phones?: readonly string[];
  address?: KnownAddress;
}

export interface KnownIdentifiers {
  /** The patient: every variant of the name, and the patient's own numbers, dates and address. */
  patient?: KnownPerson & {
    mrns?: readonly string[];
    memberIds?: readonly string[];
    /** ISO dates (YYYY-MM-DD): birth date. */
    birthDates?: readonly string[];
    accountNumbers?: readonly string[];
    claimNumbers?: readonly string[];
    /** Other names the patient appears under (an 835's NM1*QC "SMITH*JOHN"). */
    aliases?: readonly KnownName[];
  };
  /** Relatives, guardians, emergency contacts: NAME, every variant. */
  contacts?: readonly KnownPerson[];
  /** The patient's practitioners (PROVIDER_NAME, every variant) and organizations (FACILITY_NAME). */
  careTeam?: { practitioners?: readonly KnownName[]; organizations?: readonly string[]; npis?: readonly string[] };
  /** Everyone else the store knows: full names only (people: NAME, practitioners: PROVIDER_NAME). */
  others?: { people?: readonly KnownName[]; practitioners?: readonly KnownName[] };
}

export interface ChartKnownOptions {
  /** Common English or clinical word (lower case): such a name alone is taken only when capitalized mid-sentence. */
  isCommonWord?: (lower: string) => boolean;
}

const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'rev', 'sir', 'dame']);
const SUFFIXES = new Set(['md', 'do', 'rn', 'np', 'pa', 'pac', 'phd', 'dds', 'dmd', 'dpm', 'od', 'crna', 'cnm', 'lpn', 'aprn', 'fnp', 'facs', 'facp', 'jr', 'sr', 'ii', 'iii', 'iv', 'mph', 'msn', 'bsn', 'pharmd', 'lcsw', 'pt', 'ot', 'dc']);
/** Two-letter initials that are clinical abbreviations: never taken as someone's initials. */
const ABBREVIATIONS = new Set(['md', 'do', 'rn', 'np', 'pa', 'pt', 'ot', 'er', 'or', 'iv', 'im', 'gi', 'ct', 'mr', 'us', 'bp', 'hr', 'rr', 'cc', 'dm', 'ms', 'ra', 'pe', 'po', 'pr', 'sc', 'sq', 'tb', 'uc', 'ed', 'ln', 'ic', 'ac', 'hs', 'ok', 'no', 'ap', 'ad', 'as', 'at', 'be', 'by', 'go', 'he', 'if', 'in', 'is', 'it', 'me', 'my', 'of', 'on', 'so', 'to', 'up', 'we', 'ex', 'os', 'od', 'ou', 'ua', 'ha', 'la', 'ca', 'ma', 'pm', 'am', 'sx', 'hx', 'dx', 'tx', 'rx', 'fx']);
// Three- and four-letter clinical abbreviations that a person's initials or a facility's acronym may spell.
for (const a of ['cbc', 'bmp', 'cmp', 'abg', 'ekg', 'ecg', 'eeg', 'emg', 'mri', 'cta', 'pet', 'cxr', 'kub', 'uti', 'dvt', 'cva', 'tia', 'ams', 'aki', 'ckd', 'esrd', 'sob', 'doe', 'nkda', 'prn', 'bid', 'tid', 'qid', 'qhs', 'hpi', 'ros', 'pmh', 'psh', 'ivf', 'npo', 'ppi', 'ace', 'arb', 'bph', 'gfr', 'inr', 'ptt', 'tsh', 'hgb', 'hct', 'plt', 'wbc', 'rbc', 'bun', 'ldl', 'hdl', 'ast', 'alt', 'icu', 'ccu', 'micu', 'sicu', 'nicu', 'picu', 'pacu', 'snf', 'ltc', 'lpn', 'cna', 'pcp', 'ent', 'gyn', 'ptx', 'gsw', 'mva', 'loc', 'bsa', 'bmi', 'copd', 'chf', 'cad', 'gerd', 'hiv', 'hcv', 'hbv', 'std', 'sti', 'mrsa', 'vre', 'cpr', 'dnr', 'dni', 'ems', 'abx', 'iud', 'lmp', 'edc', 'svd', 'nsr', 'afib', 'rvr', 'svt', 'pvc', 'stemi', 'cabg', 'pci', 'tpn', 'ngt', 'peg', 'foley', 'ercp', 'egd', 'tte', 'tee']) ABBREVIATIONS.add(a);

const STREET_WORDS: Record<string, string> = {
  street: 'st', avenue: 'ave', av: 'ave', road: 'rd', drive: 'dr', lane: 'ln', boulevard: 'blvd', court: 'ct', place: 'pl', terrace: 'ter',
  circle: 'cir', parkway: 'pkwy', highway: 'hwy', square: 'sq', trail: 'trl', way: 'way', north: 'n', south: 's', east: 'e', west: 'w',
  apartment: 'apt', suite: 'ste', unit: 'unit', '#': 'apt',
};
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Rules on how a phrase's words must look in the text. */
const enum Rule {
  /** Any case. */
  Any = 0,
  /** A single common word: capitalized and not the first word of a sentence or line. */
  CapitalMid = 1,
  /** Initials: each letter a capital in the text. */
  Upper = 2,
  /** Every word is a common word ("Will Hope"): the first must be capitalized. */
  Capital = 3,
}

interface Phrase {
  words: string[];
  type: IdentifierType;
  confidence: number;
  rule: Rule;
  /** Words that are initials (one letter): must be capitals in the text. */
  initials: number;
}

interface Word {
  start: number;
  end: number;
  norm: string;
}

const WORD = /[\p{L}\p{M}][\p{L}\p{M}'’-]*|\d+[A-Za-z]*|#/gu;
const GAP_OK = /^[\s.,]{0,3}$/;
const SENTENCE_END = /[.!?:;\n]\s*$|^\s*$/;
const NON_ASCII = /[^ -~\t\n\r]/;

const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/’/g, "'");

/** The first character is upper case. */
const capAt = (text: string, i: number): boolean => {
  const ch = text[i]!;
  return ch !== ch.toLowerCase();
};

/** Every letter upper case (and at least one letter). */
const allUpper = (raw: string): boolean => raw !== raw.toLowerCase() && raw === raw.toUpperCase();

function words(text: string): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let raw = m[0];
    let cut = raw.length;
    while (cut > 1 && "'’-".includes(raw[cut - 1]!)) cut--;
    if (cut < raw.length) raw = raw.slice(0, cut);
    // the fast path: most words are ASCII
    let norm = NON_ASCII.test(raw) ? fold(raw) : raw.toLowerCase();
    if (norm.endsWith("'s")) norm = norm.slice(0, -2);
    out.push({ start: m.index, end: m.index + cut, norm });
  }
  WORD.lastIndex = 0;
  return out;
}

/** The words of a name with titles and degree suffixes dropped, split into given and family. */
export function splitName(n: KnownName): { given: string[]; family: string[] } {
  const clean = (s: string | null | undefined): string[] =>
    s ? words(s).map((w) => w.norm).filter((w) => !TITLES.has(w) && !SUFFIXES.has(w)) : [];
  let given = clean(n.given);
  let family = clean(n.family);
  if (!given.length && !family.length && n.full) {
    const full = n.full.replace(/\b(?:md|do|rn|np|pa-?c?|phd|jr|sr)\.?\s*$/gi, '').trim();
    const comma = full.indexOf(',');
    if (comma > 0 && clean(full.slice(comma + 1)).length) {
      family = clean(full.slice(0, comma));
      given = clean(full.slice(comma + 1));
    } else {
      const all = clean(full);
      family = all.slice(-1);
      given = all.slice(0, -1);
    }
  }
  return { given, family };
}

class PhraseIndex {
  private readonly byFirst = new Map<string, Phrase[]>();
  private readonly seen = new Set<string>();

  add(words: string[], type: IdentifierType, confidence: number, rule: Rule = Rule.Any): void {
    const ws = words.filter(Boolean);
    if (!ws.length) return;
    const key = `${type}|${ws.join(' ')}|${rule}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const phrase: Phrase = { words: ws, type, confidence, rule, initials: ws.filter((w) => w.length === 1).length };
    const list = this.byFirst.get(ws[0]!) ?? [];
    list.push(phrase);
    // longest first, so "John Michael Smith" wins over "John"
    list.sort((a, b) => b.words.length - a.words.length);
    this.byFirst.set(ws[0]!, list);
  }

  get size(): number {
    return this.seen.size;
  }

  match(text: string, ws: Word[], emit: (c: Candidate) => void): void {
    for (let i = 0; i < ws.length; i++) {
      const list = this.byFirst.get(ws[i]!.norm);
      if (!list) continue;
      for (const p of list) {
        if (!this.fits(text, ws, i, p)) continue;
        emit({ start: ws[i]!.start, end: ws[i + p.words.length - 1]!.end, type: p.type, confidence: p.confidence });
        break;
      }
    }
  }

  private fits(text: string, ws: Word[], i: number, p: Phrase): boolean {
    if (i + p.words.length > ws.length) return false;
    for (let k = 0; k < p.words.length; k++) {
      const w = ws[i + k]!;
      if (w.norm !== p.words[k]) return false;
      if (k > 0 && !GAP_OK.test(text.slice(ws[i + k - 1]!.end, w.start))) return false;
      if ((p.rule === Rule.Upper || p.words[k]!.length === 1) && !allUpper(text.slice(w.start, w.end))) return false;
    }
    if (p.rule === Rule.Capital && !capAt(text, ws[i]!.start)) return false;
    if (p.rule === Rule.CapitalMid) {
      const w = ws[i]!;
      if (!capAt(text, w.start)) return false;
      if (SENTENCE_END.test(text.slice(Math.max(0, w.start - 3), w.start))) return false;
    }
    return true;
  }
}

interface Scope {
  /** Every variant (the patient, contacts, care team) or full names only (everyone else). */
  all: boolean;
}

function addName(idx: PhraseIndex, n: KnownName, type: IdentifierType, scope: Scope, common: (w: string) => boolean): void {
  const { given, family } = splitName(n);
  const first = given[0];
  const middles = given.slice(1);
  const fam = family;
  if (first && fam.length) {
    // a name made only of common words ("Will Hope") is taken only capitalized
    const full = [first, ...fam].every((w) => common(w)) ? Rule.Capital : Rule.Any;
    idx.add([first, ...fam], type, 0.99, full);
    idx.add([...given, ...fam], type, 0.99, full);
    idx.add([...fam, first], type, 0.99, full); // "Smith, John", "SMITH JOHN"
    idx.add([...fam, ...given], type, 0.99, full);
    if (middles.length) {
      idx.add([first, ...middles.map((m) => m[0]!), ...fam], type, 0.99); // John M. Smith
      idx.add([...fam, first, ...middles.map((m) => m[0]!)], type, 0.99); // Smith, John M.
    }
    if (scope.all) {
      idx.add([first[0]!, ...fam], type, 0.95); // J. Smith
      idx.add([first[0]!, ...middles.map((m) => m[0]!), ...fam], type, 0.95); // J. M. Smith
      idx.add([...fam, first[0]!], type, 0.95); // Smith, J.
    }
  }
  if (!scope.all) return;
  for (const t of TITLES) if (fam.length) idx.add([t, ...fam], type, 0.99); // Dr. Smith, Mrs. Smith
  const single = (w: string) => {
    if (w.length < 2) return;
    idx.add([w], type, common(w) ? 0.8 : 0.9, common(w) || w.length < 3 ? Rule.CapitalMid : Rule.Any);
  };
  if (fam.length === 1) single(fam[0]!);
  else if (fam.length > 1) idx.add(fam, type, 0.95);
  if (first) single(first);
  // Initials written alone (a dictation line "JS/mt", "J.S."): capitals only, never a clinical abbreviation.
  const initials = [first, ...middles, ...fam].filter(Boolean).map((w) => w![0]!);
  if (initials.length >= 2) {
    const joined = initials.join('');
    if (!ABBREVIATIONS.has(joined) && !common(joined)) {
      idx.add([joined], type, 0.9, Rule.Upper);
      idx.add(initials, type, 0.9, Rule.Upper);
      if (middles.length) {
        const short = [first![0]!, fam.at(-1)![0]!];
        if (!ABBREVIATIONS.has(short.join('')) && !common(short.join(''))) {
          idx.add([short.join('')], type, 0.85, Rule.Upper);
          idx.add(short, type, 0.85, Rule.Upper);
        }
      }
    }
  }
}

function addOrganization(idx: PhraseIndex, name: string, common: (w: string) => boolean): void {
  const ws = words(name).map((w) => w.norm);
  if (!ws.length) return;
  if (ws.length === 1) {
    if (ws[0]!.length >= 3) idx.add(ws, 'FACILITY_NAME', 0.9, common(ws[0]!) ? Rule.CapitalMid : Rule.Any);
    return;
  }
  idx.add(ws, 'FACILITY_NAME', 0.99);
  // "St. Mary's Medical Center" -> "St Mary's" is too loose; its acronym (SMMC) is how notes write it.
  const significant = ws.filter((w) => !['of', 'the', 'and', 'at', 'for', '&'].includes(w));
  const acronym = significant.map((w) => w[0]).join('');
  if (acronym.length >= 3 && !common(acronym) && !ABBREVIATIONS.has(acronym)) idx.add([acronym], 'FACILITY_NAME', 0.9, Rule.Upper);
}

function addAddress(idx: PhraseIndex, a: KnownAddress, common: (w: string) => boolean): void {
  if (a.line) {
    for (const part of a.line.split(/,|\n/)) {
      const ws = words(part).map((w) => STREET_WORDS[w.norm] ?? w.norm);
      if (ws.length >= 2) idx.add(ws, 'ADDRESS', 0.97);
    }
  }
  if (a.city) {
    const ws = words(a.city).map((w) => w.norm);
    if (ws.length > 1) idx.add(ws, 'LOCATION', 0.95);
    else if (ws.length === 1 && ws[0]!.length >= 3) idx.add(ws, 'LOCATION', 0.9, common(ws[0]!) ? Rule.CapitalMid : Rule.Any);
  }
}

/** Letters and digits only, upper case: the form ids are compared in. */
const core = (s: string): string => s.replace(/[^A-Za-z0-9]/g, '').toUpperCase();

/** Ten-digit US phone core ("+1 (555) 123-4567" -> 5551234567), or the digits as they are. */
function phoneCore(s: string): string {
  const d = s.replace(/\D/g, '');
  return d.length === 11 && d.startsWith('1') ? d.slice(1) : d;
}

function dateForms(iso: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim());
  if (!m) return [];
  const [y, mo, d] = [m[1]!, Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return [];
  const yy = y.slice(2);
  const pad = (n: number) => String(n).padStart(2, '0');
  const out = new Set<string>();
  for (const mm of [String(mo), pad(mo)])
    for (const dd of [String(d), pad(d)])
      for (const yr of [y, yy])
        for (const sep of ['/', '-', '.']) {
          out.add(`${mm}${sep}${dd}${sep}${yr}`);
        }
  out.add(`${y}-${pad(mo)}-${pad(d)}`);
  out.add(`${y}/${pad(mo)}/${pad(d)}`);
  out.add(`${y}${pad(mo)}${pad(d)}`);
  out.add(`${pad(mo)}${pad(d)}${y}`);
  return [...out];
}

/** Month-name forms of a date as word sequences: "march 5 1950", "5 mar 1950", "mar 5th 1950". */
function monthDateWords(iso: string): string[][] {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim());
  if (!m) return [];
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return [];
  const names = [MONTHS[mo - 1]!, MONTHS[mo - 1]!.slice(0, 3)];
  if (mo === 9) names.push('sept');
  const days = [String(d), String(d).padStart(2, '0'), `${d}${ordinal(d)}`];
  const out: string[][] = [];
  for (const n of names)
    for (const dd of days) {
      out.push([n, dd, m[1]!], [dd, n, m[1]!]);
    }
  return out;
}

const ordinal = (d: number): string => (d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th');

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSep = (c: number): boolean => c === 45 || c === 46 || c === 47; // - . /

/**
 * Calls fn for each run of letters and digits joined by single - . / (no spaces) that holds a digit:
 * where ids and dates are. Starts only from digits, so prose costs one character test per character.
 */
function eachIdRun(text: string, fn: (start: number, end: number) => void): void {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    let s = i;
    while (s > 0 && (isAlnum(text.charCodeAt(s - 1)) || (s >= 2 && isSep(text.charCodeAt(s - 1)) && isAlnum(text.charCodeAt(s - 2))))) s--;
    let e = i + 1;
    while (e < n && (isAlnum(text.charCodeAt(e)) || (e + 1 < n && isSep(text.charCodeAt(e)) && isAlnum(text.charCodeAt(e + 1))))) e++;
    fn(s, e);
    i = e;
  }
}
/** Phone-shaped runs: optional +1, area code in parentheses or not, separators space . - */
const PHONE_RUN = /(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}|\b\d{3}[.-]\d{4}\b/g;

interface NumberTable {
  /** Core form -> type and confidence. */
  ids: Map<string, { type: IdentifierType; confidence: number }>;
  /** Exact (case-blind) forms of dates -> confidence. */
  dates: Set<string>;
  phones: Set<string>;
  /** Last seven digits of known phones (local form "123-4567"). */
  localPhones: Set<string>;
}

function numberTable(k: KnownIdentifiers): NumberTable {
  const t: NumberTable = { ids: new Map(), dates: new Set(), phones: new Set(), localPhones: new Set() };
  const id = (values: readonly string[] | undefined, type: IdentifierType, minLen = 4) => {
    for (const v of values ?? []) {
      // "MRN-00482913" is also written "00482913": the part after a letters-only prefix counts too
      const prefixed = /^[A-Za-z]+[-:\s#]+([A-Za-z0-9].*)$/.exec(v.trim());
      for (const c of [core(v), prefixed ? core(prefixed[1]!) : '']) if (c.length >= minLen && !t.ids.has(c)) t.ids.set(c, { type, confidence: 0.99 });
    }
  };
  const p = k.patient;
  id(p?.mrns, 'MRN');
  id(p?.memberIds, 'HEALTH_PLAN_ID');
  id(p?.accountNumbers, 'ACCOUNT_NUMBER');
  id(p?.claimNumbers, 'CLAIM_NUMBER');
  id(k.careTeam?.npis, 'NPI', 10);
  if (p?.address?.postalCode) {
    const z = p.address.postalCode.replace(/\D/g, '');
    if (z.length >= 5) {
      t.ids.set(z.slice(0, 5), { type: 'ZIP', confidence: 0.95 });
      if (z.length === 9) t.ids.set(z, { type: 'ZIP', confidence: 0.97 });
    }
  }
  for (const d of p?.birthDates ?? []) for (const f of dateForms(d)) t.dates.add(f.toLowerCase());
  const phones = [...(p?.phones ?? []), ...(k.contacts ?? []).flatMap((c) => c.phones ?? [])];
  for (const ph of phones) {
    const c = phoneCore(ph);
    if (c.length < 7) continue;
    t.phones.add(c);
    if (c.length === 10) t.localPhones.add(c.slice(3));
  }
  return t;
}

function matchNumbers(text: string, t: NumberTable, emit: (c: Candidate) => void): void {
  const boundary = (s: number, e: number) => !/[A-Za-z0-9]/.test(text[s - 1] ?? '') && !/[A-Za-z0-9]/.test(text[e] ?? '');
  if (t.ids.size || t.dates.size) {
    eachIdRun(text, (start, end) => {
      const raw = text.slice(start, end);
      if (t.dates.has(raw.toLowerCase())) {
        emit({ start, end, type: 'DATE', confidence: 0.97 });
        return;
      }
      const hit = t.ids.get(core(raw));
      if (hit) emit({ start, end, ...hit });
    });
    // ids written with spaces inside ("123 45 6789"): known digit groups split by single spaces
    if (t.ids.size) {
      const SPACED = /\d+(?: \d+)+/g;
      for (let m = SPACED.exec(text); m; m = SPACED.exec(text)) {
        const parts = m[0].split(' ');
        // every sub-run of 2..4 groups
        let off = m.index;
        const starts = parts.map((p) => {
          const s = off;
          off += p.length + 1;
          return s;
        });
        for (let i = 0; i < parts.length; i++) {
          let joined = parts[i]!;
          for (let j = i + 1; j < Math.min(parts.length, i + 4); j++) {
            joined += parts[j]!;
            const hit = t.ids.get(joined.toUpperCase());
            if (hit && hit.type !== 'ZIP') emit({ start: starts[i]!, end: starts[j]! + parts[j]!.length, ...hit });
          }
        }
      }
    }
  }
  if (t.phones.size) {
    PHONE_RUN.lastIndex = 0;
    for (let m = PHONE_RUN.exec(text); m; m = PHONE_RUN.exec(text)) {
      const s = m.index;
      const e = s + m[0].length;
      if (!boundary(s, e)) continue;
      const c = phoneCore(m[0]);
      if (t.phones.has(c) || (c.length === 7 && t.localPhones.has(c))) emit({ start: s, end: e, type: 'PHONE', confidence: 0.98 });
    }
    PHONE_RUN.lastIndex = 0;
  }
}

/**
 * A matcher built once from a known-identifiers record: reuse it for every document of the chart.
 * Returns candidates (start, end, type, confidence) for the identifier finder to resolve.
 */
export class ChartKnownMatcher {
  private readonly phrases = new PhraseIndex();
  private readonly numbers: NumberTable;
  private readonly common: (lower: string) => boolean;

  /** `base`: a matcher whose candidates are added to this one's (the store-wide names under a chart's own record). */
  constructor(
    known: KnownIdentifiers,
    options: ChartKnownOptions = {},
    private readonly base?: ChartKnownMatcher,
  ) {
    const common = (this.common = options.isCommonWord ?? (() => false));
    const all: Scope = { all: true };
    const full: Scope = { all: false };
    const p = known.patient;
    if (p?.name) addName(this.phrases, p.name, 'NAME', all, common);
    for (const a of p?.aliases ?? []) addName(this.phrases, a, 'NAME', all, common);
    if (p?.address) addAddress(this.phrases, p.address, common);
    for (const d of p?.birthDates ?? []) for (const ws of monthDateWords(d)) this.phrases.add(ws, 'DATE', 0.97);
    for (const c of known.contacts ?? []) {
      if (c.name) addName(this.phrases, c.name, 'NAME', all, common);
      if (c.address) addAddress(this.phrases, c.address, common);
    }
    for (const n of known.careTeam?.practitioners ?? []) addName(this.phrases, n, 'PROVIDER_NAME', all, common);
    for (const o of known.careTeam?.organizations ?? []) addOrganization(this.phrases, o, common);
    for (const n of known.others?.people ?? []) addName(this.phrases, n, 'NAME', full, common);
    for (const n of known.others?.practitioners ?? []) addName(this.phrases, n, 'PROVIDER_NAME', full, common);
    this.numbers = numberTable(known);
  }

  /** Nothing to look for (here or in the base). */
  get empty(): boolean {
    return this.phrases.size === 0 && !this.numbers.ids.size && !this.numbers.dates.size && !this.numbers.phones.size && (this.base?.empty ?? true);
  }

  /** More people to look for as full names (someone just written to the store). */
  addOthers(others: NonNullable<KnownIdentifiers['others']>): void {
    const full: Scope = { all: false };
    for (const n of others.people ?? []) addName(this.phrases, n, 'NAME', full, this.common);
    for (const n of others.practitioners ?? []) addName(this.phrases, n, 'PROVIDER_NAME', full, this.common);
  }

  candidates(text: string, ws?: Word[]): Candidate[] {
    const out: Candidate[] = [];
    if (this.empty || !text) return out;
    const emit = (c: Candidate) => out.push(c);
    const tokens = ws ?? words(text);
    this.phrases.match(text, tokens, emit);
    matchNumbers(text, this.numbers, emit);
    if (this.base) out.push(...this.base.candidates(text, tokens));
    return out;
  }
}

/**
 * Spans of what the store knows, in the finder's span type, before overlaps are resolved (builds a
 * matcher from a record; pass a ChartKnownMatcher to reuse one for many texts).
 */
export function detectKnown(text: string, known: KnownIdentifiers | ChartKnownMatcher, options: ChartKnownOptions = {}): IdentifierSpan[] {
  const m = known instanceof ChartKnownMatcher ? known : new ChartKnownMatcher(known, options);
  return m.candidates(text).map((c) => ({ ...c, text: text.slice(c.start, c.end) }));
}
