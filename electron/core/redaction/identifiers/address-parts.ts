/**
 * The parts around a street address found by places.ts: a building number written before it
 * ("6750 Koskikatu 25", "6400 12 Timms Drive") and the lines or comma-separated parts after it
 * (town, region code, country, postcode: "\n Porto Alegre\n, RS\n Brazil 95828"). US states stay
 * unflagged (not PHI under Safe Harbor); a country is flagged only inside such a tail.
 */
import type { Emit } from './candidate';
import type { Lexicon } from './lexicon';
import { STATE_ABBREVIATIONS, STATE_NAMES } from './us-states';

/** A number of up to six digits, alone before the address: "6750 " (after a line start, a space, a colon or '>'). */
const LEADING_NUMBER = /(?:^|[\s:>])(\d{1,6})[ \t]$/;
/**
 * One more line or comma-separated part: a postcode ("64677", "53-320", "B0J 2H0"), a short region
 * number, a region code, or up to four words starting with a capital. A postcode may also follow after
 * spaces only ("Hania Bazid, 43 73313").
 */
const ADDRESS_TAIL =
  /^(?:[ \t]*(?:[,\n][ \t>]*)+|[ \t]+(?=\d))((?:\d{1,5}(?:-\d{3,4})?)|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-ZÀ-Þ][A-Za-zÀ-ɏ'.-]*(?:[ \t]+[A-Za-zÀ-ɏ'.-]+){0,3})(?=[ \t]*(?:[,\n.?!;)]|$|\d{3,5}\b))/;
const POSTCODE = /^(?:\d{1,5}(?:-\d{3,4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)$/;

/** A postcode after its label: "zip code is 35350", "ZIP: 7412 SL", "postal code B0J 2H0". */
const LABELLED_POSTCODE = /\b(?:zip|postal|post)[ \t]?(?:code)?(?:[ \t]+is)?[ \t]*[:#]?[ \t]*(\d{3,5}(?:-\d{3,4})?(?:[ \t][A-Z]{2}\b)?|\d{3}[ \t]\d{2}\b|[A-Z]\d[A-Z] ?\d[A-Z]\d)(?![\w/.-]\d|[\w/])/gi;

/** Postcodes after a label (the label itself is not flagged). */
export function labelledPostcodes(text: string, emit: Emit): void {
  LABELLED_POSTCODE.lastIndex = 0;
  for (let m = LABELLED_POSTCODE.exec(text); m; m = LABELLED_POSTCODE.exec(text)) {
    const end = m.index + m[0].length;
    emit(end - m[1]!.length, end, 'ZIP', 0.85);
  }
}

/** Two streets after "corner of": "the corner of Main and 5th Street", "corner of ul. Cicha 86 and Lark Trail". */
const CORNER = /\b[Cc]orner of (?!the\b|THE\b)((?:ul\.[ \t])?[A-ZÀ-Þ0-9][^\s,;]*(?:[ \t]+[^\s,;]+){0,4}?)[ \t]+(?:and|&)[ \t]+([A-ZÀ-Þ0-9][^\s,;]*(?:[ \t]+[A-ZÀ-Þ][^\s,;]*){0,3})/dg;

/** The streets of a street corner. */
export function streetCorners(text: string, emit: Emit): void {
  CORNER.lastIndex = 0;
  for (let m = CORNER.exec(text); m; m = CORNER.exec(text)) {
    const start = m.indices![1]![0];
    const end = m.indices![2]![1] - (m[2]!.endsWith('.') ? 1 : 0);
    emit(start, end, 'ADDRESS', 0.8);
  }
}

/** Extends an address found at [start, end) over a building number written before it. */
export function leadingNumber(text: string, start: number, emit: Emit): void {
  const m = LEADING_NUMBER.exec(text.slice(Math.max(0, start - 9), start));
  if (m) emit(start - m[1]!.length - 1, start, 'ADDRESS', 0.7);
}

/** Flags the town, region, country and postcode parts following an address that ends at `end`. */
export function addressTail(text: string, end: number, lex: Lexicon, emit: Emit): void {
  let pos = end;
  for (let seg = 0; seg < 5 && pos < text.length; seg++) {
    const m = ADDRESS_TAIL.exec(text.slice(pos, pos + 60));
    if (!m || !m[1]) break;
    const part = m[1];
    const start = pos + m[0].length - part.length;
    const words = part.toLowerCase();
    pos += m[0].length;
    if (POSTCODE.test(part)) {
      emit(start, start + part.length, 'ZIP', 0.75);
      continue;
    }
    if (STATE_NAMES.has(words) || STATE_ABBREVIATIONS.has(part) || lex.commonWords.has(words)) continue;
    emit(start, start + part.length, lex.countries.has(words) ? 'ADDRESS' : 'LOCATION', lex.countries.has(words) ? 0.6 : 0.7);
  }
}
