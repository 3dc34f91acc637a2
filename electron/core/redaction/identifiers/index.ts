/**
 * The identifier detector: every Safe Harbor identifier type plus provider and facility names and
 * revenue-cycle ids (member id, claim, prior authorization, NPI), as non-overlapping spans with
 * offsets, type and confidence. Pure and synchronous; word lists come from resources/identifiers/.
 */
import type { IdentifierSpan, IdentifierType } from '../../../../shared/identifier-types';
import type { Candidate } from './candidate';
import { detectContacts } from './contact-patterns';
import { detectDates } from './dates';
import { detectIds } from './id-patterns';
import { digitFacts } from './digit-facts';
import { defaultLexicon, type Lexicon } from './lexicon';
import { detectNames } from './names';
import { detectTerseNames } from './names-terse';
import { detectFacilityCues } from './facility-cues';
import { detectPlaces } from './places';
import { resolve } from './resolve';
import { caseBlind, tokenize } from './tokens';

export interface DetectOptions {
  lexicon?: Lexicon;
  /** Drop spans below this confidence (default 0: recall first). */
  minConfidence?: number;
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
  detectDates(text, tokens, emit, digits);
  const blind = caseBlind(tokens);
  detectPlaces(text, tokens, blind, lex, emit, digits);
  detectNames(text, tokens, blind, lex, emit);
  detectTerseNames(text, tokens, lex, emit);
  detectFacilityCues(text, tokens, blind, lex, emit);
  const spans = resolve(text, candidates);
  const min = options.minConfidence ?? 0;
  return min > 0 ? spans.filter((s) => s.confidence >= min) : spans;
}

export { loadLexicon, defaultLexicon, type Lexicon } from './lexicon';
export { luhnValid, npiValid, ssnValid, vinCheckDigitValid } from './checksums';
