/**
 * Dates other than a bare year (Safe Harbor (C)): numeric (01/02/2020, 1/2/20, 2020-01-02, 01.02.2020),
 * month names (Jan 2, 2020; 2 January 2020; January 2nd; Jan-2020; 3rd of March), month/year (02/2020),
 * ordinals in context ('on the 3rd'), with an optional weekday and time. Ratios, doses, vitals and
 * scores (5/325 mg, BP 120/80, 5/5 strength, 8/10 pain, 1/2 tab) are rejected.
 */
import { after, before, type Emit, eachMatch } from './candidate';
import type { DigitFacts } from './digit-facts';
import { WordSet, type Token } from './tokens';

const MON = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?`;
const WD = String.raw`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?`;
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:(?:19|20)\d{2}|'\d{2})(?![-/.]\d)`;
const TIME = String.raw`(?:,?\s*(?:at\s+)?(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?m\.?)?)?`;

const MONTH_DAY = new RegExp(String.raw`\b${WD}${MON}\s*(?:the\s+)?${DAY}\b(?:,?\s*${YEAR}\b)?${TIME}`, 'gi');
const DAY_MONTH = new RegExp(String.raw`\b${WD}(?:the\s+)?${DAY}(?:\s+of)?[\s-]*${MON}(?:,?[\s-]*${YEAR}\b)?${TIME}`, 'gi');
const MONTH_YEAR = new RegExp(String.raw`\b${MON}[\s,-]*(?:of\s+)?(?:(?:19|20)\d{2}|'\d{2})\b`, 'gi');
const NUMERIC = /(?<![\w./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|\.\d)(?:,?\s*(?:at\s+)?(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?m\.?)?)?/gi;
const ISO = /(?<![\w./-])((?:19|20)\d{2})([/.-])(\d{1,2})\2(\d{1,2})(?![\w/-]|\.\d)(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g;
const COMPACT = /(?<![\w.])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\w.])/g;
const MONTH_YEAR_NUM = /(?<![\w./-])(0?[1-9]|1[0-2])[/-]((?:19|20)\d{2})(?![\w/-]|\.\d)/g;
/** Month and two-digit year ("AVR 8/88", "dx 11/97"): the year cannot be a day. */
const MONTH_YY = /(?<![\w/+-]|\d\.)(0?[1-9]|1[0-2])\/([4-9]\d)(?![\w/+%]|-\d|\.\d)/g;
/** A year written '84 ("s/p cabg '84"). */
const QUOTED_YEAR = /(?<![\w'])'(\d{2})(?![\w'%])/g;
const MONTH_DAY_NUM = /(?<![\w/+]|\d-|\d\.|\.\.)(\d{1,2})\/(\d{1,2})(?![\w/+]|-\d|\.\d)/g;
const ORDINAL = /\b(?:on|by|until|till|since|from|through|thru|before|after|of|the)\s+(?:the\s+)?((?:[12]?\d|3[01])(?:st|nd|rd|th))\b(?![ \t]+(?!of\b)[A-Za-z]|\s*(?:grade|percentile|time|day|week|month|year|cycle|dose|rib|toe|finger|digit|metatarsal|intercostal|ventricle|cranial|nerve|degree|trimester|line|floor|decade|generation|position|place|of\s+(?:the\s+)?(?:five|four|six|seven|eight|nine|ten)))/gi;

const COMCONTEXT_BEFORE = /(?:flowby|flow-by|(?:cpap|psv|ps|support) of|psv|ps|peep|cpap|bipap|simv|imv|a\/c|ac|cmv|prvc|vent|settings?|tried on|trial of|wean(?:ed)? to|changed to|increased to|decreased to|pupils?|decreasing to|constricting to|down to|reactive to|recalled|grade|strength|motor|power|bp|blood pressure|pressure|pain|scale|score|ratio|dose|\bx|reflexes|gcs|apgar|g\d\s*p|\bp\d|visual acuity|acuity|vision|va|o2|sat|fio2)\s*[:=]?\s*$/;
/** A number right before ("5/5" in "3 5/5" is not after a space; "2 mg 1/2"): a ratio or fraction. */
const NUMBER_BEFORE = /(?:\d[:=]?|\d\s*(?:mg|mcg|ml|cc|tabs?|x)\s*)$/;
const COMCONTEXT_AFTER = /^\s*(?:mg|mcg|g\b|ml|tab|tabs|tablet|caps?|capsules?|strength|murmur|pain|scale|cm|mm|in\b(?!\s+(?:am|pm|the\s+(?:am|pm|morning|evening)))|inch|inches|of\b|units?|%|ratio|mmhg|bpm|dose|doses|times|x\b|systolic|diastolic|sem\b|objects|words|items|decreasing|reactive|power|motor|bilat|and\s+\d|-\d|\/\d|\+(?![ \t]*[a-z])|peep|ps\b|psv|cpap|cp\b)/;

const VENT_BEFORE = /(?:psv|ps|peep|cpap|bipap|simv|imv|a\/c|cmv|prvc|vent|settings?|flowby|flow-by|support)(?:\s+of)?[\s:=]*$/;

function validMD(a: number, b: number): boolean {
  // month/day or day/month
  return (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31);
}

const MONTH_WORDS = new WordSet(
  'jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december'.split(' '),
);

/** Finds the dates; returns whether the text names a month (the month patterns ran). */
export function detectDates(text: string, tokens: Token[], emit: Emit, digits: DigitFacts): boolean {
  // the month-name patterns only run on texts that name a month
  const month = tokens.some((t) => MONTH_WORDS.hasToken(t));
  if (month) monthNameDates(text, emit, digits);
  numericDates(text, emit, digits);
  return month;
}

function monthNameDates(text: string, emit: Emit, digits: DigitFacts): void {
  eachMatch(MONTH_DAY, text, (m) => {
    // "may 2" is a verb more often than a date unless a year follows or it is capitalised
    if (/^may\s/i.test(m[0]) && !/\d{4}|'\d\d/.test(m[0]) && m[0][0] === 'm') return;
    emit(m.index, m.index + m[0].length, 'DATE', 0.9);
  });
  eachMatch(DAY_MONTH, text, (m) => {
    if (/^\d+\s+may$/i.test(m[0].trim()) && m[0].includes('may')) return;
    emit(m.index, m.index + m[0].length, 'DATE', 0.85);
  });
  // month and year: the year has four digits or is written '98
  if (digits.longestRun >= 4 || digits.quotedYear) eachMatch(MONTH_YEAR, text, (m) => {
    if (/^may\b/.test(m[0]) && !/\d{4}/.test(m[0])) return;
    emit(m.index, m.index + m[0].length, 'DATE', 0.85);
  });
}

function numericDates(text: string, emit: Emit, digits: DigitFacts): void {
  eachMatch(NUMERIC, text, (m) => {
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (!validMD(a, b)) return;
    if (m[2] === '.' && m[4]!.length === 2 && m[1]!.length < 2) return;
    // "CPAP/PSV 12/10/40%": ventilator settings, not a date
    if (m[4]!.length === 2 && (text.charCodeAt(m.index + m[0].length) === 37 || VENT_BEFORE.test(before(text, m.index, 24)))) return;
    emit(m.index, m.index + m[0].length, 'DATE', 0.95);
  });
  // ISO and month/year dates need a four-digit year, compact ones eight digits in a row
  if (digits.longestRun >= 4) eachMatch(ISO, text, (m) => {
    const mo = Number(m[3]);
    const d = Number(m[4]);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) emit(m.index, m.index + m[0].length, 'DATE', 0.95);
  });
  if (digits.longestRun >= 8) eachMatch(COMPACT, text, (m) => {
    emit(m.index, m.index + m[0].length, 'DATE', 0.6);
  });
  if (digits.longestRun >= 4) eachMatch(MONTH_YEAR_NUM, text, (m) => {
    if (COMCONTEXT_AFTER.test(after(text, m.index + m[0].length, 12))) return;
    emit(m.index, m.index + m[0].length, 'DATE', 0.8);
  });
  eachMatch(MONTH_DAY_NUM, text, (m) => {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (!(a >= 1 && a <= 12 && b >= 1 && b <= 31)) return;
    const pre = before(text, m.index, 24);
    const post = after(text, m.index + m[0].length, 16);
    if (COMCONTEXT_BEFORE.test(pre) || NUMBER_BEFORE.test(pre) || COMCONTEXT_AFTER.test(post)) return;
    const dateCue = /(?:on|since|dated?|dos|from|to|until|thru|through|of|seen|admitted|discharged|visit)\s*:?\s*$|^\s*$|\n\s*$/.test(pre);
    if (b === 10 && !dateCue && a >= 6) {
      // "9/10 procan dc'd": a date or a score out of ten; disclosures take it
      emit(m.index, m.index + m[0].length, 'DATE', 0.45);
      return;
    }
    if ((b === 10 && !dateCue) || (a <= 5 && b <= 5 && !dateCue)) return;
    emit(m.index, m.index + m[0].length, 'DATE', 0.6);
  });
  eachMatch(MONTH_YY, text, (m) => {
    const pre = before(text, m.index, 24);
    if (COMCONTEXT_BEFORE.test(pre) || NUMBER_BEFORE.test(pre) || COMCONTEXT_AFTER.test(after(text, m.index + m[0].length, 16))) return;
    emit(m.index, m.index + m[0].length, 'DATE', 0.5);
  });
  if (digits.quotedYear) eachMatch(QUOTED_YEAR, text, (m) => {
    emit(m.index + 1, m.index + m[0].length, 'DATE', 0.5);
  });
  // an ordinal date needs a digit with st / nd / rd / th right after it
  if (digits.ordinal) eachMatch(ORDINAL, text, (m) => {
    const start = m.index + m[0].length - m[1]!.length;
    emit(start, start + m[1]!.length, 'DATE', 0.55);
  });
}
