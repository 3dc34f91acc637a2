/**
 * Applies identifier handling to visible text: each stored identifier span is shown, replaced by
 * its token (`[NAME]`, `[PHONE]`…) or generalized (a date to its year, an age over 89 to `90+`, a
 * ZIP code to its first three digits) as the purpose's policy says. Pure; the spans come from the
 * import-time analysis (with their confidence), nothing is re-detected here; views keep those that
 * count at the policy's viewing operating point (viewingIdentifiers).
 */
import { MASK_TOKEN, type IdentifierType } from '../../../../shared/identifier-types';
import { atOperatingPoint } from '../identifiers/operating-points';
import type { IdentifierMode, Policy, PurposePolicy } from '../policy';
import type { StoredIdentifier } from './types';

export interface TokenMark {
  start: number;
  end: number;
  type: string;
  mode: 'mask' | 'generalize';
}

export interface Rendered {
  text: string;
  tokens: TokenMark[];
}

/**
 * The stored spans a chart view masks: those that count at the policy's `viewing` operating point
 * (identifiers/operating-points.ts; the finder's defaults when the policy names none). Order kept.
 */
export function viewingIdentifiers(policy: Pick<Policy, 'identifierOperatingPoints'>, spans: readonly StoredIdentifier[]): StoredIdentifier[] {
  return atOperatingPoint(spans, 'viewing', policy.identifierOperatingPoints);
}

export const modeOf = (pp: PurposePolicy, type: IdentifierType): IdentifierMode => pp.identifiers.types[type] ?? pp.identifiers.default;

const YEAR = /(?:^|[^0-9])((?:1[89]|20)\d\d)(?![0-9])/;

/** The generalized form of an identifier, or null when it cannot be generalized (then it is masked). */
export function generalize(type: IdentifierType, text: string): string | null {
  switch (type) {
    case 'DATE': {
      const m = YEAR.exec(text);
      return m ? m[1]! : null;
    }
    case 'AGE_OVER_89':
      return '90+';
    case 'ZIP': {
      const m = /^\s*(\d{3})\d{2}/.exec(text);
      return m ? `${m[1]}**` : null;
    }
    default:
      return null;
  }
}

/**
 * Renders text[from, to) with the identifiers that overlap it. `identifiers` must be sorted by
 * start (stored spans are); overlapping spans are merged into the first one's token.
 */
export function renderRange(text: string, from: number, to: number, identifiers: readonly StoredIdentifier[], pp: PurposePolicy): Rendered {
  let out = '';
  const tokens: TokenMark[] = [];
  let at = from;
  for (const span of identifiers) {
    if (span.end <= from) continue;
    if (span.start >= to) break;
    const mode = modeOf(pp, span.type);
    if (mode === 'show') continue;
    const s = Math.max(span.start, from, at);
    const e = Math.min(span.end, to);
    if (e <= s) continue;
    out += text.slice(at, s);
    const general = mode === 'generalize' ? generalize(span.type, text.slice(span.start, span.end)) : null;
    const replacement = general ?? MASK_TOKEN[span.type];
    tokens.push({ start: out.length, end: out.length + replacement.length, type: span.type, mode: general !== null ? 'generalize' : 'mask' });
    out += replacement;
    at = e;
  }
  out += text.slice(at, to);
  return { text: out, tokens };
}

/** A single value (a date, a name) rendered as a whole under its identifier type's mode. */
export function renderValue(pp: PurposePolicy, type: IdentifierType, value: string | null): string | null {
  if (value === null || value === '') return null;
  const mode = modeOf(pp, type);
  if (mode === 'show') return value;
  if (mode === 'generalize') return generalize(type, value);
  return null;
}
