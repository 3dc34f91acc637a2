/** Turns overlapping candidates into non-overlapping spans: same-type overlaps merge, then the most confident wins. */
import type { IdentifierSpan } from '../../../../shared/identifier-types';
import type { Candidate } from './candidate';

export function resolve(text: string, candidates: Candidate[]): IdentifierSpan[] {
  const valid = candidates.filter((c) => c.start >= 0 && c.end <= text.length && c.end > c.start);
  valid.sort((a, b) => a.type.localeCompare(b.type) || a.start - b.start);
  const merged: Candidate[] = [];
  for (const c of valid) {
    const last = merged[merged.length - 1];
    if (last && last.type === c.type && c.start < last.end) {
      last.end = Math.max(last.end, c.end);
      last.confidence = Math.max(last.confidence, c.confidence);
    } else merged.push({ ...c });
  }
  merged.sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(text.length);
  const kept: Candidate[] = [];
  for (const c of merged) {
    let free = true;
    for (let i = c.start; i < c.end; i++) {
      if (taken[i]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  kept.sort((a, b) => a.start - b.start);
  return kept.map((c) => ({ start: c.start, end: c.end, type: c.type, text: text.slice(c.start, c.end), confidence: Math.round(c.confidence * 100) / 100 }));
}
