/** Word tokens with offsets and the casing facts the name and place detectors use. */
export interface Token {
  start: number;
  end: number;
  /** lowercase form, curly apostrophes straightened, possessive 's dropped */
  lower: string;
  /** First letter upper case (Smith, SMITH, McDonald). */
  cap: boolean;
  /** Every letter upper case and at least two letters. */
  upper: boolean;
  /** Single letter followed by a period (middle initial). */
  initial: boolean;
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
    const w = text.slice(start, end);
    let lower = w.toLowerCase();
    if (c === 8217 || lower.includes('’')) lower = lower.replace(/’/g, "'");
    if (lower.endsWith("'s")) lower = lower.slice(0, -2);
    const cap = first < 128 ? first >= 65 && first <= 90 : w[0] !== lower[0];
    const upper = cap && end - start > 1 && allUpper;
    const initial = end - start === 1 && cap && text.charCodeAt(end) === 46;
    out.push({ start, end, lower, cap, upper, initial });
  }
  return out;
}

/**
 * For each token, whether casing says nothing around it: most multi-letter tokens within
 * ten tokens either side are all upper case (ALL-CAPS notes, headers, shouted lines).
 */
export function caseBlind(tokens: Token[], radius = 10): boolean[] {
  const n = tokens.length;
  const up = new Int32Array(n + 1);
  const multi = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const isMulti = t.end - t.start > 1 ? 1 : 0;
    multi[i + 1] = multi[i]! + isMulti;
    up[i + 1] = up[i]! + (isMulti && t.upper ? 1 : 0);
  }
  const out = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - radius);
    const b = Math.min(n, i + radius + 1);
    const m = multi[b]! - multi[a]!;
    out[i] = m >= 3 && (up[b]! - up[a]!) / m > 0.6;
  }
  return out;
}

/**
 * A small word set with a two-letter prefix filter: most tokens are rejected on an integer lookup,
 * without hashing the token's string.
 */
export class WordSet {
  private readonly words: Set<string>;
  private readonly prefixes = new Set<number>();
  constructor(words: Iterable<string>) {
    this.words = new Set(words);
    for (const w of this.words) this.prefixes.add(w.charCodeAt(0) * 65536 + (w.charCodeAt(1) || 0));
  }
  has(w: string): boolean {
    return this.prefixes.has(w.charCodeAt(0) * 65536 + (w.charCodeAt(1) || 0)) && this.words.has(w);
  }
}
