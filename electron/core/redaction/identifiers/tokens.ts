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

const WORD = /[A-Za-zÀ-ÖØ-öø-ɏ](?:[A-Za-zÀ-ÖØ-öø-ɏ]|['’-](?=[A-Za-zÀ-ÖØ-öø-ɏ]))*/g;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const w = m[0];
    const start = m.index;
    const end = start + w.length;
    let lower = w.toLowerCase();
    if (lower.includes('’')) lower = lower.replace(/’/g, "'");
    if (lower.endsWith("'s")) lower = lower.slice(0, -2);
    const c = w.charCodeAt(0);
    const cap = c < 128 ? c >= 65 && c <= 90 : w[0] !== lower[0];
    const upper = cap && w.length > 1 && w === w.toUpperCase();
    const initial = w.length === 1 && cap && text.charCodeAt(end) === 46;
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
