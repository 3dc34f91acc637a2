/**
 * Document-level propagation: a name or place found once in a text is the same name or place wherever
 * its words recur in that text, in any casing ("Holy Cross" found after "transferred to" is also the
 * "HOLY CROSS" of the next paragraph; "Kondouli" after "Mary Theresa" is also the lone "kondouli"
 * later). Runs on the resolved spans, adds only where no span is, and gives each recurrence the
 * confidence of the span it recurs from, so an operating point keeps or drops both alike.
 * A single word recurs only when it is a person's name (or part of one), on no common-English,
 * clinical or place list, and was found with some confidence (a weak single-word guess must not spread); a phrase of two or more words recurs as a whole, and each part of a person's
 * name also alone.
 * Linear: one map lookup per token.
 */
import type { IdentifierSpan, IdentifierType } from '../../../../shared/identifier-types';
import type { Lexicon } from './lexicon';
import type { Token } from './tokens';

const PROPAGATED = new Set<IdentifierType>(['NAME', 'PROVIDER_NAME', 'LOCATION', 'FACILITY_NAME']);

/** A single word spreads only from a span at least this sure (a weak lone-word guess stays where it was made). */
const SINGLE_MIN = 0.6;

interface Source {
  words: string[];
  type: IdentifierType;
  confidence: number;
}

/** Index of the first token starting at or after `pos` (tokens are in text order). */
function firstTokenAt(tokens: Token[], pos: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const spacesOnly = (text: string, a: number, b: number) => {
  if (b - a < 1 || b - a > 2) return false;
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
};

/** `excluded`: spans that may not spread (those the chart's store found, which follow their own variant rules). */
export function propagate(text: string, tokens: Token[], spans: IdentifierSpan[], lex: Lexicon, excluded?: (s: IdentifierSpan) => boolean): IdentifierSpan[] {
  const byFirst = new Map<string, Source[]>();
  const ambiguous = (w: string) => lex.commonWords.has(w) || lex.clinicalStop.has(w) || lex.clinicalWords.has(w);
  for (const s of spans) {
    if (!PROPAGATED.has(s.type) || excluded?.(s)) continue;
    const a = firstTokenAt(tokens, s.start);
    const words: string[] = [];
    let b = a;
    for (; b < tokens.length && tokens[b]!.end <= s.end; b++) words.push(tokens[b]!.lower);
    // the span must be exactly its tokens, joined by spaces
    if (!words.length || tokens[a]!.start !== s.start || tokens[b - 1]!.end !== s.end || words.length > 4) continue;
    let joined = true;
    for (let k = a + 1; k < b; k++) if (!spacesOnly(text, tokens[k - 1]!.end, tokens[k]!.start)) joined = false;
    if (!joined) continue;
    const add = (ws: string[]) => {
      const list = byFirst.get(ws[0]!) ?? [];
      if (!list.some((x) => x.words.join(' ') === ws.join(' '))) list.push({ words: ws, type: s.type, confidence: s.confidence });
      byFirst.set(ws[0]!, list);
    };
    // a listed place alone ("York" of a misread "New York") is left to the place rules
    const single = (w: string) => w.length >= 3 && !ambiguous(w) && s.confidence >= SINGLE_MIN && !lex.places.has(w);
    const person = s.type === 'NAME' || s.type === 'PROVIDER_NAME';
    if (words.length === 1) {
      // a lone place word is often a capitalised clinical word read after a cue ("FOLLOWED TO THE FIMBRIATED END"): only names spread alone
      if (person && single(words[0]!)) add(words);
      continue;
    }
    if (words.every((w) => w.length < 2)) continue;
    add(words);
    // each part of a person's name is that person wherever it recurs alone ("Oriel Vantongeren" ... "per vantongeren")
    if (person) for (const w of words) if (single(w)) add([w]);
  }
  if (!byFirst.size) return spans;
  // a 1024-bit filter on the first three letters of the first words: most tokens are passed over
  // without making their lower-case string
  const filter = new Uint32Array(32);
  let nonAscii = false;
  const bit = (k: number) => (k ^ (k >>> 10) ^ (k >>> 20)) & 1023;
  for (const w of byFirst.keys()) {
    const codes = [0, 1, 2].map((q) => (q < w.length ? w.charCodeAt(q) : 0));
    if (codes.some((c) => c >= 128)) nonAscii = true;
    else {
      const b = bit((codes[0]! << 14) | (codes[1]! << 7) | codes[2]!);
      filter[b >>> 5] = filter[b >>> 5]! | (1 << (b & 31));
    }
  }
  const added: IdentifierSpan[] = [];
  let next = 0; // index of the first span that ends after the current token
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const k = t.prefixKey();
    if (k >= 0 ? ((filter[bit(k) >>> 5]! >>> (bit(k) & 31)) & 1) === 0 : !nonAscii) continue;
    const list = byFirst.get(t.lower);
    if (!list) continue;
    for (const src of list) {
      const last = i + src.words.length - 1;
      if (last >= tokens.length) continue;
      let ok = true;
      for (let k = 1; k < src.words.length && ok; k++) ok = tokens[i + k]!.lower === src.words[k] && spacesOnly(text, tokens[i + k - 1]!.end, tokens[i + k]!.start);
      if (!ok) continue;
      const start = t.start;
      const end = tokens[last]!.end;
      while (next < spans.length && spans[next]!.end <= start) next++;
      if (next < spans.length && spans[next]!.start < end) continue; // something is already found here
      if (added.length && added[added.length - 1]!.end > start) continue;
      added.push({ start, end, type: src.type, text: text.slice(start, end), confidence: src.confidence });
      i = last;
      break;
    }
  }
  if (!added.length) return spans;
  return [...spans, ...added].sort((a, b) => a.start - b.start);
}
