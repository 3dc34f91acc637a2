/**
 * Compliance checks for a physician query, after the AHIMA/ACDIS "Guidelines for Achieving a
 * Compliant Query Practice": the query presents clinical indicators from the record, asks an open
 * or multiple-choice question whose options are clinically reasonable and include "other" and
 * "clinically undetermined", never mentions reimbursement or the impact on the DRG, and does not
 * lead the provider to a diagnosis the indicators do not support.
 *
 * And the minimum-necessary check: every identifier and every sensitive label inside the query is
 * listed so the coder removes it or writes down why the provider needs it.
 *
 * Pure functions: the service passes the texts it re-derived from the current view.
 */
import { createHash } from 'node:crypto';
import { OTHER_OPTION, UNDETERMINED_OPTION, type MnFinding, type QueryIssue } from '../../../shared/coder-contract';
import { detectIdentifiers, type ChartKnownMatcher } from '../redaction/identifiers';
import { tagText } from '../redaction/sensitivity/tagger';

export interface CheckInput {
  question: string;
  /** The coder's options, without the two standard ones. */
  options: string[];
  /** Re-derived fact texts (null: no longer visible). */
  facts: Array<{ text: string | null; labels: readonly string[] }>;
  hasProvider: boolean;
  /** What the store knows about the query's patient and care team (core/chart/known-identifiers.ts). */
  known?: ChartKnownMatcher;
}

/** Words and phrases that tie a query to money or steer the answer. */
const LEADING: Array<{ re: RegExp; why: string }> = [
  { re: /\breimburs\w*/i, why: 'mentions reimbursement' },
  { re: /\b(?:MS-|APR-)?DRGs?\b/i, why: 'mentions the DRG' },
  { re: /\b(?:payments?|pay|paid|payer|payor)\b/i, why: 'mentions payment' },
  { re: /\b(?:revenue|financial(?:ly)?|money|dollars?|billing|bill)\b/i, why: 'mentions financial impact' },
  { re: /\b(?:MCC|CC\/MCC|case[- ]mix|CMI|relative weight|severity of illness|SOI\/ROM)\b/i, why: 'mentions coding weight or case mix' },
  { re: /\bplease (?:document|add|chart|write)\b/i, why: 'asks the provider to document a particular answer' },
  { re: /\b(?:don't|do not|wouldn't|would not) you (?:agree|think)\b/i, why: 'asks a leading question' },
  { re: /\b(?:confirm|verify) (?:that )?the patient (?:has|had)\b/i, why: 'presumes the diagnosis' },
];

/** Words that say nothing clinical on their own, so they cannot "support" an option. */
const NON_CLINICAL = new Set(
  `the a an and or of in on with without to for by due other specify please clinically undetermined unable determine
  cannot none not no yes present absent ruled out unknown unspecified acute chronic type patient condition
  disease disorder syndrome diagnosis history status likely probable possible suspected further clinical
  this that these those which what than then there their was were been being have has had also only more less`
    .split(/\s+/)
    .filter(Boolean),
);

const words = (s: string): string[] => (s.toLowerCase().match(/[a-z][a-z0-9-]+/g) ?? []).filter((w) => w.length >= 4 && !NON_CLINICAL.has(w));
const stem = (w: string): string => w.slice(0, 5);

export function checkQuery(q: CheckInput): QueryIssue[] {
  const issues: QueryIssue[] = [];
  const add = (kind: string, severity: QueryIssue['severity'], where: string, message: string) => issues.push({ kind, severity, where, message });
  if (!q.question.trim()) add('missing-question', 'error', 'question', 'Write the question to the provider.');
  if (q.facts.length === 0) add('missing-facts', 'error', 'facts', 'Select at least one clinical indicator from the record.');
  q.facts.forEach((f, i) => {
    if (f.text === null) add('fact-unavailable', 'error', `fact:${i}`, `Clinical indicator ${i + 1} is no longer visible to you under this purpose; remove it.`);
  });
  const opts = q.options.map((o) => o.trim()).filter(Boolean);
  if (opts.length < 2) add('too-few-options', 'error', 'options', 'Offer at least two clinically reasonable options (Other and Clinically undetermined are added for you).');
  const lower = opts.map((o) => o.toLowerCase());
  if (lower.length > 0 && lower.every((o) => /^(yes|no)\b/.test(o))) {
    add('yes-no', 'warning', 'options', 'A yes/no query may not be used to introduce a new diagnosis; offer the clinically reasonable diagnoses instead.');
  }
  if (new Set(lower).size !== lower.length) add('duplicate-option', 'error', 'options', 'Two options are the same.');
  const texts: Array<[string, string]> = [['question', q.question], ...opts.map((o, i): [string, string] => [`option:${i}`, o])];
  for (const [where, text] of texts) {
    for (const { re, why } of LEADING) {
      if (re.test(text)) add('leading-language', 'error', where, `The ${where.startsWith('option') ? `option ${Number(where.slice(7)) + 1}` : 'question'} ${why}; a compliant query never does.`);
    }
  }
  const indicatorStems = new Set(q.facts.flatMap((f) => words(f.text ?? '')).map(stem));
  opts.forEach((o, i) => {
    const w = words(o);
    if (/^(yes|no)\b/i.test(o) || w.length === 0) return;
    if (!w.some((x) => indicatorStems.has(stem(x)))) {
      add('unsupported-option', 'warning', `option:${i}`, `Option ${i + 1} ("${o}") introduces a diagnosis that none of the selected clinical indicators mention; add the indicators that support it or remove it.`);
    }
  });
  if (!q.hasProvider) add('no-provider', 'warning', 'provider', 'The encounter names no attending provider to address the query to.');
  return issues;
}

/** The options as the provider sees them: the coder's plus the two standard ones, once each. */
export function withStandardOptions(options: readonly string[]): string[] {
  const own = options.map((o) => o.trim()).filter((o) => o && !isStandard(o));
  return [...own, OTHER_OPTION, UNDETERMINED_OPTION];
}

const isStandard = (o: string): boolean => /^other\b/i.test(o) || /^clinically undetermined$/i.test(o);

/** A bracketed placeholder the view put in place of an identifier (`[NAME]`): not an identifier itself. */
const PLACEHOLDER = /^\[[A-Z_]+\]$/;

/** Every identifier and sensitive label inside the query, each with a stable id to justify it by. */
export function minimumNecessary(q: CheckInput): MnFinding[] {
  const out: MnFinding[] = [];
  const seen = new Set<string>();
  const push = (f: Omit<MnFinding, 'id'>) => {
    const id = `mn_${createHash('sha256').update(`${f.kind}|${f.type}|${f.where}|${f.excerpt ?? ''}`).digest('hex').slice(0, 16)}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ id, ...f });
  };
  const scan = (where: string, text: string) => {
    for (const s of detectIdentifiers(text, { known: q.known })) {
      if (PLACEHOLDER.test(s.text.trim())) continue;
      push({ kind: 'identifier', type: s.type, where, excerpt: s.text });
    }
    for (const label of tagText(text).labels) push({ kind: 'label', type: label, where, excerpt: null });
  };
  q.facts.forEach((f, i) => {
    if (f.text === null) return;
    scan(`fact:${i}`, f.text);
    for (const label of f.labels) push({ kind: 'label', type: label, where: `fact:${i}`, excerpt: null });
  });
  scan('question', q.question);
  q.options.forEach((o, i) => scan(`option:${i}`, o));
  return out;
}
