/** Offsets in a section's visible text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The sentences of a text, as spans with surrounding whitespace dropped: a sentence ends at . ! or ?
 * followed by whitespace or the end (so "6.8" does not split), or at a line break (notes are full
 * of one-line items).
 */
/** Words after which a period does not end a sentence. */
const ABBREVIATIONS = new Set(['dr', 'mr', 'mrs', 'ms', 'vs', 'st', 'no', 'approx', 'e.g', 'i.e', 'etc', 'pt', 'hx', 'dx', 'fig']);

/** The period at `i` closes a list number ("1."), an initial ("J.") or an abbreviation ("Dr."). */
function notAnEnd(text: string, i: number): boolean {
  let j = i;
  while (j > 0 && /[A-Za-z0-9.]/.test(text[j - 1]!)) j--;
  const word = text.slice(j, i);
  if (ABBREVIATIONS.has(word.toLowerCase()) || /^[A-Z]$/.test(word)) return true;
  // A list number at the start of a line.
  const lineStart = text.lastIndexOf('\n', i - 1) + 1;
  return /^\s*(\d{1,3}|[a-z])$/.test(text.slice(lineStart, i));
}

export function sentences(text: string): Span[] {
  const out: Span[] = [];
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (b > a) out.push({ start: a, end: b });
  };
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      push(from, i);
      from = i + 1;
    } else if ((c === '.' || c === '!' || c === '?') && (i + 1 === text.length || /\s/.test(text[i + 1]!)) && !(c === '.' && notAnEnd(text, i))) {
      push(from, i + 1);
      from = i + 1;
    }
  }
  push(from, text.length);
  return out;
}
