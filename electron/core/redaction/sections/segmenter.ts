/**
 * Splits a clinical note into sections, each with offsets into the original text, its header as
 * written and a LOINC section code (see classifier.ts). Works on transcribed, dictated, nursing and
 * OCR text, mixed case or ALL CAPS, with or without line breaks.
 *
 * Header candidates are found without regex backtracking:
 *  - colon headers: for every `:` the phrase before it is read backwards up to a boundary (line
 *    start, `,` `.` `;`, a run of two spaces, or 64 characters). `HPI:`, `HISTORY OF PRESENT
 *    ILLNESS:,` (MTSamples, whose line breaks became commas) and inline `PMH: ... HPI: ...` all
 *    arrive here;
 *  - line headers: a short line that is, as a whole, a known header (`ASSESSMENT AND PLAN`), shaped
 *    like one (capitalized, after a blank line or a finished sentence, or in capitals amid mixed case).
 *
 * A candidate becomes a section boundary when
 *  - it is a known header (lexicon), unless the lexicon marks it a sub-heading of the section we are
 *    in (`HEENT:` inside the physical exam, `VITALS:` inside OBJECTIVE) or restricts it to line
 *    starts (single letters `S:` `O:` `A:` `P:`, which also may not be followed by a number);
 *  - or it is an unknown phrase that looks like a header: capitals only, at most five words, at a
 *    line start / text start / wide gap (or after a full stop when at most three words), not a
 *    sentence fragment (`THE PLAN:`), not a name after a title (`DR. SMITH:`), not followed by a
 *    number (`LDL: 130`), and not inside a section that absorbs unknown sub-headings (exam, ROS).
 * Never: lexicon fields (`BP: 120/80`, `Pulse:`, `Dr:`), times (`10:30`), ratios (`1:1000`), URLs.
 *
 * Text before the first header is a preamble section (title '', code 'unknown'). The sections tile
 * the text exactly: the first starts at 0, each ends where the next begins, the last ends at the end.
 */
import { UNKNOWN_SECTION, type Segment } from '../types';
import { lookupNormalized, type HeaderKind } from './classifier';
import { defaultSectionLexicon, type SectionLexicon } from './lexicon';
import { normalizeHeader } from './normalize';

type Boundary = 'start' | 'line' | 'comma' | 'sentence' | 'gap';

interface Candidate {
  start: number;
  bodyStart: number;
  title: string;
  boundary: Boundary;
  valueLike: boolean;
}

const MAX_HEADER = 64;
const STOP_FIRST = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'this', 'that', 'these', 'there',
  'and', 'or', 'but', 'which', 'who', 'when', 'at', 'on', 'in', 'with', 'to', 'by', 'from', 'for', 'as', 'if', 'was',
  'is', 'are', 'were', 'has', 'had', 'have', 'patient', 'pt', 'per', 'please', 'called', 'said', 'states', 'note',
]);
const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'st', 'prof', 'sr', 'jr', 'md', 'rn', 'np', 'pa']);

const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isLetter = (c: number) => isUpper(c) || isLower(c);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || c === 9;
const isNewline = (c: number) => c === 10 || c === 13;
// letters, digits, space, / & - ' ( ) +
const isPhraseChar = (c: number) =>
  isLetter(c) || isDigit(c) || c === 32 || c === 47 || c === 38 || c === 45 || c === 39 || c === 40 || c === 41 || c === 43;
// characters of bullets and list numbering: digits . ) * # - • > space tab
const isBulletChar = (c: number) => isDigit(c) || c === 46 || c === 41 || c === 42 || c === 35 || c === 45 || c === 8226 || c === 62 || isSpace(c);

function boundaryBefore(text: string, s: number): Boundary {
  let p = s - 1;
  let spaces = 0;
  while (p >= 0 && isSpace(text.charCodeAt(p))) {
    spaces++;
    p--;
  }
  if (p < 0) return 'start';
  const c = text.charCodeAt(p);
  if (isNewline(c)) return 'line';
  let q = p;
  while (q >= 0 && q > p - 8 && isBulletChar(text.charCodeAt(q))) q--;
  if (q !== p && (q < 0 || isNewline(text.charCodeAt(q)))) return 'line';
  if (c === 44) {
    if (spaces === 0) return 'line'; // `...effectiveness.,MEDICATIONS:` (line break turned comma)
    const b = p > 0 ? text.charCodeAt(p - 1) : 10;
    return b === 46 || b === 58 || isNewline(b) ? 'line' : 'comma';
  }
  if (spaces >= 2 || (s > 0 && text.charCodeAt(s - 1) === 9)) return 'gap';
  return 'sentence';
}

