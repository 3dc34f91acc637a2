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
    } else if ((c === '.' || c === '!' || c === '?') && (i + 1 === text.length || /\s/.test(text[i + 1]!))) {
      push(from, i + 1);
      from = i + 1;
    }
  }
  push(from, text.length);
  return out;
}
