/**
 * A word token with offsets and the casing facts the name and place detectors use. The lowercase
 * form is made on first use only: most tokens are never looked up, and not allocating strings for
 * them is most of the tokenizer's speed.
 */
export class Token {
  private lowered: string | undefined;
  constructor(
    private readonly src: string,
    readonly start: number,
    readonly end: number,
    /** CAP | UPPER | INITIAL, and (prefixKey() + 1) << 3. One small integer keeps tokens small. */
    private readonly bits: number,
  ) {}

  /** First letter upper case (Smith, SMITH, McDonald). */
  get cap(): boolean {
    return (this.bits & CAP) !== 0;
  }

  /** Every letter upper case and at least two letters. */
  get upper(): boolean {
    return (this.bits & UPPER) !== 0;
  }

  /** Single capital letter followed by a period (middle initial). */
  get initial(): boolean {
    return (this.bits & INITIAL) !== 0;
  }

  /** Lowercase form, curly apostrophes straightened, possessive 's dropped. */
  get lower(): string {
    if (this.lowered === undefined) {
      let l = this.src.slice(this.start, this.end).toLowerCase();
      if (l.includes('’')) l = l.replace(/’/g, "'");
      if (l.endsWith("'s")) l = l.slice(0, -2);
      this.lowered = l;
    }
    return this.lowered;
  }

  /** Lowercase char code at offset i of the token (ASCII and Latin-1 only; -1 otherwise or past the end). */
  lowerCodeAt(i: number): number {
    if (this.start + i >= this.end) return 0;
    return lowerCode(this.src.charCodeAt(this.start + i));
  }

  /**
   * The first three lowerCodeAt() codes packed in one small integer (a WordSet's prefix key), or -1
   * when one of them is not ASCII.
   */
  prefixKey(): number {
    return (this.bits >> 3) - 1;
  }
}

const CAP = 1;
const UPPER = 2;
const INITIAL = 4;

/** ASCII lowercase code of c, or -1 when c is not ASCII. */
function lowerCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 128) return c;
  return -1;
}

/** Three ASCII codes in one small integer (a Smi: no heap number to allocate or hash). */
function prefixKey(a: number, b: number, c: number): number {
  return (a << 14) | (b << 7) | c;
}

/** Latin letters, including Latin-1 and Latin Extended-A/B (not × or ÷). */
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 192 && c <= 591 && c !== 215 && c !== 247);
}

/** Words: letters, with inner apostrophes and hyphens ("O'Brien", "Smith-Jones"). A hand-written scanner: faster than a regex here. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const len = text.length;
  let i = 0;
  while (i < len) {
    let c = text.charCodeAt(i);
    if (!isLetter(c)) {
      i++;
      continue;
    }
    const start = i;
    const first = c;
    let allUpper = true;
    while (i < len) {
      c = text.charCodeAt(i);
      if (isLetter(c)) {
        if ((c >= 97 && c <= 122) || (c >= 223 && text[i] !== text[i]!.toUpperCase())) allUpper = false;
        i++;
      } else if ((c === 39 || c === 8217 || c === 45) && i + 1 < len && isLetter(text.charCodeAt(i + 1))) i++;
      else break;
    }
    const end = i;
    const cap = first < 128 ? first >= 65 && first <= 90 : text[start] !== text[start]!.toLowerCase();
    const upper = cap && end - start > 1 && allUpper;
    const initial = end - start === 1 && cap && text.charCodeAt(end) === 46;
    const a = lowerCode(first);
    const b = end - start > 1 ? lowerCode(text.charCodeAt(start + 1)) : 0;
    const c2 = end - start > 2 ? lowerCode(text.charCodeAt(start + 2)) : 0;
    const key = a >= 0 && b >= 0 && c2 >= 0 ? prefixKey(a, b, c2) : -1;
    out.push(new Token(text, start, end, (cap ? CAP : 0) | (upper ? UPPER : 0) | (initial ? INITIAL : 0) | ((key + 1) << 3)));
  }
  return out;
}

/**
 * For each token, whether casing says nothing around it: most multi-letter tokens within
 * ten tokens either side are all upper case (ALL-CAPS notes, headers, shouted lines).
 */
export function caseBlind(tokens: Token[], radius = 10): boolean[] {
  const n = tokens.length;
  const out = new Array<boolean>(n);
  // counts over the window [a, b) of tokens, slid along: multi-letter tokens, and those all upper case
  let multi = 0;
  let up = 0;
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const wa = Math.max(0, i - radius);
    const wb = Math.min(n, i + radius + 1);
    for (; b < wb; b++) {
      const t = tokens[b]!;
      if (t.end - t.start > 1) {
        multi++;
        if (t.upper) up++;
      }
    }
    for (; a < wa; a++) {
      const t = tokens[a]!;
      if (t.end - t.start > 1) {
        multi--;
        if (t.upper) up--;
      }
    }
    out[i] = multi >= 3 && up / multi > 0.6;
  }
  return out;
}

/**
 * A small word set with a three-letter prefix filter: most tokens are rejected on an integer lookup,
 * without hashing the token's string.
 */
export class WordSet {
  private readonly words: Set<string>;
  /** A bit for each prefixKey() of the words whose first three characters are ASCII. */
  private readonly prefixes = new Uint32Array(1 << 16);
  /** Some word does not start with three ASCII characters: those skip the prefix filter. */
  constructor(words: Iterable<string>) {
    this.words = new Set(words);
    for (const w of this.words) {
      const k = WordSet.key(w);
      if (k >= 0) this.prefixes[k >>> 5] = this.prefixes[k >>> 5]! | (1 << (k & 31));
    }
  }
  /** prefixKey() of a word's first three characters (0 past its end), or -1 when one is not ASCII. */
  private static key(w: string): number {
    const a = w.charCodeAt(0) || 0;
    const b = w.charCodeAt(1) || 0;
    const c = w.charCodeAt(2) || 0;
    return a < 128 && b < 128 && c < 128 ? prefixKey(a, b, c) : -1;
  }
  private hasPrefix(k: number): boolean {
    return ((this.prefixes[k >>> 5]! >>> (k & 31)) & 1) !== 0;
  }
  has(w: string): boolean {
    const k = WordSet.key(w);
    return (k < 0 || this.hasPrefix(k)) && this.words.has(w);
  }
  /** Same as has(t.lower), without making the lowercase string for most tokens. */
  hasToken(t: Token): boolean {
    const k = t.prefixKey();
    if (k >= 0 && !this.hasPrefix(k)) return false;
    return this.words.has(t.lower);
  }
}
