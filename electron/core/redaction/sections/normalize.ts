/**
 * Header normalization shared by the lexicon compiler and the classifier, so both sides agree:
 * lowercase; short parentheticals like `(s)`, `(ES)` dropped; `&` read as `and`; every other
 * non-alphanumeric character is a space; connective words (and, of, the, for, in, on, at, to,
 * upon, with, from, a lone possessive s) dropped after the first word; runs of spaces collapsed.
 * `ASSESSMENT/PLAN`, `Assessment & Plan` and `assessment and plan` all become `assessment plan`.
 */
const DROP = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'at', 'to', 'upon', 'with', 'from', 's']);

export function normalizeHeader(raw: string): string {
  const cleaned = raw
    .toLowerCase()
    .replace(/\([a-z]{1,3}\)/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ');
  const words = cleaned.split(' ');
  let out = '';
  for (const w of words) {
    if (!w || (DROP.has(w) && out)) continue;
    out = out ? `${out} ${w}` : w;
  }
  return out;
}
