/**
 * One pass over the text into alphanumeric tokens (ASCII letters and digits), with the kind of
 * gap that follows each token: soft (spaces, `-`, `/`, `&`...), a comma, or hard (`.` `;` `:` `!`
 * `?` or a line break), which ends a clause for negation and family-history scope.
 */
export const GAP_SOFT = 0;
export const GAP_COMMA = 1;
export const GAP_HARD = 2;

/**
 * The token stream of one text. Token strings are made on first use only (lowerAt / rawAt): most
 * tokens are rejected by the taggers on their character codes, and not allocating a string for
 * each of them is most of the tokenizer's speed.
 */
export class Tokens {
  private readonly lowers: (string | undefined)[];
  private readonly raws: (string | undefined)[];
  constructor(
    readonly text: string,
    readonly count: number,
    readonly start: Int32Array,
    readonly end: Int32Array,
    /** Kind of gap between token i and token i+1 (or the end of the text). */
    readonly gap: Uint8Array,
    /** Width of that gap in characters. */
    readonly gapWidth: Int32Array,
  ) {
    this.lowers = new Array<string | undefined>(count);
    this.raws = new Array<string | undefined>(count);
  }

  /** Token i as written. */
  rawAt(i: number): string {
    return (this.raws[i] ??= this.text.slice(this.start[i]!, this.end[i]!));
  }

  /** Token i lowercased (tokens are ASCII letters and digits). */
  lowerAt(i: number): string {
    let l = this.lowers[i];
    if (l === undefined) {
      const w = this.rawAt(i);
      l = this.lowers[i] = hasUpper(w) ? w.toLowerCase() : w;
    }
    return l;
  }

  /** wordKey() of token i (lowercased unless keepCase), from its character codes. */
  keyAt(i: number, keepCase: boolean): number {
    const s = this.start[i]!;
    const len = this.end[i]! - s;
    const t = this.text;
    return keyOf(len, len > 0 ? code(t.charCodeAt(s), keepCase) : 0, len > 1 ? code(t.charCodeAt(s + 1), keepCase) : 0, len > 2 ? code(t.charCodeAt(s + 2), keepCase) : 0);
  }
}

function hasUpper(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

const code = (c: number, keepCase: boolean) => (!keepCase && c >= 65 && c <= 90 ? c + 32 : c) & 0x7f;
const keyOf = (len: number, a: number, b: number, c: number) => (Math.min(len, 63) << 21) | (a << 14) | (b << 7) | c;

/** A word's length and first three characters packed in one integer: equal words have equal keys. */
export function wordKey(w: string): number {
  const c = (i: number) => (i < w.length ? w.charCodeAt(i) & 0x7f : 0);
  return keyOf(w.length, c(0), c(1), c(2));
}

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

export function tokenize(text: string, from = 0, to = text.length): Tokens {
  let cap = Math.max(16, ((to - from) >> 2) + 1);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let gap = new Uint8Array(cap);
  let gapWidth = new Int32Array(cap);
  let count = 0;
  let i = from;
  // leading non-token characters
  while (i < to && !isAlnum(text.charCodeAt(i))) i++;
  while (i < to) {
    const s = i;
    for (; i < to; i++) {
      const c = text.charCodeAt(i);
      if (!isAlnum(c)) break;
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
  return new Tokens(text, count, start.subarray(0, count), end.subarray(0, count), gap.subarray(0, count), gapWidth.subarray(0, count));
}

/** Split a lexicon phrase into the same tokens, lowercased unless `keepCase`. */
export function phraseTokens(phrase: string, keepCase = false): string[] {
  const words = phrase.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return keepCase ? words : words.map((w) => w.toLowerCase());
}
