/** Numbers and codes: SSN, NPI, labelled ids (MRN, member, claim, auth, account, licence, device), VIN, cards, ages. */
import type { IdentifierType } from '../../../../shared/identifier-types';
import { luhnValid, npiValid, ssnValid, vinCheckDigitValid } from './checksums';
import { after, before, type Emit, eachMatch } from './candidate';
import type { DigitFacts } from './digit-facts';
import { WordSet, type Token } from './tokens';

const SSN_FORMATTED = /(?<![\w-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\w-])/g;
const SSN_CUE = /(?:ssn|ss#|s\.s\.n\.?|social security(?: number| no\.?| #)?|social)\s*[:#]?\s*$/;
const NINE = /(?<![\w.,/-])\d{9}(?![\w.,/]|-\d)/g;
const TEN_NPI = /(?<![\w.,/-])[12]\d{9}(?![\w.,/]|-\d)/g;
const NPI_LABELLED = /\bNPI\b(?:\s*(?:number|no\.?|#))?\s*[:#]?\s*(\d{10})\b/gi;

/** Labels and the type of the value that follows them. Order matters: first match wins. */
const LABEL_SOURCES: [RegExp, IdentifierType][] = [
  [/\b(?:mrn|mr\s?#|medical\s+record(?:\s+(?:number|no\.?|#))?|med\.?\s*rec(?:ord)?\.?(?:\s*(?:no\.?|#|number))?|chart\s*(?:number|no\.?|#)|hospital\s*(?:number|no\.?|#)|unit\s*(?:number|no\.?|#)|patient\s*id|pt\.?\s*id|patient\s*(?:number|no\.?|#)|emr\s*(?:id|number|no\.?|#)?|ehr\s*(?:id|number|no\.?|#)|record\s*(?:number|no\.?|#)|id\s*(?:number|no\.?|#))/gi, 'MRN'],
  [/\b(?:member|subscriber|beneficiary|insured|enrollee)\s*(?:id(?:entification)?|identifier|number|no\.?|#)|\b(?:policy|group|plan|insurance|medicare|medicaid|mbi|hicn|health\s*plan)\s*(?:id|number|no\.?|#)|\b(?:mbi|hicn|medicaid|medicare)\b/gi, 'HEALTH_PLAN_ID'],
  [/\b(?:claim|icn|dcn|tcn|internal\s+control)\s*(?:id|number|no\.?|#)?|\bclaim\b/gi, 'CLAIM_NUMBER'],
  [/\b(?:prior\s*auth(?:orization)?|pre-?auth(?:orization)?|pre-?cert(?:ification)?|authorization|auth|referral|reference|ref)\s*(?:id|number|no\.?|#|code)?|\bPA\s*(?:number|no\.?|#)/gi, 'PRIOR_AUTH_NUMBER'],
  [/\b(?:account|acct|a\/c|billing|invoice|encounter|visit|fin|har|csn|credit\s*card|card|iban|routing|bank\s*account)\s*(?:id|number|no\.?|#)?/gi, 'ACCOUNT_NUMBER'],
  [/\b(?:licen[cs]e|lic|dea|certificate|cert|driver'?s?\s*licen[cs]e|npi\s*licen[cs]e|state\s*licen[cs]e|board\s*cert(?:ification)?)\s*(?:id|number|no\.?|#)?/gi, 'LICENSE_NUMBER'],
  [/\b(?:vin|vehicle\s*identification(?:\s*number)?|licen[cs]e\s*plate|plate)\s*(?:number|no\.?|#)?/gi, 'VEHICLE_ID'],
  [/\b(?:serial|s\/n|sn|device|udi|lot|model|implant|pacemaker|icd|pump)\s*(?:id|number|no\.?|#)/gi, 'DEVICE_ID'],
  [/\b(?:fingerprint|finger\s*print|voice\s*print|voiceprint|retina(?:l)?\s*scan|iris\s*scan|biometric)\s*(?:id|number|no\.?|#|template)?/gi, 'BIOMETRIC_ID'],
];
// one pass for every label: each type's alternatives in its own capture group
const LABEL_TYPES = LABEL_SOURCES.map(([, t]) => t);
const LABELS = new RegExp(LABEL_SOURCES.map(([re]) => `((?:${re.source})(?![A-Za-z]))`).join('|'), 'iy');
/** Words a label can start with: the sticky LABELS pattern runs only at these tokens. */
const LABEL_FIRST = new WordSet(
  `mrn mr medical med chart hospital unit patient pt member subscriber beneficiary insured enrollee policy group plan insurance
  medicare medicaid mbi hicn health claim icn dcn tcn internal prior pre preauth preauthorization precert precertification
  authorization auth referral reference ref pa account acct a billing invoice encounter visit fin har csn credit card iban
  routing bank license licence lic dea certificate cert driver npi state board vin vehicle plate serial s sn device udi lot
  model implant pacemaker icd pump fingerprint finger voice voiceprint retina retinal iris biometric emr ehr record id`.split(/\s+/),
);
// The value after a label: an alphanumeric code with at least one digit, up to ~25 characters.
const LABEL_VALUE = /^\s*(?:is|was|of|:|#|-|=|\.|\s)*\s*([A-Za-z]{0,6}[- ]?(?=[A-Za-z0-9-]*\d)[A-Za-z0-9](?:[A-Za-z0-9-]{0,28}[A-Za-z0-9])?)/;

const isCodeChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90);

/**
 * Is there a run of 17 or more capitals and digits with at least one digit (a VIN's shape)? Looks at
 * the last character of each 17-character window first, so prose is skipped 17 characters at a time.
 */
function hasLongCode(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i + 17 <= n) {
    let j = i + 16;
    while (j >= i && isCodeChar(text.charCodeAt(j))) j--;
    if (j >= i) {
      // no window through j qualifies
      i = j + 1;
      continue;
    }
    // [i, i + 17) qualifies: check the digits of the whole run
    let s = i;
    while (s > 0 && isCodeChar(text.charCodeAt(s - 1))) s--;
    let e = i + 17;
    while (e < n && isCodeChar(text.charCodeAt(e))) e++;
    for (let k = s; k < e; k++) if (text.charCodeAt(k) <= 57) return true;
    i = e + 1;
  }
  return false;
}
const VIN = /\b[A-HJ-NPR-Z0-9]{17}\b/g;
const CARD = /(?<![\w-])\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}(?![\w-])/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const LONG_NUMBER = /(?<![\w.,/-])\d{6,}(?![\w]|[.,]\d)/g;
const ALNUM_ID = /\b[A-Z]{1,5}-?\d{5,}[A-Z]?\b|\b\d{3,}-\d{3,}(?:-\d{2,})*\b/g;
const UNIT_AFTER = /^\s*(?:mg|mcg|g|kg|ml|l|cc|units?|iu|meq|mmol|cells|\/|%|copies|k\b|x\s*10)/;

/** Is there a standalone number from 90 to 129 (the only ages the age patterns look for)? */
function hasAgeOver89(text: string): boolean {
  const digit = (k: number) => {
    const c = text.charCodeAt(k);
    return c >= 48 && c <= 57;
  };
  for (let i = text.indexOf('9'); i !== -1; i = text.indexOf('9', i + 1)) if (digit(i + 1) && !digit(i - 1) && !digit(i + 2)) return true;
  for (let i = text.indexOf('1'); i !== -1; i = text.indexOf('1', i + 1)) {
    const c = text.charCodeAt(i + 1);
    if (c >= 48 && c <= 50 && digit(i + 2) && !digit(i - 1) && !digit(i + 3)) return true;
  }
  return false;
}
const AGE = /\b(9\d|1[0-2]\d)(?=\s*(?:-|\s)?\s*(?:years?|yrs?|y\/o|y\.o\.|yo|year-old|-year|yr-old)\b)/gi;
const AGE_LABEL = /\b(?:age[ds]?|aged)\s*[:=]?\s*(9\d|1[0-2]\d)\b/gi;
const AGE_TURN = /\b(?:turn(?:ed|s|ing)?|(?:he|she|patient|pt) (?:is|was))\s+(9\d|1[0-2]\d)\b(?!\s*(?:%|mg|kg|lb|pounds|percent|bpm|beats|mmhg|\/|\.\d))/gi;
const HAS_IMAGE = /\.(?:jpe?g|png|heic|gif|bmp|tiff?|dcm)\b/i;
const PHOTO = /\b[\w-]+\.(?:jpe?g|png|heic|gif|bmp|tiff?|dcm)\b/gi;

export function detectIds(text: string, tokens: Token[], emit: Emit, digits: DigitFacts): void {
  // the number patterns run only when the text has a run of digits as long as they need
  const run = digits.longestRun;
  if (run >= 4) eachMatch(SSN_FORMATTED, text, (m) => {
    const valid = ssnValid(m[1]!, m[3]!, m[4]!);
    emit(m.index, m.index + m[0].length, valid ? 'SSN' : 'OTHER_ID', valid ? 0.95 : 0.5);
  });
  if (run >= 9) eachMatch(NINE, text, (m) => {
    if (SSN_CUE.test(before(text, m.index, 30)) && ssnValid(m[0].slice(0, 3), m[0].slice(3, 5), m[0].slice(5))) emit(m.index, m.index + 9, 'SSN', 0.9);
  });
  if (run >= 10) eachMatch(TEN_NPI, text, (m) => {
    if (npiValid(m[0])) emit(m.index, m.index + 10, 'NPI', /npi/i.test(before(text, m.index, 20)) ? 0.99 : 0.8);
  });
  if (run >= 10) eachMatch(NPI_LABELLED, text, (m) => {
    const start = m.index + m[0].length - 10;
    if (npiValid(m[1]!)) emit(start, start + 10, 'NPI', 0.99);
    else emit(start, start + 10, 'OTHER_ID', 0.6);
  });

  for (const t of tokens) {
    if (!LABEL_FIRST.hasToken(t) && !(t.lowerCodeAt(0) === 112 && t.lowerCodeAt(1) === 114 && t.lowerCodeAt(2) === 101)) continue;
    LABELS.lastIndex = t.start;
    const m = LABELS.exec(text);
    if (!m) continue;
    let g = 1;
    while (m[g] === undefined) g++;
    const type = LABEL_TYPES[g - 1]!;
    const end = m.index + m[0].length;
    const v = LABEL_VALUE.exec(text.slice(end, end + 48));
    if (!v) continue;
    const value = v[1]!;
    const start = end + v[0].length - value.length;
    if (value.replace(/\D/g, '').length < 3) continue;
    // "a/c 800x12", "AC 600x14": assist-control ventilator settings
    if (/^\d{2,4}\s*x\s*\d/i.test(value) || (/^a\/c$/i.test(m[0].trim()) && !/^\s*(?:#|:|no\b|number\b)/i.test(text.slice(end, end + 8)))) continue;
    if (type === 'PRIOR_AUTH_NUMBER' && /^ref/i.test(m[0]) && !/\d{4}/.test(value)) continue;
    if (UNIT_AFTER.test(after(text, start + value.length, 12)) && value.replace(/\D/g, '').length < 5) continue;
    emit(start, start + value.length, type, 0.9);
  }

  if (hasLongCode(text)) eachMatch(VIN, text, (m) => {
    if (/\d/.test(m[0]) && /[A-Z]/.test(m[0])) emit(m.index, m.index + 17, 'VEHICLE_ID', vinCheckDigitValid(m[0]) ? 0.95 : 0.7);
  });
  if (run >= 4) eachMatch(CARD, text, (m) => {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) emit(m.index, m.index + m[0].length, 'ACCOUNT_NUMBER', 0.9);
  });
  eachMatch(IBAN, text, (m) => {
    if (m[0].replace(/\s/g, '').length >= 15 && m[0].replace(/\D/g, '').length >= 8) emit(m.index, m.index + m[0].length, 'ACCOUNT_NUMBER', 0.85);
  });
  if (run >= 6) eachMatch(LONG_NUMBER, text, (m) => {
    if (UNIT_AFTER.test(after(text, m.index + m[0].length, 10))) return;
    emit(m.index, m.index + m[0].length, 'OTHER_ID', 0.5);
  });
  if (run >= 5 || digits.dashedTriple) eachMatch(ALNUM_ID, text, (m) => {
    if (UNIT_AFTER.test(after(text, m.index + m[0].length, 10))) return;
    // "122-134", "1900-0700": a range of values or times, not an id
    if (/^\d{1,4}-\d{1,4}$/.test(m[0])) return;
    emit(m.index, m.index + m[0].length, 'OTHER_ID', 0.45);
  });

  if (hasAgeOver89(text)) for (const re of [AGE, AGE_LABEL, AGE_TURN]) {
    eachMatch(re, text, (m) => {
      const start = m.index + m[0].length - (re === AGE ? m[0].length : m[1]!.length);
      emit(start, start + m[1]!.length, 'AGE_OVER_89', re === AGE_TURN ? 0.6 : 0.9);
    });
  }
  if (HAS_IMAGE.test(text)) eachMatch(PHOTO, text, (m) => {
    emit(m.index, m.index + m[0].length, 'PHOTO', 0.8);
  });
}