function wordBefore(text: string, s: number): string {
  let p = s - 1;
  while (p >= 0 && (isSpace(text.charCodeAt(p)) || text.charCodeAt(p) === 46)) p--;
  const end = p + 1;
  while (p >= 0 && isLetter(text.charCodeAt(p))) p--;
  return text.slice(p + 1, end).toLowerCase();
}

/** After `:`: the body start (past an MTSamples `,`) and whether a number follows (a value, not a header). */
function afterColon(text: string, i: number): { bodyStart: number; valueLike: boolean } {
  const n = text.length;
  let a = i + 1;
  while (a < n && isSpace(text.charCodeAt(a))) a++;
  let bodyStart = i + 1;
  if (a < n && text.charCodeAt(a) === 44) {
    bodyStart = a + 1;
    a++;
    while (a < n && isSpace(text.charCodeAt(a))) a++;
  }
  let valueLike = false;
  if (a < n && isDigit(text.charCodeAt(a))) {
    let d = a;
    while (d < n && isDigit(text.charCodeAt(d))) d++;
    const next = d < n ? text.charCodeAt(d) : 32;
    const after = d + 1 < n ? text.charCodeAt(d + 1) : 32;
    const listNumber = d - a <= 2 && (next === 46 || next === 41) && !isDigit(after);
    valueLike = !listNumber;
  }
  return { bodyStart, valueLike };
}

function colonCandidates(text: string, out: Candidate[]): void {
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    if (text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) continue; // URL
    let j = i - 1;
    while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
    const end = j + 1;
    let k = j;
    while (k >= 0 && i - k <= MAX_HEADER) {
      const c = text.charCodeAt(k);
      if (c === 32 && k > 0 && isSpace(text.charCodeAt(k - 1))) break;
      if (!isPhraseChar(c)) break;
      k--;
    }
    if (i - k > MAX_HEADER) continue;
    let s = k + 1;
    while (s < end && !isLetter(text.charCodeAt(s))) s++;
    if (s >= end) continue;
    // A header begins a word: "F10.20AA:" holds no header, and a section never starts mid-token.
    if (s > 0 && (isLetter(text.charCodeAt(s - 1)) || isDigit(text.charCodeAt(s - 1)))) continue;
    const { bodyStart, valueLike } = afterColon(text, i);
    out.push({ start: s, bodyStart, title: text.slice(s, end), boundary: boundaryBefore(text, s), valueLike });
  }
}

function isMostlyUpper(text: string): boolean {
  let upper = 0;
  let lower = 0;
  const n = Math.min(text.length, 4000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isUpper(c)) upper++;
    else if (isLower(c)) lower++;
  }
  return lower * 50 < upper;
}

function lineCandidates(text: string, lex: SectionLexicon, out: Candidate[]): void {
  if (text.indexOf('\n') < 0) return;
  const allCaps = isMostlyUpper(text);
  let prevBlank = true;
  let prevEndsSentence = false;
  for (let ls = 0; ls <= text.length; ) {
    let le = text.indexOf('\n', ls);
    if (le < 0) le = text.length;
    let a = ls;
    let b = le;
    while (a < b && isBulletChar(text.charCodeAt(a))) a++;
    while (b > a && !isLetter(text.charCodeAt(b - 1)) && text.charCodeAt(b - 1) !== 41) b--;
    const blank = a >= b;
    if (!blank && b - a <= 60 && isUpper(text.charCodeAt(a))) {
      const title = text.slice(a, b);
      if (title.indexOf(':') < 0) {
        let caps = true;
        for (let i = 0; i < title.length && caps; i++) if (isLower(title.charCodeAt(i))) caps = false;
        if (prevBlank || prevEndsSentence || (caps && !allCaps)) {
          const kind = classify(title, lex);
          if (kind.kind === 'header' && !kind.match.lineStartOnly) {
            out.push({ start: a, bodyStart: le, title, boundary: 'line', valueLike: false });
          }
        }
      }
    }
    if (!blank) {
      let e = le - 1;
      while (e > ls && isSpace(text.charCodeAt(e))) e--;
      const c = text.charCodeAt(e);
      prevEndsSentence = c === 46 || c === 33 || c === 63 || c === 58;
    }
    prevBlank = blank;
    ls = le + 1;
  }
}

