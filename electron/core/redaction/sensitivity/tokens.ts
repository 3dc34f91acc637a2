/**
 * One pass over the text into alphanumeric tokens (ASCII letters and digits), with the kind of
 * gap that follows each token: soft (spaces, `-`, `/`, `&`...), a comma, or hard (`.` `;` `:` `!`
 * `?` or a line break), which ends a clause for negation and family-history scope.
 */
export const GAP_SOFT = 0;
export const GAP_COMMA = 1;
export const GAP_HARD = 2;

export interface Tokens {
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** Kind of gap between token i and token i+1 (or the end of the text). */
  gap: Uint8Array;
  /** Width of that gap in characters. */
  gapWidth: Int32Array;
  lower: string[];
  raw: string[];
}

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

export function tokenize(text: string, from = 0, to = text.length): Tokens {
  let cap = Math.max(16, ((to - from) >> 2) + 1);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let gap = new Uint8Array(cap);
  let gapWidth = new Int32Array(cap);
  const raw: string[] = [];
  const lower: string[] = [];
  let count = 0;
  let i = from;
  // leading non-token characters
  while (i < to && !isAlnum(text.charCodeAt(i))) i++;
  while (i < to) {
    const s = i;
    let upper = false;
    for (; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c >= 97 && c <= 122) continue;
      if (c >= 65 && c <= 90) upper = true;
      else if (!(c >= 48 && c <= 57)) break;
    }
    if (count === cap) {
      cap *= 2;
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
      start = grow(start, new Int32Array(cap));
      end = grow(end, new Int32Array(cap));
      gap = grow(gap, new Uint8Array(cap));
      gapWidth = grow(gapWidth, new Int32Array(cap));
    }
    start[count] = s;
    end[count] = i;
    const w = text.slice(s, i);
    raw.push(w);
    lower.push(upper ? w.toLowerCase() : w);
    // the gap up to the next token
    const g = i;
    let kind = GAP_SOFT;
    for (; i < to; i++) {
      const c = text.charCodeAt(i);
      if (isAlnum(c)) break;
      if (c === 46 || c === 59 || c === 58 || c === 33 || c === 63 || c === 10 || c === 13) kind = GAP_HARD;
      else if (c === 44 && kind === GAP_SOFT) kind = GAP_COMMA;
    }
    gap[count] = i >= to ? GAP_HARD : kind;
    gapWidth[count] = i - g;
    count++;
  }
  return {
    count,
    start: start.subarray(0, count),
    end: end.subarray(0, count),
    gap: gap.subarray(0, count),
    gapWidth: gapWidth.subarray(0, count),
    lower,
    raw,
  };
}

/** Split a lexicon phrase into the same tokens, lowercased unless `keepCase`. */
export function phraseTokens(phrase: string, keepCase = false): string[] {
  const words = phrase.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return keepCase ? words : words.map((w) => w.toLowerCase());
}
