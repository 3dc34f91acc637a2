/**
 * What the digits of a text allow, found in one pass: most notes have no run of four or more digits
 * and no ordinal ('3rd'), so the patterns that need one (phone numbers, SSNs, ids, ZIP codes, ISO
 * dates, ordinal dates) are skipped instead of scanning the whole text for nothing.
 */
export interface DigitFacts {
  /** Length of the longest run of ASCII digits. */
  longestRun: number;
  /** A digit followed by st / nd / rd / th (any case) and then no letter, digit or _ (/\d(?:st|nd|rd|th)\b/i). */
  ordinal: boolean;
  /** Three or more digits, a hyphen, three or more digits (/\d{3}-\d{3}/). */
  dashedTriple: boolean;
  /** An apostrophe and two digits, a year written '98 (/'\d{2}/). */
  quotedYear: boolean;
}

const lower = (c: number) => c | 0x20;
const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** Finds the next digit: the regex engine's scan is faster than a loop over every character. */
const DIGIT = /\d/g;

export function digitFacts(text: string): DigitFacts {
  let longestRun = 0;
  let ordinal = false;
  let dashedTriple = false;
  let quotedYear = false;
  let prevEnd = -2;
  let prevLen = 0;
  const n = text.length;
  DIGIT.lastIndex = 0;
  while (DIGIT.test(text)) {
    let i = DIGIT.lastIndex - 1;
    let c = 0;
    const s = i;
    while (i + 1 < n && (c = text.charCodeAt(i + 1)) >= 48 && c <= 57) i++;
    const len = i + 1 - s;
    if (len > longestRun) longestRun = len;
    if (len >= 3 && prevLen >= 3 && s === prevEnd + 2 && text.charCodeAt(prevEnd + 1) === 45) dashedTriple = true;
    if (len >= 2 && s > 0 && text.charCodeAt(s - 1) === 39) quotedYear = true;
    prevEnd = i;
    prevLen = len;
    // text[i] is the run's last digit
    if (!ordinal && i + 2 < n) {
      const a = lower(text.charCodeAt(i + 1));
      const b = lower(text.charCodeAt(i + 2));
      const suffix = (a === 115 && b === 116) || (a === 110 && b === 100) || (a === 114 && b === 100) || (a === 116 && b === 104);
      if (suffix && (i + 3 >= n || !isWordChar(text.charCodeAt(i + 3)))) ordinal = true;
    }
    DIGIT.lastIndex = i + 1;
  }
  DIGIT.lastIndex = 0;
  return { longestRun, ordinal, dashedTriple, quotedYear };
}