/** lookupNormalized(normalizeHeader(title)), by title: the same headers recur in every note. */
const kindByTitle = new WeakMap<SectionLexicon, Map<string, HeaderKind>>();
function classify(title: string, lex: SectionLexicon): HeaderKind {
  let cache = kindByTitle.get(lex);
  if (!cache) kindByTitle.set(lex, (cache = new Map()));
  let kind = cache.get(title);
  if (!kind) {
    kind = lookupNormalized(normalizeHeader(title), lex);
    if (cache.size >= 10_000) cache.clear();
    cache.set(title, kind);
  }
  return kind;
}

function plausibleUnknown(text: string, c: Candidate, allCaps: () => boolean): boolean {
  const t = c.title;
  if (t.length > 48) return false;
  let words = 1;
  let letters = 0;
  for (let i = 0; i < t.length; i++) {
    const ch = t.charCodeAt(i);
    if (isLower(ch)) return false;
    if (isUpper(ch)) letters++;
    else if (ch === 32) words++;
  }
  if (letters < 2 || words > 5 || c.valueLike) return false;
  const strongBoundary = c.boundary === 'start' || c.boundary === 'line' || c.boundary === 'gap';
  if (!strongBoundary && !(c.boundary === 'sentence' && words <= 3 && !allCaps())) return false;
  const first = t.slice(0, t.indexOf(' ') < 0 ? t.length : t.indexOf(' ')).toLowerCase();
  if (STOP_FIRST.has(first)) return false;
  if (c.boundary === 'sentence' && TITLES.has(wordBefore(text, c.start))) return false;
  return true;
}

export interface SegmentOptions {
  lexicon?: SectionLexicon;
}

export function segment(text: string, options: SegmentOptions = {}): Segment[] {
  const lex = options.lexicon ?? defaultSectionLexicon();
  const n = text.length;
  if (n === 0) return [];
  const colon: Candidate[] = [];
  colonCandidates(text, colon);
  const line: Candidate[] = [];
  lineCandidates(text, lex, line);
  const candidates = line.length ? [...colon, ...line].sort((x, y) => x.start - y.start) : colon;

  let capsMemo: boolean | undefined;
  const allCaps = () => (capsMemo ??= isMostlyUpper(text));
  const accepted: { start: number; bodyStart: number; title: string; loinc: string }[] = [];
  let current = UNKNOWN_SECTION;
  let floor = 0;
  for (const c of candidates) {
    if (c.start < floor) continue;
    const kind = classify(c.title, lex);
    if (kind.kind === 'field') continue;
    let code: string;
    if (kind.kind === 'header') {
      const m = kind.match;
      if (m.lineStartOnly && (c.valueLike || (c.boundary !== 'line' && c.boundary !== 'start'))) continue;
      if (m.entry.nestsIn.has(current)) continue;
      code = m.entry.code;
    } else {
      if (!plausibleUnknown(text, c, allCaps) || lex.absorbUnknownIn.has(current)) continue;
      code = UNKNOWN_SECTION;
    }
    accepted.push({ start: c.start, bodyStart: c.bodyStart, title: c.title.trim(), loinc: code });
    current = code;
    floor = c.bodyStart;
  }

  const out: Segment[] = [];
  if (!accepted.length) return [{ start: 0, end: n, bodyStart: 0, title: '', loinc: UNKNOWN_SECTION }];
  const first = accepted[0]!;
  if (first.start > 0) {
    if (/\S/.test(text.slice(0, first.start))) out.push({ start: 0, end: first.start, bodyStart: 0, title: '', loinc: UNKNOWN_SECTION });
    else first.start = 0;
  }
  for (let i = 0; i < accepted.length; i++) {
    const a = accepted[i]!;
    const end = i + 1 < accepted.length ? accepted[i + 1]!.start : n;
    out.push({ start: a.start, end, bodyStart: Math.min(a.bodyStart, end), title: a.title, loinc: a.loinc });
  }
  return out;
}
