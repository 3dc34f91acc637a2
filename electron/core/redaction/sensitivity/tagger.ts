/**
 * DS4P sensitivity tagger: labels (ETH, PSY, PSYTHPN, HIV, STD, SEX, GDIS, SDV) per span and per
 * section, from the text of each section and from codes written in it.
 *
 * Spans come from
 *  - terms of resources/lexicon/sensitivity.json (conditions, drugs such as buprenorphine, methadone,
 *    naltrexone, Suboxone; tests such as HIV viral load, CD4, BRCA), matched longest-first on the
 *    token stream; a blocker (`ST depression`, `hearing aids`) consumes its tokens without a label;
 *  - ICD-10-CM codes written in the text (`F10.20`, `Z21`, `O09.90`: an upper-case letter, a digit,
 *    a digit or letter, optionally `.` and 1–4 more), labelled by the lexicon's ranges.
 *
 * Every span records `negated` and `experiencer` (context.ts). How they count:
 *  - a negated mention (`denies alcohol use`, `HIV negative`) is kept as a span with negated=true and
 *    does NOT make its section label-positive;
 *  - a family mention (`mother had bipolar disorder`, `family history of BRCA`, anything in the
 *    family-history section 10157-6) is kept with experiencer='family' and does NOT give the label to
 *    the patient's section — in particular a relative's BRCA result is not the patient's GDIS;
 *  - only affirmed patient mentions label the section.
 * The section code is never changed by labels: social history that mentions alcohol stays social
 * history (29762-2), with or without ETH.
 *
 * Header-based labels: a section whose title names a sensitive topic (`PAST PSYCHIATRIC HISTORY`,
 * `SUBSTANCE ABUSE HISTORY`, `PSYCHOTHERAPY NOTE`) gets that topic's labels unless its body is empty
 * or a short denial (`None.`, `Denies.`, `Noncontributory`, or ≤ 12 tokens starting with `no`...).
 */
import { type Ds4pLabel, type SensitiveSpan, type Segment } from '../types';
import { icdLabels, sortLabels } from './codes';
import { isFamilyMention, isNegated, startsAt } from './context';
import { defaultSensitivityLexicon, type SensitivityLexicon, type TrieNode } from './lexicon';
import { GAP_HARD, GAP_SOFT, phraseTokens, tokenize, wordKey, type Tokens } from './tokens';

const FAMILY_HISTORY = '10157-6';
const MAX_TERM_GAP = 3;

export interface TaggedSection {
  labels: Ds4pLabel[];
  spans: SensitiveSpan[];
}

interface Hit {
  node: TrieNode;
  last: number;
}

/**
 * A bit per (hashed) wordKey() of the words a trie's terms start with: a token whose bit is clear
 * starts no term, found without a Map lookup.
 */
const firstKeys = new WeakMap<TrieNode, Uint32Array>();
const KEY_BITS = 20;
const keyBit = (key: number) => Math.imul(key, 0x9e3779b1) >>> (32 - KEY_BITS);
function firstKeysOf(root: TrieNode): Uint32Array {
  let keys = firstKeys.get(root);
  if (!keys) {
    keys = new Uint32Array(1 << (KEY_BITS - 5));
    for (const w of root.next?.keys() ?? []) {
      const h = keyBit(wordKey(w));
      keys[h >>> 5] = keys[h >>> 5]! | (1 << (h & 31));
    }
    firstKeys.set(root, keys);
  }
  return keys;
}
const mayStart = (keys: Uint32Array, key: number) => {
  const h = keyBit(key);
  return ((keys[h >>> 5]! >>> (h & 31)) & 1) !== 0;
};

function walk(root: TrieNode, keys: Uint32Array, keepCase: boolean, tok: Tokens, t: number, hi: number): Hit | null {
  if (!root.next || !mayStart(keys, tok.keyAt(t, keepCase))) return null;
  // no closure here: walk runs at every token
  let n = root.next.get(keepCase ? tok.rawAt(t) : tok.lowerAt(t));
  let best: Hit | null = null;
  let u = t;
  while (n) {
    if (n.labels) best = { node: n, last: u };
    if (!n.next || u >= hi || tok.gap[u] !== GAP_SOFT || tok.gapWidth[u]! > MAX_TERM_GAP) break;
    u++;
    n = n.next.get(keepCase ? tok.rawAt(u) : tok.lowerAt(u));
  }
  return best;
}

const isUpperAt = (s: string, i: number) => s.charCodeAt(i) >= 65 && s.charCodeAt(i) <= 90;
const isDigitAt = (s: string, i: number) => s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

