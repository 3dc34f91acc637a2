/**
 * Post-OCR repair of ICD-10-CM codes that OCR misread ('121.4' for I21.4, 'Ell.9' for E11.9,
 * '0' for 'O', '5' for 'S' ...). A token is changed only where that is unambiguous:
 *
 *  - the token follows a diagnosis cue on the same line ('ICD', 'ICD-10', 'Dx', 'diagnosis',
 *    'diag', 'DX code'), within a short distance, and is not followed by a unit — then a leading
 *    digit that stands for a chapter letter may be repaired (1->I, 0->O, 5->S) — unless the text
 *    mentions ICD-9 anywhere, since ICD-9 codes are all-digit ('162.9' is an ICD-9 code, 'I62.9'
 *    an ICD-10 one);
 *  - or, with no cue, the token can only be an ICD-10-CM code: it already begins with a chapter
 *    letter, has a dot, and only its digit positions hold look-alike letters ('Ell.9', 'I1O.9').
 *
 * Either way the token must already hold at least one digit (so words like 'Ill' or 'Sol' next to
 * a 'Dx' are never turned into codes), and the result must have the ICD-10-CM shape.
 *
 * Everything else is left alone: '121.4 mg/dL', '110 mmHg', words, dates, other identifiers.
 * Returns the repaired text and what was changed (positions keep their length, so page offsets hold).
 */

export interface Repair {
  start: number;
  end: number;
  from: string;
  to: string;
}

/** ICD-10-CM: chapter letter (not U), digit, digit or letter, then up to 4 characters after a dot. */
const ICD10CM = /^[A-TV-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/;
/** Letters ICD-10-CM never uses after the dot (and lower case never at all). */
const LEADING: Record<string, string> = { '1': 'I', '0': 'O', '5': 'S' };
/** Look-alikes of digits, for positions that must be digits (2nd) or nearly always are (3rd). */
const DIGIT_2: Record<string, string> = { l: '1', I: '1', '|': '1', i: '1', O: '0', o: '0', D: '0', S: '5', s: '5', B: '8', Z: '2', z: '2', G: '6', b: '6' };
/** 3rd position: letters A/B are real there (C4A, C7B, M1A, O9A, Z3A ...), so only the unambiguous ones. */
const DIGIT_3: Record<string, string> = { l: '1', I: '1', '|': '1', i: '1', O: '0', o: '0', S: '5', s: '5', Z: '2', z: '2' };
/** After the dot: ICD-10-CM uses no I, O or lower case there. */
const AFTER_DOT: Record<string, string> = { l: '1', I: '1', '|': '1', i: '1', O: '0', o: '0' };

const ICD9 = /\bICD[- ]?9\b/i;
const CUE = /\b(?:ICD(?![- ]?9)(?:[- ]?10(?:[- ]?CM)?)?|Dx|DX|dx|diagnos[ie]s|Diagnos[ie]s|DIAGNOS[IE]S|diag|Diag|DIAG)\b/g;
const UNIT_AFTER = /^\s*(?:%|mg|mcg|µg|ug|g\b|kg|lb|lbs|ml|mL|L\b|dL|mmol|mEq|meq|IU|U\/|units?|mmHg|bpm|cm|mm|in\b|°|deg|sec|min|hrs?|hours?|days?|x\s?10|\/(?:dL|L|min|hr|mL))/i;
// A token stands alone: not part of a fraction, ratio, amount or longer number (150/110, $121.40, 1:100).
const TOKEN = /(?<![A-Za-z0-9.|/$#:,+-])[A-Za-z0-9|][A-Za-z0-9|]{2}(?:\.[A-Za-z0-9|]{1,4})?(?![A-Za-z0-9|/:%]|[.,][A-Za-z0-9])/g;
const CUE_WINDOW = 80;

function mapAt(s: string, i: number, table: Record<string, string>): string {
  const c = s[i]!;
  return table[c] ?? c;
}

/** The token rewritten with look-alikes replaced; leading digit repaired only when allowed. */
function candidate(tok: string, allowLeading: boolean): string {
  const chars = [...tok];
  const first = chars[0]!;
  if (/[0-9]/.test(first)) {
    if (!allowLeading || !LEADING[first]) return tok;
    chars[0] = LEADING[first];
  } else if (first === 'l' || first === '|') {
    chars[0] = 'I';
  }
  chars[1] = mapAt(tok, 1, DIGIT_2);
  chars[2] = mapAt(tok, 2, DIGIT_3);
  for (let i = 4; i < chars.length; i++) chars[i] = mapAt(tok, i, AFTER_DOT);
  return chars.join('');
}

function cueBefore(line: string, at: number): boolean {
  const before = line.slice(Math.max(0, at - CUE_WINDOW), at);
  CUE.lastIndex = 0;
  return CUE.test(before);
}

export function repairIcd10(text: string): { text: string; repairs: Repair[] } {
  const repairs: Repair[] = [];
  const leadingAllowed = !ICD9.test(text);
  let out = '';
  let lineStart = 0;
  for (const line of text.split(/(?<=\n)/)) {
    out += line.replace(TOKEN, (tok: string, offset: number) => {
      const after = line.slice(offset + tok.length);
      if (UNIT_AFTER.test(after) || !/[0-9]/.test(tok)) return tok;
      const cued = cueBefore(line, offset);
      let to = tok;
      if (cued) {
        to = candidate(tok, leadingAllowed);
      } else if (/^[A-TV-Z]/.test(tok) && tok.includes('.')) {
        // No cue: only tokens that already start with a chapter letter and have a dot.
        to = candidate(tok, false);
      }
      if (to === tok || !ICD10CM.test(to)) return tok;
      repairs.push({ start: lineStart + offset, end: lineStart + offset + tok.length, from: tok, to });
      return to;
    });
    lineStart += line.length;
  }
  return { text: out, repairs };
}
