/**
 * Header → LOINC section code. Exact lookup of the normalized header first; then the same with
 * leading modifiers removed (`BRIEF HOSPITAL COURSE` → hospital course), with trailing suffix words
 * removed (`Functional Status Section`, `Goals Narrative`, `Allergy List`), and with a
 * plural/singular first or last word (`ASSESSMENTS`, `DIAGNOSES`, `Immunizations History`), and
 * cut before a trailing time qualifier (`Results (Last 3 Months)`, `Medications as of 1/2/2020`, `Procedures during this stay`).
 * Anything else is 'unknown'.
 */
import { UNKNOWN_SECTION, type SectionCode } from '../types';
import { defaultSectionLexicon, type HeaderMatch, type SectionLexicon } from './lexicon';
import { normalizeHeader } from './normalize';

export type HeaderKind = { kind: 'header'; match: HeaderMatch } | { kind: 'field' } | { kind: 'unknown' };

function numberVariants(word: string): string[] {
  if (word.endsWith('ses')) return [word.slice(0, -2) + 'is'];
  if (word.endsWith('sis')) return [word.slice(0, -2) + 'es'];
  if (word.endsWith('ies') && word.length > 4) return [word.slice(0, -3) + 'y', word.slice(0, -1)];
  if (word.endsWith('s') && !word.endsWith('ss')) return [word.slice(0, -1)];
  return [word + 's'];
}

function variants(words: string[]): string[] {
  const key = words.join(' ');
  const out = [key];
  const last = words.length - 1;
  for (const v of numberVariants(words[last]!)) out.push([...words.slice(0, last), v].join(' '));
  if (last > 0) for (const v of numberVariants(words[0]!)) out.push([v, ...words.slice(1)].join(' '));
  return out;
}

function lookupStripped(words: string[], lex: SectionLexicon): HeaderMatch | undefined {
  while (words.length > 1 && lex.modifiers.has(words[0]!)) words = words.slice(1);
  for (const v of variants(words)) {
    const m = lex.headers.get(v);
    if (m && !m.lineStartOnly) return m;
  }
  return undefined;
}

/** Classify an already-normalized header. */
export function lookupNormalized(key: string, lex: SectionLexicon): HeaderKind {
  if (!key) return { kind: 'unknown' };
  const exact = lex.headers.get(key);
  if (exact) return { kind: 'header', match: exact };
  if (lex.fields.has(key)) return { kind: 'field' };
  let words = key.split(' ');
  let m = lookupStripped(words, lex);
  while (!m && words.length > 1 && lex.suffixes.has(words[words.length - 1]!)) {
    words = words.slice(0, -1);
    m = lex.headers.get(words.join(' ')) ?? lookupStripped(words, lex);
  }
  if (!m) {
    // A trailing time qualifier: `Results (Last 3 Months)`, `Medications as of 01/02/2020`.
    const q = words.findIndex((w, i) => i > 0 && lex.qualifiers.has(w));
    if (q > 0) {
      const head = words.slice(0, q);
      m = lex.headers.get(head.join(' ')) ?? lookupStripped(head, lex);
    }
  }
  return m && !m.lineStartOnly ? { kind: 'header', match: m } : { kind: 'unknown' };
}

export function classifyHeader(title: string, lex: SectionLexicon = defaultSectionLexicon()): SectionCode {
  const r = lookupNormalized(normalizeHeader(title), lex);
  return r.kind === 'header' ? r.match.entry.code : UNKNOWN_SECTION;
}