/** An ICD-10-CM code written at token t (`F10`, `F10.20`): its text, last token and labels. */
function icdAt(text: string, tok: Tokens, t: number, hi: number, lex: SensitivityLexicon): { code: string; last: number; labels: Ds4pLabel[] } | null {
  const s = tok.start[t]!;
  if (tok.end[t]! - s !== 3 || !isUpperAt(text, s) || !isDigitAt(text, s + 1) || !(isDigitAt(text, s + 2) || isUpperAt(text, s + 2))) return null;
  const w = tok.rawAt(t);
  let code = w;
  let last = t;
  if (t < hi && tok.gapWidth[t] === 1 && text.charCodeAt(tok.end[t]!) === 46) {
    const ext = tok.rawAt(t + 1);
    if (ext.length <= 4 && !/[a-z]/.test(ext)) {
      code = `${w}.${ext}`;
      last = t + 1;
    }
  }
  const labels = icdLabels(code, lex);
  return labels.length ? { code, last, labels } : null;
}

/** The labels a section title names, by title: the same few titles recur in every note. */
const topicsByTitle = new WeakMap<SensitivityLexicon, Map<string, Ds4pLabel[]>>();
function titleTopics(title: string, lex: SensitivityLexicon): Ds4pLabel[] {
  let cache = topicsByTitle.get(lex);
  if (!cache) topicsByTitle.set(lex, (cache = new Map()));
  let topics = cache.get(title);
  if (!topics) {
    const norm = ` ${phraseTokens(title).join(' ')} `;
    const labels = new Set<Ds4pLabel>();
    for (const t of lex.sectionTitles) if (norm.includes(t.phrase)) for (const l of t.labels) labels.add(l);
    topics = [...labels];
    if (cache.size >= 10_000) cache.clear();
    cache.set(title, topics);
  }
  return topics;
}

function titleLabels(title: string, tok: Tokens, lo: number, hi: number, lex: SensitivityLexicon): Ds4pLabel[] {
  if (!title) return [];
  const labels = titleTopics(title, lex);
  if (!labels.length) return [];
  if (hi < lo) return [];
  for (const p of lex.emptyBody) {
    if (!startsAt(tok, lo, p, hi)) continue;
    const after = lo + p.length - 1;
    if (after === hi || tok.gap[after] === GAP_HARD || hi - lo < 12) return [];
  }
  return [...labels];
}

/** Tag one section whose body tokens are [lo, hi] of `tok`. */
function tagRange(text: string, tok: Tokens, seg: Segment, lo: number, hi: number, lex: SensitivityLexicon): TaggedSection {
  const spans: SensitiveSpan[] = [];
  const labels = new Set<Ds4pLabel>(titleLabels(seg.title, tok, lo, hi, lex));
  const familySection = seg.loinc === FAMILY_HISTORY;
  const termKeys = firstKeysOf(lex.terms);
  const caseKeys = firstKeysOf(lex.caseSensitive);
  for (let t = lo; t <= hi; ) {
    let hit = walk(lex.terms, termKeys, false, tok, t, hi);
    const c0 = text.charCodeAt(tok.start[t]!);
    const cs = lex.caseSensitive.next && c0 >= 65 && c0 <= 90 ? walk(lex.caseSensitive, caseKeys, true, tok, t, hi) : null;
    if (cs && (!hit || cs.last > hit.last)) hit = cs;
    let spanLabels: Ds4pLabel[] | null = null;
    let term = '';
    let last = t;
    let source: SensitiveSpan['source'] = 'text';
    if (hit) {
      last = hit.last;
      if (hit.node.labels!.length) {
        spanLabels = hit.node.labels;
        term = hit.node.term;
      }
    } else {
      const icd = icdAt(text, tok, t, hi, lex);
      if (icd) {
        spanLabels = icd.labels;
        term = `ICD-10-CM ${icd.code}`;
        last = icd.last;
        source = 'code';
      }
    }
    if (spanLabels) {
      const negated = isNegated(tok, t, last, lo, hi, lex);
      const experiencer = familySection || isFamilyMention(tok, t, lo, lex) ? 'family' : 'patient';
      spans.push({ start: tok.start[t]!, end: tok.end[last]!, labels: [...spanLabels], term, source, negated, experiencer });
      if (!negated && experiencer === 'patient') for (const l of spanLabels) labels.add(l);
    }
    t = last + 1;
  }
  return { labels: sortLabels(labels), spans };
}

/** Tag every segment of `text`. The result is parallel to `segments`. */
export function tagSections(text: string, segments: readonly Segment[], lex: SensitivityLexicon = defaultSensitivityLexicon()): TaggedSection[] {
  const tok = tokenize(text);
  const out: TaggedSection[] = [];
  let t = 0;
  for (const seg of segments) {
    while (t < tok.count && tok.start[t]! < seg.bodyStart) t++;
    const lo = t;
    while (t < tok.count && tok.start[t]! < seg.end) t++;
    out.push(tagRange(text, tok, seg, lo, t - 1, lex));
  }
  return out;
}

/** Tag a span of text as a single section (no header). */
export function tagText(text: string, lex: SensitivityLexicon = defaultSensitivityLexicon()): TaggedSection {
  return tagSections(text, [{ start: 0, end: text.length, bodyStart: 0, title: '', loinc: 'unknown' }], lex)[0] ?? { labels: [], spans: [] };
}

export { GAP_SOFT };
