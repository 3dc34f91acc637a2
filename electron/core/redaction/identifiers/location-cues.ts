/**
 * Towns that are on no list, found by what comes before them: "grew up in Marlowby", "moved here
 * from FEYSVILLE", "flew to Tornquist". Up to four capitalised words (with de / del / la / nad ...
 * between them); a common English word, a clinical word, a US state or a country is not taken alone.
 */
import type { Emit } from './candidate';
import type { Lexicon } from './lexicon';
import { isPlaceholder } from './placeholders';
import { STATE_NAMES } from './us-states';

const CUE =
  /\b(?:lives in|living in|resides in|residing in|grew up in|born in|originally from|(?:moved|moving|relocated) (?:here |back )?(?:from|to)|(?:flew|flown|flying|travel(?:l)?ed|travel(?:l)?ing|drove) (?:back )?(?:to|from)|trip to|visiting from|native of|based in|hometown of)[ \t]+/gi;
const WORDS = /([A-ZÀ-Þ][A-Za-zÀ-ɏ'’-]*)((?:[ \t]+(?:(?:de|del|la|le|nad|upon|der|sur|di|da)[ \t]+)?[A-ZÀ-Þ][A-Za-zÀ-ɏ'’-]*){0,3})/y;

/** Cheap pre-check: some cue's verb is in the text. */
const ANY_CUE = /lives|living|resid|grew|born|from|moved|moving|relocated|flew|flown|flying|travel|drove|trip|native|based|hometown/i;

export function detectCuedLocations(text: string, lex: Lexicon, emit: Emit): void {
  if (!ANY_CUE.test(text)) return;
  CUE.lastIndex = 0;
  for (let m = CUE.exec(text); m; m = CUE.exec(text)) {
    const at = m.index + m[0].length;
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
