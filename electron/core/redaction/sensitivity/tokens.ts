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
  const cap = Math.max(16, ((to - from) >> 2) + 1);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  const raw: string[] = [];
  const lower: string[] = [];
  let count = 0;
  let i = from;
  while (i < to) {
    while (i < to && !isAlnum(text.charCodeAt(i))) i++;
    if (i >= to) break;
    const s = i;
    while (i < to && isAlnum(text.charCodeAt(i))) i++;
    if (count === start.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      start = grow(start);
      end = grow(end);
    }
    start[count] = s;
    end[count] = i;
    const w = text.slice(s, i);
    raw.push(w);
    lower.push(w.toLowerCase());
    count++;
  }
  const gap = new Uint8Array(count);
  const gapWidth = new Int32Array(count);
  for (let t = 0; t < count; t++) {
    const a = end[t]!;
    const b = t + 1 < count ? start[t + 1]! : to;
    let kind = GAP_SOFT;
    for (let k = a; k < b; k++) {
      const c = text.charCodeAt(k);
      if (c === 46 || c === 59 || c === 58 || c === 33 || c === 63 || c === 10 || c === 13) {
        kind = GAP_HARD;
        break;
      }
      if (c === 44) kind = GAP_COMMA;
    }
    gap[t] = kind;
    gapWidth[t] = b - a;
  }
  return { count, start: start.subarray(0, count), end: end.subarray(0, count), gap, gapWidth, lower, raw };
}

/** Split a lexicon phrase into the same tokens, lowercased unless `keepCase`. */
export function phraseTokens(phrase: string, keepCase = false): string[] {
  const words = phrase.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return keepCase ? words : words.map((w) => w.toLowerCase());
}
