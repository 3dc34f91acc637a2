/**
 * Header → LOINC section code. Exact lookup of the normalized header first; then the same with
 * leading modifiers removed (`BRIEF HOSPITAL COURSE` → hospital course) and with a plural/singular
 * last word (`ASSESSMENTS`, `DIAGNOSES`). Anything else is 'unknown'.
 */
import { UNKNOWN_SECTION, type SectionCode } from '../types';
import { defaultSectionLexicon, type HeaderMatch, type SectionLexicon } from './lexicon';
import { normalizeHeader } from './normalize';

export type HeaderKind = { kind: 'header'; match: HeaderMatch } | { kind: 'field' } | { kind: 'unknown' };

function variants(key: string): string[] {
  const out = [key];
  if (key.endsWith('ses')) out.push(key.slice(0, -2) + 'is');
  else if (key.endsWith('s')) out.push(key.slice(0, -1));
  else out.push(key + 's');
  return out;
}

/** Classify an already-normalized header. */
export function lookupNormalized(key: string, lex: SectionLexicon): HeaderKind {
  if (!key) return { kind: 'unknown' };
  const exact = lex.headers.get(key);
  if (exact) return { kind: 'header', match: exact };
  if (lex.fields.has(key)) return { kind: 'field' };
  let words = key.split(' ');
  while (words.length > 1 && lex.modifiers.has(words[0]!)) words = words.slice(1);
  const stripped = words.join(' ');
  for (const v of variants(stripped)) {
    const m = lex.headers.get(v);
    if (m && !m.lineStartOnly) return { kind: 'header', match: m };
  }
  return { kind: 'unknown' };
}

export function classifyHeader(title: string, lex: SectionLexicon = defaultSectionLexicon()): SectionCode {
  const r = lookupNormalized(normalizeHeader(title), lex);
  return r.kind === 'header' ? r.match.entry.code : UNKNOWN_SECTION;
}
