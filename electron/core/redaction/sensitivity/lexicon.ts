/**
 * The sensitivity lexicon (resources/lexicon/sensitivity.json): validated with zod, then compiled
 * into token tries (one case-insensitive, one for case-sensitive terms such as `AIDS`), so tagging is
 * one pass over the tokens with a Map lookup per token, whatever the number of terms.
 */
import { z } from 'zod';
import raw from '../../../../resources/lexicon/sensitivity.json' with { type: 'json' };
import { DS4P_LABELS, type Ds4pLabel } from '../types';
import { phraseTokens } from './tokens';

const Label = z.enum(DS4P_LABELS);
const Labels = z.array(Label).min(1);
const Phrases = z.array(z.string().min(1));

export const SensitivityLexiconSchema = z.object({
  version: z.literal(1),
  terms: z.partialRecord(Label, Phrases),
  caseSensitiveTerms: z.partialRecord(Label, Phrases),
  blockers: Phrases,
  icd10cm: z.array(z.object({ from: z.string().regex(/^[A-Z][0-9A-Z.]{1,7}$/), to: z.string().regex(/^[A-Z][0-9A-Z.]{1,7}$/), labels: Labels, note: z.string().optional() })),
  snomed: z.array(z.object({ code: z.string().regex(/^\d{6,18}$/), display: z.string(), labels: Labels })),
  loinc: z.array(z.object({ code: z.string().regex(/^\d{1,7}-\d$/), display: z.string(), labels: Labels })),
  sectionTitles: z.array(z.object({ terms: Phrases, labels: Labels })),
  emptyBody: Phrases,
  negation: z.object({
    pre: Phrases,
    post: Phrases,
    pseudo: Phrases,
    scopeBreak: Phrases,
    commaBreak: Phrases,
    preWindow: z.number().int().min(1).max(20),
    postWindow: z.number().int().min(1).max(20),
  }),
  family: z.object({ triggers: Phrases, reset: Phrases, window: z.number().int().min(1).max(20) }),
});

export interface TrieNode {
  next: Map<string, TrieNode> | null;
  /** Labels when a term ends here; an empty array marks a blocker; null: no term ends here. */
  labels: Ds4pLabel[] | null;
  term: string;
}

export interface IcdRange {
  from: string;
  to: string;
  labels: Ds4pLabel[];
}

export interface SensitivityLexicon {
  terms: TrieNode;
  caseSensitive: TrieNode;
  icd10cm: IcdRange[];
  snomed: ReadonlyMap<string, Ds4pLabel[]>;
  loinc: ReadonlyMap<string, Ds4pLabel[]>;
  sectionTitles: { phrase: string; labels: Ds4pLabel[] }[];
  emptyBody: string[][];
  negation: { pre: string[][]; post: string[][]; pseudo: string[][]; scopeBreak: string[][]; commaBreak: string[][]; preWindow: number; postWindow: number };
  family: { triggers: string[][]; reset: string[][]; window: number };
}

const node = (): TrieNode => ({ next: null, labels: null, term: '' });

function insert(root: TrieNode, words: string[], labels: Ds4pLabel[], term: string): void {
  if (!words.length) return;
  let n = root;
  for (const w of words) {
    n.next ??= new Map();
    let child = n.next.get(w);
    if (!child) n.next.set(w, (child = node()));
    n = child;
  }
  if (labels.length === 0) n.labels = [];
  else if (n.labels?.length !== 0) n.labels = [...new Set([...(n.labels ?? []), ...labels])];
  n.term ||= term;
}

export const normalizeIcd = (code: string) => code.replace(/\./g, '').toUpperCase();

export function compileSensitivityLexicon(json: unknown): SensitivityLexicon {
  const lex = SensitivityLexiconSchema.parse(json);
  const terms = node();
  const caseSensitive = node();
  for (const [label, list] of Object.entries(lex.terms)) for (const t of list ?? []) insert(terms, phraseTokens(t), [label as Ds4pLabel], t);
  for (const [label, list] of Object.entries(lex.caseSensitiveTerms)) for (const t of list ?? []) insert(caseSensitive, phraseTokens(t, true), [label as Ds4pLabel], t);
  for (const b of lex.blockers) insert(terms, phraseTokens(b), [], b);
  const phrases = (l: string[]) => l.map((p) => phraseTokens(p)).filter((p) => p.length);
  return {
    terms,
    caseSensitive,
    icd10cm: lex.icd10cm.map((r) => ({ from: normalizeIcd(r.from), to: normalizeIcd(r.to), labels: r.labels })),
    snomed: new Map(lex.snomed.map((s) => [s.code, s.labels])),
    loinc: new Map(lex.loinc.map((s) => [s.code, s.labels])),
    sectionTitles: lex.sectionTitles.flatMap((s) => s.terms.map((t) => ({ phrase: ` ${phraseTokens(t).join(' ')} `, labels: s.labels }))),
    emptyBody: phrases(lex.emptyBody),
    negation: { ...lex.negation, pre: phrases(lex.negation.pre), post: phrases(lex.negation.post), pseudo: phrases(lex.negation.pseudo), scopeBreak: phrases(lex.negation.scopeBreak), commaBreak: phrases(lex.negation.commaBreak) },
    family: { ...lex.family, triggers: phrases(lex.family.triggers), reset: phrases(lex.family.reset) },
  };
}

let cached: SensitivityLexicon | undefined;
export function defaultSensitivityLexicon(): SensitivityLexicon {
  return (cached ??= compileSensitivityLexicon(raw));
}
