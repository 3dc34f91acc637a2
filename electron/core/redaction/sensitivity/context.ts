/**
 * Context of a sensitive mention, NegEx-style, on the token stream of one section:
 *
 * Negated — a pre-negation trigger (`no`, `denies`, `negative for`, `no history of`...) within
 * `preWindow` tokens before the mention, in the same clause; or a post-negation trigger (`negative`,
 * `nonreactive`, `not detected`, `ruled out`) within `postWindow` tokens after it, with nothing but
 * spaces/hyphens between. The backward scope ends at `.` `;` `:` or a line break, at a scope-break
 * word (`but`, `however`, `positive for`, `currently`...), and at a comma followed by a new assertion
 * (`, history of`, `, uses`, `, smokes`...); a comma-separated list (`no tobacco, alcohol, or drug
 * use`) stays in scope. Pseudo-negations (`no longer`, `not ruled out`, `gram negative`) are not
 * triggers.
 *
 * Family — the mention lies in the family-history section, or a relative (`mother`, `brother`,
 * `maternal`, `family history of`...) precedes it within `window` tokens in the same clause and
 * comma-free stretch, with no reset word between (`she`, `he`, `patient`, `and`, `but`...):
 * `mother had bipolar disorder` is family; `lives with mother and uses heroin` is the patient's.
 *
 * Both rules err toward the patient: when the context is not clearly negated or clearly about a
 * relative, the mention counts as an affirmed mention about the patient (over-labeling withholds
 * more; under-labeling would disclose).
 */
import type { SensitivityLexicon } from './lexicon';
import { GAP_COMMA, GAP_HARD, GAP_SOFT, type Tokens } from './tokens';

export function endsAt(tok: Tokens, t: number, phrase: string[], lo: number): boolean {
  const first = t - phrase.length + 1;
  if (first < lo) return false;
  for (let i = 0; i < phrase.length; i++) {
    if (tok.lowerAt(first + i) !== phrase[i]) return false;
    if (i < phrase.length - 1 && tok.gap[first + i] === GAP_HARD) return false;
  }
  return true;
}

export function startsAt(tok: Tokens, t: number, phrase: string[], hi: number): boolean {
  if (t + phrase.length - 1 > hi) return false;
  for (let i = 0; i < phrase.length; i++) {
    if (tok.lowerAt(t + i) !== phrase[i]) return false;
    if (i < phrase.length - 1 && tok.gap[t + i] === GAP_HARD) return false;
  }
  return true;
}

// plain loops, no callbacks: these run at every token of a mention's context
function anyEndsAt(tok: Tokens, t: number, list: string[][], lo: number): boolean {
  for (const p of list) if (endsAt(tok, t, p, lo)) return true;
  return false;
}

function anyStartsAt(tok: Tokens, t: number, list: string[][], hi: number): boolean {
  for (const p of list) if (startsAt(tok, t, p, hi)) return true;
  return false;
}

/** Is the mention spanning tokens [m, e] negated? lo/hi bound the section's tokens. */
export function isNegated(tok: Tokens, m: number, e: number, lo: number, hi: number, lex: SensitivityLexicon): boolean {
  const neg = lex.negation;
  for (let t = m - 1, steps = 0; t >= lo && steps < neg.preWindow; t--, steps++) {
    const g = tok.gap[t];
    if (g === GAP_HARD) break;
    if (g === GAP_COMMA && anyStartsAt(tok, t + 1, neg.commaBreak, m - 1)) break;
    if (anyEndsAt(tok, t, neg.scopeBreak, lo)) break;
    let found = false;
    for (const trig of neg.pre) {
      if (!endsAt(tok, t, trig, lo)) continue;
      if (anyStartsAt(tok, t - trig.length + 1, neg.pseudo, hi)) continue;
      found = true;
      break;
    }
    if (found) return true;
  }
  for (let t = e + 1; t <= hi && t <= e + neg.postWindow; t++) {
    if (tok.gap[t - 1] !== GAP_SOFT) break;
    if (anyStartsAt(tok, t, neg.post, hi) && !anyStartsAt(tok, t, neg.pseudo, hi)) return true;
  }
  return false;
}

/** Is the mention starting at token m about a relative (outside the family-history section)? */
export function isFamilyMention(tok: Tokens, m: number, lo: number, lex: SensitivityLexicon): boolean {
  const fam = lex.family;
  for (let t = m - 1, steps = 0; t >= lo && steps < fam.window; t--, steps++) {
    if (tok.gap[t] !== GAP_SOFT) return false;
    if (anyEndsAt(tok, t, fam.reset, lo)) return false;
    if (anyEndsAt(tok, t, fam.triggers, lo)) return true;
  }
  return false;
}
