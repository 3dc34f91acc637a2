/**
 * Towns that are on no list, found by what comes before them: "grew up in Marlowby", "moved here
 * from FEYSVILLE", "flew to Tornquist". Up to four capitalised words (with de / del / la / nad ...
 * between them); a common English word, a clinical word, a US state or a country is not taken alone.
 */
import type { Emit } from './candidate';
import type { Lexicon } from './lexicon';
import { WordSet, type Token } from './tokens';
import { isPlaceholder } from './placeholders';
import { STATE_NAMES } from './us-states';

/** The cue, ending at the preposition before the town (matched on lower-cased text before it). */
const CUE = /(?:^|[^a-z])(?:lives in|living in|resides in|residing in|grew up in|born in|originally from|(?:moved|moving|relocated) (?:here |back )?(?:from|to)|(?:flew|flown|flying|travel(?:l)?ed|travel(?:l)?ing|drove) (?:back )?(?:to|from)|trip to|visiting from|native of|based in|hometown of)$/;
export const CUE_PREPOSITIONS = ['in', 'from', 'to', 'of'];
const PREPOSITIONS = new Set(CUE_PREPOSITIONS);
/** The word before the preposition in some cue: only those few are checked against the whole cue. */
const CUE_WORDS = new WordSet('lives living resides residing up born originally moved moving relocated here back flew flown flying traveled travelled traveling travelling drove trip visiting native based hometown'.split(' '));
const WORDS = /([A-ZÀ-Þ][A-Za-zÀ-ɏ'’-]*)((?:[ \t]+(?:(?:de|del|la|le|nad|upon|der|sur|di|da)[ \t]+)?[A-ZÀ-Þ][A-Za-zÀ-ɏ'’-]*){0,3})/y;

/** Checks a town after token i when it is in / from / to / of and a cue comes before it (places.ts calls it from its token pass). */
export function cuedLocationAt(text: string, tokens: Token[], i: number, lex: Lexicon, emit: Emit): void {
  if (i < 1 || i + 1 >= tokens.length) return;
  const p = tokens[i]!;
  if (!tokens[i + 1]!.cap || !PREPOSITIONS.has(p.lower) || !CUE_WORDS.hasToken(tokens[i - 1]!)) return;
  const at = tokens[i + 1]!.start;
  if (!/^[ \t]+$/.test(text.slice(p.end, at)) || !CUE.test(text.slice(Math.max(0, p.end - 24), p.end).toLowerCase())) return;
  WORDS.lastIndex = at;
  const w = WORDS.exec(text);
  if (!w) return;
  // the run stops before a common word after its first ("GRAND COULEE IN THE", "Tornquist Last")
  let len = w[1]!.length;
  for (const part of w[2]!.matchAll(/[ \t]+(?:(?:de|del|la|le|nad|upon|der|sur|di|da)[ \t]+)?([A-ZÀ-Þ][A-Za-zÀ-ɏ'’-]*)/g)) {
    if (lex.commonWords.has(part[1]!.toLowerCase())) break;
    len += part[0].length;
  }
  const found = text.slice(at, at + len);
  const phrase = found.toLowerCase().replace(/['’]s$/, '');
  const first = w[1]!.toLowerCase();
  if (STATE_NAMES.has(phrase) || lex.countries.has(phrase) || lex.clinicalStop.has(first) || isPlaceholder(first)) return;
  // a run starting with a common word ("moved to Assisted Living", "born in March") is taken only if it is a listed place, not in capitals
  if (lex.commonWords.has(first) && !(lex.places.has(phrase) && w[1] !== w[1]!.toUpperCase())) return;
  if (len < 3) return;
  emit(at, at + len, 'LOCATION', 0.7);
}
