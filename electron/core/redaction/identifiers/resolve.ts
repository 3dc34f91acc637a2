/** Turns overlapping candidates into non-overlapping spans: same-type overlaps merge, then the most confident wins. */
import type { IdentifierSpan } from '../../../../shared/identifier-types';
import type { Candidate } from './candidate';

const WORD_CHAR = /[\p{L}\p{N}]/u;

export function resolve(text: string, candidates: Candidate[]): IdentifierSpan[] {
  const valid = candidates.filter((c) => c.start >= 0 && c.end <= text.length && c.end > c.start);
  if (!valid.length) return [];
  // person names merge across NAME / PROVIDER_NAME ("FRANCIS G" and "G. LEVINE, RRT" are one name)
  const group = (c: Candidate) => (c.type === 'PROVIDER_NAME' ? 'NAME' : c.type);
  valid.sort((a, b) => group(a).localeCompare(group(b)) || a.start - b.start);
  const merged: Candidate[] = [];
  for (const c of valid) {
    const last = merged[merged.length - 1];
    if (last && group(last) === group(c) && c.start < last.end) {
      last.end = Math.max(last.end, c.end);
      if (c.confidence > last.confidence || (c.confidence === last.confidence && c.type === 'PROVIDER_NAME')) last.type = c.type;
      last.confidence = Math.max(last.confidence, c.confidence);
    } else merged.push({ ...c });
  }
  merged.sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(text.length);
  const kept: Candidate[] = [];
  for (const c of merged) {
    // keep what is left of a candidate beside spans already taken (recall first), trimmed to word characters
    let i = c.start;
    while (i < c.end) {
      while (i < c.end && taken[i]) i++;
      let j = i;
      while (j < c.end && !taken[j]) j++;
      let s = i;
      let e = j;
      const whole = s === c.start && e === c.end;
      if (!whole) {
        while (s < e && !WORD_CHAR.test(text[s]!)) s++;
        while (e > s && !WORD_CHAR.test(text[e - 1]!)) e--;
      }
      if (e > s && (whole || (e - s >= 2 && c.type !== 'NAME' && c.type !== 'PROVIDER_NAME' && c.type !== 'FACILITY_NAME'))) {
        taken.fill(1, s, e);
        kept.push({ ...c, start: s, end: e, confidence: s === c.start && e === c.end ? c.confidence : c.confidence * 0.9 });
      }
      i = j;
    }
  }
  kept.sort((a, b) => a.start - b.start);
  return kept.map((c) => ({ start: c.start, end: c.end, type: c.type, text: text.slice(c.start, c.end), confidence: Math.round(c.confidence * 100) / 100 }));
}
