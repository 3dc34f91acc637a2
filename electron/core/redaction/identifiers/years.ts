/**
 * Years standing alone, as history lines write them ("S/P CABG 1957, 1971", "renal cell ca 1977",
 * "MI in the 1980s", "repair in 14'"). A year alone is not a Safe Harbor date element, so these are
 * weak candidates (confidence 0.5): the disclosure operating point takes them, chart views do not.
 * Also month names alone ("seen in March") and dictation initials lines ("HTW/kmr"), the other terse
 * date and name forms of history and sign-off lines.
 * Four digits that can be a clock time (1900-1959, 2000-2059: "at 1930", "1900-0700") need a cue.
 */
import type { Emit } from './candidate';
import type { DigitFacts } from './digit-facts';
import { WordSet, type Token } from './tokens';

const YEAR = /(?<![\w/.:,-]|\d[ ,]|@ ?)((?:19[2-9]\d|20\d{2})(?:'?[sS])?)(?![\w/:-]|\.\d|,\d|'\d| ?(?:am|pm|hrs?|h|cc|ml|mls|mg|mcg|units?|u|kcal|cal|calories|g|gm|grams?|kg|lbs?|mm|cm|ft|feet|steps|hz|%)\b)/g;
const TIME_CUE = /(?:\bat|@|until|till|since|from|to|by|after|before|around|about|approx\.?|~|between|and|thru|through|q|each|every|@\s?)\s*$/i;
const YEAR_CUE = /(?:\bin|\bsince|s\/p|dx(?:'d)?|diagnosed|hx|history|year|yr|circa|c\.|born|\bmi|cabg|ca|cancer|surgery|repair|ectomy|otomy|plasty|stent|ptca|pci|,)\s*(?:of\s+|the\s+)?$/i;
const TWO_DIGIT = /(?<=[ \t])\d{2}'(?![\w'])/g;
/** The word before such a year: a time word, an event or a month ("in 14'", "s/p cabg 91'", "may 15'"). */
const TWO_DIGIT_BEFORE = /(?:^|[^\w/.:'-])(?:in|since|s\/p|dx|mi|cabg|jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|spring|summer|fall|autumn|winter)\.?\s+$/i;
/** A two-digit year after a procedure or event of the history ("CABG 81", "MI 81", "NQWMI 13"). */
const AFTER_EVENT = /(?:cabg|redo cabg|nqwmi|imi|ami|mi|avr|mvr|ptca|pci|cva|tia|chole|appy|tah|bso|dx|dx'd|turp|cea|aaa repair|repair)\s+(\d{2})(?![\w%/:'-]|\.\d|\s*(?:mg|mcg|cc|ml|units?|%|mm|cm|x|years?|yrs?|months?|weeks?|days?|ago|hours?|hrs?)\b)/iy;
const EVENT_WORDS = new WordSet("cabg redo nqwmi imi ami mi avr mvr ptca pci cva tia chole appy tah bso dx dx'd turp cea aaa repair".split(' '));

/** A month named alone after a time word ("seen in March", "since sept.", "last October"). May and March need a capital. */
const MONTH_ALONE = /\b(?:in|since|during|until|till|by|early|late|mid|last|next|this|of|from|through|thru|around|before|after)[ \t]+((?:january|february|april|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?|(?:March|May|MARCH|MAY)\b)(?![ \t]*(?:\d|'\d))/gi;
/** Dictation initials ending a line: "HTW/kmr", "JS:mk". */
const DICTATION = /(?:^|\n)[ \t]*([A-Z]{2,4}[ \t]*[/:][ \t]*[a-z]{2,4})[ \t]*(?=\r?\n|$)/g;

export function detectYears(text: string, tokens: Token[], emit: Emit, digits: DigitFacts, namesMonth: boolean): void {
  if (namesMonth) {
  MONTH_ALONE.lastIndex = 0;
  for (let m = MONTH_ALONE.exec(text); m; m = MONTH_ALONE.exec(text)) {
    const mo = m[1]!.replace(/\.$/, '');
    // "in March" in capitals only with a capital M (MAY / MARCH are words too): case-sensitive check done by the pattern's alternatives
    if (/^(?:may|march)$/i.test(mo) && !/^[MM]/.test(mo)) continue;
    const start = m.index + m[0].length - m[1]!.length;
    emit(start, start + mo.length, 'DATE', 0.5);
  }
  MONTH_ALONE.lastIndex = 0;
  }
  if (text.includes('/') || text.includes(':')) {
    DICTATION.lastIndex = 0;
    for (let m = DICTATION.exec(text); m; m = DICTATION.exec(text)) {
      const start = m.index + m[0].indexOf(m[1]!);
      emit(start, start + m[1]!.length, 'PROVIDER_NAME', 0.6);
    }
    DICTATION.lastIndex = 0;
  }

  if (digits.longestRun >= 4) {
    YEAR.lastIndex = 0;
    for (let m = YEAR.exec(text); m; m = YEAR.exec(text)) {
      const y = m[1]!;
      const n = Number(y.slice(0, 4));
      const pre = text.slice(Math.max(0, m.index - 24), m.index);
      if (TIME_CUE.test(pre)) continue;
      const clock = (n >= 1900 && n <= 1959) || (n >= 2000 && n <= 2059);
      if (clock && !/s$/i.test(y) && !YEAR_CUE.test(pre)) continue;
      emit(m.index, m.index + y.length, 'DATE', 0.5);
    }
    YEAR.lastIndex = 0;
  }
  // two-digit years after a history event: the sticky pattern runs only at the event words
  if (digits.longestRun >= 2) for (const t of tokens) {
    if (!EVENT_WORDS.hasToken(t)) continue;
    AFTER_EVENT.lastIndex = t.start;
    const m = AFTER_EVENT.exec(text);
    if (m) emit(m.index + m[0].length - 2, m.index + m[0].length, 'DATE', 0.45);
  }
  if (text.includes("'")) {
    TWO_DIGIT.lastIndex = 0;
    for (let m = TWO_DIGIT.exec(text); m; m = TWO_DIGIT.exec(text)) {
      if (!TWO_DIGIT_BEFORE.test(text.slice(Math.max(0, m.index - 14), m.index))) continue;
      emit(m.index, m.index + 2, 'DATE', 0.5);
    }
    TWO_DIGIT.lastIndex = 0;
  }
}
