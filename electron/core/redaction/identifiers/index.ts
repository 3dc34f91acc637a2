/**
 * The identifier detector: every Safe Harbor identifier type plus provider and facility names and
 * revenue-cycle ids (member id, claim, prior authorization, NPI), as non-overlapping spans with
 * offsets, type and confidence. Pure and synchronous; word lists come from resources/identifiers/.
 */
import type { IdentifierSpan, IdentifierType } from '../../../../shared/identifier-types';
import type { Candidate } from './candidate';
import { detectKnown, type ChartKnownMatcher, type KnownIdentifiers } from './chart-known';
import { detectContacts } from './contact-patterns';
import { detectDates } from './dates';
import { detectYears } from './years';
import { detectIds } from './id-patterns';
import { digitFacts } from './digit-facts';
import { defaultLexicon, type Lexicon } from './lexicon';
import { detectNames } from './names';
import { detectTerseNames } from './names-terse';
import { detectFacilityCues } from './facility-cues';
import { detectPlaces } from './places';
import { atOperatingPoint, atThreshold, DEFAULT_THRESHOLDS, type OperatingPoint } from './operating-points';
import { propagate } from './propagate';
import { resolve } from './resolve';
import { caseBlind, tokenize } from './tokens';

export interface DetectOptions {
  lexicon?: Lexicon;
  /**
   * Which spans count (operating-points.ts): 'disclosure' (the default: every candidate, recall
   * first) or 'viewing' (chart-view masking: weak name, place and date candidates dropped; see
   * operating-points.ts for which types a threshold may drop).
   */
  operatingPoint?: OperatingPoint;
  /** The operating points' confidence thresholds (the policy's identifierOperatingPoints); defaults DEFAULT_THRESHOLDS. */
  thresholds?: Partial<Record<OperatingPoint, number>>;
  /** Drop spans below this confidence, whatever their type; overrides operatingPoint. */
  minConfidence?: number;
  /** What the store knows about this chart and its care team (core/chart/known-identifiers.ts): found in every variant. */
  known?: KnownIdentifiers | ChartKnownMatcher;
}

export function detectIdentifiers(text: string, options: DetectOptions = {}): IdentifierSpan[] {
  const lex = options.lexicon ?? defaultLexicon();
  const candidates: Candidate[] = [];
  const emit = (start: number, end: number, type: IdentifierType, confidence: number) => {
    candidates.push({ start, end, type, confidence });
  };
  const tokens = tokenize(text);
  const digits = digitFacts(text);
  detectContacts(text, emit, digits);
  detectIds(text, tokens, emit, digits);
  const namesMonth = detectDates(text, tokens, emit, digits);
  detectYears(text, tokens, emit, digits, namesMonth);
  const blind = caseBlind(tokens);
  detectPlaces(text, tokens, blind, lex, emit, digits);
  detectNames(text, tokens, blind, lex, emit);
  detectTerseNames(text, tokens, lex, emit);
  detectFacilityCues(text, tokens, blind, lex, emit);
  const known = options.known ? detectKnown(text, options.known, { isCommonWord: (w) => lex.commonWords.has(w) || lex.clinicalStop.has(w) || lex.clinicalWords.has(w) }) : [];
  candidates.push(...known);
  // what the chart's store knows follows its own variant rules (chart-known.ts): it does not spread further here
  let fromKnown: ((s: { start: number; end: number }) => boolean) | undefined;
  if (known.length) {
    // the characters the store's matches cover, marked once (linear in the text, however many matches)
    const mark = new Uint8Array(text.length);
    for (const k of known) mark.fill(1, Math.max(0, k.start), Math.min(text.length, k.end));
    fromKnown = (s) => {
      for (let q = s.start; q < s.end; q++) if (mark[q]) return true;
      return false;
    };
  }
  const spans = propagate(text, tokens, resolve(text, candidates), lex, fromKnown);
  if (options.minConfidence !== undefined) return atThreshold(spans, options.minConfidence);
  return atOperatingPoint(spans, options.operatingPoint ?? 'disclosure', { ...DEFAULT_THRESHOLDS, ...options.thresholds });
}

export { ChartKnownMatcher, CHART_KNOWN_VERSION, type KnownIdentifiers, type KnownName } from './chart-known';
export { loadLexicon, defaultLexicon, type Lexicon } from './lexicon';
export { atOperatingPoint, atThreshold, DEFAULT_THRESHOLDS, OPERATING_POINTS, THRESHOLDED_TYPES, type OperatingPoint } from './operating-points';
export { luhnValid, npiValid, ssnValid, vinCheckDigitValid } from './checksums';
