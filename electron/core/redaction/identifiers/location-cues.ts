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
const PREPOSITIONS = new WordSet(['in', 'from', 'to', 'of']);
/** The word before the preposition in some cue: only those few are checked against the whole cue. */
const CUE_WORDS = new WordSet('lives living resides residing up born originally moved moving relocated here back flew flown flying traveled travelled traveling travelling drove trip visiting native based hometown'.split(' '));
const WORDS = /([A-ZÀ-Þ][A-Za-zÀ-ɏ'’-]*)((?:[ \t]+(?:(?:de|del|la|le|nad|upon|der|sur|di|da)[ \t]+)?[A-ZÀ-Þ][A-Za-zÀ-ɏ'’-]*){0,3})/y;

export function detectCuedLocations(text: string, tokens: Token[], lex: Lexicon, emit: Emit): void {
  // a capitalised word after in / from / to / of, the cue checked only then: cheaper than a pattern over the whole text
  for (let i = 1; i + 1 < tokens.length; i++) {
    const p = tokens[i]!;
    const plen = p.end - p.start;
    if (plen < 2 || plen > 4 || !tokens[i + 1]!.cap || !PREPOSITIONS.hasToken(p) || !CUE_WORDS.hasToken(tokens[i - 1]!)) continue;
    const at = tokens[i + 1]!.start;
    if (!/^[ \t]+$/.test(text.slice(p.end, at)) || !CUE.test(text.slice(Math.max(0, p.end - 24), p.end).toLowerCase())) continue;
    WORDS.lastIndex = at;
    const w = WORDS.exec(text);
    if (!w) continue;
    // the run stops before a common word after its first ("GRAND COULEE IN THE", "Tornquist Last")
    let len = w[1]!.length;
    for (const part of w[2]!.matchAll(/[ \t]+(?:(?:de|del|la|le|nad|upon|der|sur|di|da)[ \t]+)?([A-ZÀ-Þ][A-Za-zÀ-ɏ'’-]*)/g)) {
      if (lex.commonWords.has(part[1]!.toLowerCase())) break;
      len += part[0].length;
    }
    const found = text.slice(at, at + len);
    const phrase = found.toLowerCase().replace(/['’]s$/, '');
    const first = w[1]!.toLowerCase();
    if (STATE_NAMES.has(phrase) || lex.countries.has(phrase) || lex.clinicalStop.has(first) || isPlaceholder(first)) continue;
    // a run starting with a common word ("moved to Assisted Living", "born in March") is taken only if it is a listed place, not in capitals
    if (lex.commonWords.has(first) && !(lex.places.has(phrase) && w[1] !== w[1]!.toUpperCase())) continue;
    if (len < 3) continue;
    emit(at, at + len, 'LOCATION', 0.7);
  }
}
