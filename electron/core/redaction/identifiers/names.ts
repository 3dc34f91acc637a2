/**
 * Person names: patients, relatives (NAME) and clinicians (PROVIDER_NAME).
 * Anchors, strongest first: a title (Dr., Mr., Mrs.), a credential after the name (", MD"), a cue
 * before it ('husband', 'called', 'seen by', 'Patient name:'), then the name dictionaries. A word that
 * is also common English or on the clinical stop-list (HOPE, MARK, MORPHINE, Foley) is a name only
 * next to an anchor or another name part. Names found with confidence are then found again wherever
 * they recur in the same text.
 */
import type { IdentifierType } from '../../../../shared/identifier-types';
import type { Emit } from './candidate';
import type { Lexicon } from './lexicon';
import { EPONYM_AFTER, EPONYM_WORD } from './eponyms';
import { isPlaceholder } from './placeholders';
import { WordSet, type Token } from './tokens';
import { STATE_NAMES } from './us-states';

const CREDENTIAL = /^,?\s*(?:M\.D\.|MD|D\.O\.|DO|N\.P\.|NP|PA-C|P\.A\.|PA|R\.N\.|RN|Ph\.D\.|PhD|DPM|DDS|DMD|FACS|FACP|FACC|CRNA|APRN|ARNP|FNP(?:-BC|-C)?|LPN|MBBS|DNP|LCSW|LMFT|PsyD|DPT|OTR|CNM)(?![A-Za-z0-9])/;
const AMBIGUOUS_CREDENTIAL = /^\s*(?:DO|PA|RN|NP)\b/;

const words = (s: string) => new Set(s.split(' '));
const TITLES = words('dr doctor prof professor mr mrs ms miss mx mister madam sir rev');
const PROVIDER_TITLES = words('dr doctor prof professor');
const PROVIDER_1 = words('surgeon assistant anesthesiologist pcp consultant provider physician resident fellow covering attending intern nurse therapist');
/** Role abbreviations written before a clinician's name ("NP Carol", "per RN Smith"); not after a name ("Smith, MD REASON FOR VISIT"). */
const ROLE_1 = words('np rn md rrt lpn cna crna aprn');
const PROVIDER_2 = new Set(['seen by', 'referred by', 'referral from', 'dictated by', 'transcribed by', 'signed by', 'anesthesia by', 'evaluated by', 'examined by', 'performed by', 'read by', 'interpreted by', 'reviewed by', 'discussed with', 'primary care', 'care physician', 'care provider', 'care doctor', 'consulting physician', 'attending physician', 'assistant surgeon', 'referring physician', 'referring provider', 'referring doctor']);
const RELATION_1 = words("husband wife spouse son daughter mother father mom dad sister brother grandson granddaughter grandmother grandfather grandma grandpa aunt uncle niece nephew cousin friend neighbor neighbour caregiver guardian partner boyfriend girlfriend fiance fiancee fiancé fiancée roommate employer boss coworker called named hi hello dear nok poa informant name patient pt contact insured subscriber guarantor member i'm");
const RELATION_2 = new Set(['spoke with', 'spoke to', 'talked to', 'talked with', 'name is', 'i am', 'this is', 'calls me', 'emergency contact', 'of kin', 'accompanied by', 'patient name', 'pt name']);
const WEAK_1 = words("patient pt name member contact insured subscriber i'm");
const WEAK_2 = new Set(['this is', 'i am']);
const FIELD_1 = words('name patient re insured subscriber guarantor member');
/**
 * Words that are not a name even right after a title or cue: pronouns, determiners, auxiliaries
 * ("MOM HAS NO CONCERNS", "Dr. The patient") and form labels that follow a cut-off "Dr." ("Dr. Patient
 * email:", "Dr. Photo of the wound"). He and Her are left out: both are also surnames.
 */
const NOT_A_NAME = words('son daughter wife husband mother father family brother sister dtr team the an this that these those his its our their your my she it we they them has had have was were is are did does said says states reports denies patient photo prescriber vehicle pacemaker claim ssn rendering address seen member follow follow-up medical can mr mrs ms miss dr');
/** A specialty or service ("referred by Neuro-ophthalmology", "per Cardiology"), not a person. */
const SERVICE = /(?:ology|iatry|iatrics|surgery)$/;
/** Endings of clinical terms that no given name or surname has ("Atrial Fibrillation", "Pediatric Rheumatology", "Staphylococcus Aureus"). */
const MEDICAL_SUFFIX = /(?:ation|ology|itis|osis|iasis|emia|ectomy|otomy|ostomy|plasty|scopy|graphy|ococcus|bacter|ifera|ialis)$/;
const MONTHS = words('january february march april may june july august september october november december');
/** Words before a month in prose ("in June", "since April"): the month is a date word there, not a given name. */
const MONTH_CUE = words('in since until till by next last early late mid of during from through before after this each every');
/** The cue words a lower-case name is looked for after (relations, roles, titles, and the last words of "spoke with", "talked to", "seen by"): a prefix-filtered set, so most tokens are passed over without a string. */
const LOWER_CUE_WORDS = new WordSet([...ROLE_1, ...'husband wife spouse son daughter dtr mother father mom dad sister brother grandson granddaughter aunt uncle niece nephew cousin friend neighbor caregiver guardian partner boyfriend girlfriend nok poa dr mr mrs ms miss with to by'.split(' ')]);
/** Words after a name that show a person: a relation, or what relatives and clinicians do in a note. */
const AFTER_CUE = new WordSet('husband wife son daughter dtr mother father sister brother niece nephew friend neighbor called calling visited visiting aware updated'.split(' '));
/** Second words of the two-word cues: any other word cannot end one, so the pair is not built. */
const SECOND_WORDS = new Set([...PROVIDER_2, ...RELATION_2, ...WEAK_2].map((p) => p.slice(p.indexOf(' ') + 1)));

export function detectNames(text: string, tokens: Token[], blind: boolean[], lex: Lexicon, emit: Emit): void {
  const n = tokens.length;
  /** The cue word(s) right before token i: one word, and two words joined by a space ('' when absent). */
  const cueBefore = (i: number): [string, string, string] => {
    if (i < 1 || tokens[i]!.start - tokens[i - 1]!.end > 6) return ['', '', ''];
    const gap = text.slice(tokens[i - 1]!.end, tokens[i]!.start);
    if (!/^\.?\s*[:,-]?\s*$/.test(gap)) return ['', '', gap];
    const one = tokens[i - 1]!.lower;
    const two = i >= 2 && SECOND_WORDS.has(one) && /^[ \t]+$/.test(text.slice(tokens[i - 2]!.end, tokens[i - 1]!.start)) ? `${tokens[i - 2]!.lower} ${one}` : '';
    return [one, two, gap];
  };
  const used = new Uint8Array(n);
  // list membership of each token, looked up once: 0 not yet, 1 no, 2 yes
  const memo = (list: Set<string>) => {
    const seen = new Uint8Array(n);
    return (i: number): boolean => {
      let v = seen[i]!;
      if (v === 0) v = seen[i] = list.has(tokens[i]!.lower) ? 2 : 1;
      return v === 2;
    };
  };
  const isFirst = memo(lex.firstNames);
  const isLast = memo(lex.lastNames);
  const isDict = (i: number) => isFirst(i) || isLast(i);
  const isStop = memo(lex.clinicalStop);
  const inCommon = memo(lex.commonWords);
  const inClinical = memo(lex.clinicalWords);
  /** "Plan-wean", "A-paced", "called-update": every part of a hyphenated word is a word or a letter. */
  const hyphenWords = (i: number) => {
    const t = tokens[i]!;
    const h = text.indexOf('-', t.start);
    if (h < 0 || h >= t.end) return false;
    return t.lower.split('-').every((p) => p.length <= 1 || lex.commonWords.has(p) || lex.clinicalWords.has(p) || lex.clinicalStop.has(p));
  };
  const isCommon = (i: number) => inCommon(i) || isStop(i) || inClinical(i) || hyphenWords(i);
  const monthInProse = (i: number) => i > 0 && MONTHS.has(tokens[i]!.lower) && MONTH_CUE.has(tokens[i - 1]!.lower);
  /** In capitals, a bare A or I before a word is the article or pronoun ("USING A KELLY CLAMP"), not an initial. */
  const capsArticle = (i: number) => blind[i]! && (tokens[i]!.lower === 'a' || tokens[i]!.lower === 'i') && text.charCodeAt(tokens[i]!.end) !== 46;
  const gapBetween = (i: number, j: number) => text.slice(tokens[i]!.end, tokens[j]!.start);
  const isInitial = (i: number) => {
    const t = tokens[i]!;
    return t.end - t.start === 1 && t.cap;
  };

  /** Can token j continue a name whose previous part is token j-1? */
  const joins = (j: number): boolean => {
    if (j >= n) return false;
    const gap = gapBetween(j - 1, j);
    if (!/^(?:\.?[ \t]{1,2}|\.|-|[ \t]*,[ \t]*)$/.test(gap)) return false;
    if (gap.includes(',')) return j - 1 >= 0 && isFirst(j) && tokens[j]!.cap && (isLast(j - 1) || !isCommon(j - 1));
    if (gap.includes('.') && !isInitial(j - 1)) return false;
    const t = tokens[j]!;
    if (EPONYM_WORD.test(t.lower) || NOT_A_NAME.has(t.lower)) return false;
    if (!t.cap) return /^(?:van|von|de|del|della|der|den|da|di|du|la|le|bin|ibn|al|el|st)$/.test(t.lower) && j + 1 < n && tokens[j + 1]!.cap;
    if (isInitial(j)) return true;
    if (isStop(j) && !isDict(j)) return false;
    if (blind[j]) return isDict(j) ? !isStop(j) : !isCommon(j) && t.end - t.start > 2;
    // in mixed case, a capitalised word after an initial or a given name is the surname ("Ella H. Snider", "John Brown")
    if (isInitial(j - 1) || (isFirst(j - 1) && !isCommon(j - 1))) return !isStop(j);
    return isDict(j) || !isCommon(j);
  };

  /** A capitalised mixed-case word on no list (not common, not clinical), three letters or more: an unlisted given name? */
  const unlistedGiven = (k: number): boolean => {
    const u = tokens[k]!;
    return !used[k] && u.cap && !u.upper && !blind[k] && u.end - u.start >= 3 && !isCommon(k) && !isDict(k) && !lex.places.has(u.lower);
  };

  /** Extend right from the first part; returns index of the last part. */
  const extend = (i: number, max = 4): number => {
    let j = i;
    while (j - i + 1 < max && joins(j + 1)) j++;
    // do not end on an initial unless it is the only part
    while (j > i && isInitial(j) && !(text[tokens[j]!.end] === '.')) j--;
    return j;
  };

  const names = new Map<string, IdentifierType>();
  const mark = (i: number, j: number, type: IdentifierType, conf: number) => {
    // "Dr. X", "Mr. XYZ", "Dr. X.  The": a de-identification placeholder, not a name
    if (isPlaceholder(tokens[i]!.lower)) {
      for (let k = i; k <= j; k++) used[k] = 1;
      return;
    }
    for (let k = i; k <= j; k++) {
      used[k] = 1;
      // remember it for recurrences only when the evidence was strong and casing or the lists back it
      if ((conf >= 0.9 || (conf >= 0.85 && j > i)) && !isCommon(k) && !isInitial(k) && tokens[k]!.lower.length > 2 && (isDict(k) || !blind[k])) names.set(tokens[k]!.lower, type);
    }
    emit(tokens[i]!.start, tokens[j]!.end, type, conf);
  };

  /** May token i start a name right after a strong anchor? */
  const firstAfterAnchor = (i: number, strong: boolean): boolean => {
    const t = tokens[i]!;
    if (!t.cap) return false;
    if (isInitial(i)) return text[t.end] === '.' && i + 1 < n && joins(i + 1);
    if (blind[i]) return isDict(i) ? strong || !isCommon(i) : strong && !isCommon(i);
    return strong ? true : isDict(i) || !isCommon(i);
  };

  for (let i = 0; i < n; i++) {
    if (!tokens[i]!.cap) continue;
    const [one, two, gap] = cueBefore(i);
    if (!one || NOT_A_NAME.has(tokens[i]!.lower) || SERVICE.test(tokens[i]!.lower)) continue;
    // A. titles
    // "24 ms, AH interval": milliseconds, not Ms.
    const isTitle = TITLES.has(one) && !(one === 'ms' && !tokens[i - 1]!.cap && /\d\s?$/.test(text.slice(Math.max(0, tokens[i - 1]!.start - 2), tokens[i - 1]!.start)));
    // not "Doctor, M.D." nor "MS: Alert" (mental status)
    const title = isTitle && !/[:,]/.test(gap) ? one : '';
    // only a title may end in a period ("Dr. Smith"); "...physician. The" is a new sentence
    if (!title && gap.includes('.')) continue;
    if (title && (firstAfterAnchor(i, true) || (isInitial(i) && /^(?:mr|mrs|ms|miss|dr)$/.test(title))) && !(blind[i] && lex.commonWords.has(tokens[i]!.lower) && !isDict(i))) {
      const j = extend(i, 3);
      mark(i, j, PROVIDER_TITLES.has(title) ? 'PROVIDER_NAME' : 'NAME', 0.95);
      i = j;
      continue;
    }
    // B. cues
    // in capitals only a listed name after a role ("BY MD TOL WELL": tolerated)
    const role = ROLE_1.has(one) && (blind[i] ? isDict(i) : !tokens[i]!.upper) && !/,\s*$/.test(text.slice(Math.max(0, tokens[i - 1]!.start - 2), tokens[i - 1]!.start)) && /^[ \t]$/.test(gap);
    const provider = PROVIDER_1.has(one) || PROVIDER_2.has(two) || role;
    const relation = !provider && (RELATION_1.has(one) || RELATION_2.has(two) || (isTitle && !gap.includes(':')));
    const weak = (WEAK_1.has(one) || WEAK_2.has(two)) && !(gap.includes(':') && FIELD_1.has(one));
    if ((provider || relation) && firstAfterAnchor(i, !weak) && !(isStop(i) && !isDict(i))) {
      const j = extend(i, 4);
      // a weak cue with a single ambiguous word is not enough ("Patient Education")
      if (!(j === i && isCommon(i) && weak)) {
        mark(i, j, provider ? 'PROVIDER_NAME' : 'NAME', j > i ? 0.9 : 0.8);
        i = j;
        continue;
      }
    }
  }

  // C. credentials after a name: "John Smith, MD", "J. SMITH MD"
  for (let j = 0; j < n; j++) {
    if (used[j] || !tokens[j]!.cap || /^(?:see|per|please|call|page|notify|ask|tell|via|with|by)$/.test(tokens[j]!.lower)) continue;
    // a credential follows: ", MD" or " MD" (upper-case letter next)
    const c1 = text.charCodeAt(tokens[j]!.end);
    const c2 = text.charCodeAt(tokens[j]!.end + (c1 === 44 ? 2 : 1));
    if (!(c1 === 44 || c1 === 32) || !(c2 >= 65 && c2 <= 90)) continue;
    const rest = text.slice(tokens[j]!.end, tokens[j]!.end + 12);
    const cred = CREDENTIAL.exec(rest);
    if (!cred || isInitial(j)) continue;
    if (AMBIGUOUS_CREDENTIAL.test(rest) && !rest.startsWith(',')) continue;
    if (isCommon(j) && !isDict(j)) continue;
    let i = j;
    while (i > 0 && j - i < 3 && joins(i) && !used[i - 1] && (tokens[i - 1]!.cap || isInitial(i - 1))) {
      if (isCommon(i - 1) && !isDict(i - 1) && !isInitial(i - 1)) break;
      i--;
    }
    mark(i, j, 'PROVIDER_NAME', 0.9);
  }

  // D. dictionary anchors
  for (let i = 0; i < n; i++) {
    if (used[i]) continue;
    const t = tokens[i]!;
    if (!t.cap || !isDict(i) || isCommon(i) || t.end - t.start < (blind[i] ? 3 : 2) || monthInProse(i)) continue;
    // an ALL-CAPS word in mixed-case prose is an acronym (IP, VIN, CO), not a name on its own
    if (t.upper && !blind[i] && !(i + 1 < n && joins(i + 1)) && !(i > 0 && tokens[i - 1]!.cap && isDict(i - 1))) continue;
    // extend left over capitalised dictionary names ("Mark Johnson")
    let s = i;
    while (s > 0 && !used[s - 1] && tokens[s - 1]!.cap && (isDict(s - 1) || (isInitial(s - 1) && !capsArticle(s - 1))) && !(isStop(s - 1) && !isFirst(s - 1)) && joins(s) && s > i - 2) s--;
    // in mixed case, an unlisted capitalised word right before a surname is the given name ("Maha Cazares")
    if (s === i && s > 0 && isLast(i) && !blind[i] && !t.upper && unlistedGiven(s - 1) && /^[ \t]$/.test(gapBetween(s - 1, s))) s--;
    const e = extend(i, 4);
    if (EPONYM_AFTER.test(text.slice(tokens[e]!.end, tokens[e]!.end + 30))) continue;
    const parts = e - s + 1;
    // a state name alone ("a daughter in Florida") is not PHI and not a person; "Georgia Lanski" still is
    if (parts === 1 && STATE_NAMES.has(t.lower)) continue;
    const conf = parts >= 2 ? 0.85 : isFirst(i) && isLast(i) ? 0.65 : 0.6;
    mark(s, e, 'NAME', conf);
    i = e;
  }

  // D2. in mixed-case prose, a capitalised given name in mid-sentence is a name even if it is also a word ("that Frank helps")
  for (let i = 1; i < n; i++) {
    const t = tokens[i]!;
    if (used[i] || blind[i] || !t.cap || t.upper || !isFirst(i) || isStop(i) || t.end - t.start < 3 || monthInProse(i) || STATE_NAMES.has(t.lower)) continue;
    const prev = text.slice(tokens[i - 1]!.end, t.start);
    if (!/^[ \t]+$/.test(prev) || !/^[a-z]/.test(text.slice(tokens[i - 1]!.start, tokens[i - 1]!.end))) continue;
    if (EPONYM_AFTER.test(text.slice(t.end, t.end + 30))) continue;
    mark(i, extend(i, 3), 'NAME', 0.5);
  }

  // D3. in mixed-case prose, two or more capitalised words in mid-sentence that are neither common nor clinical ("a Eustachy Gorski concert")
  for (let i = 1; i + 1 < n; i++) {
    const t = tokens[i]!;
    if (used[i] || used[i + 1] || blind[i] || !t.cap || t.upper || isCommon(i) || t.end - t.start < 3) continue;
    if (!/^[a-z]/.test(text.slice(tokens[i - 1]!.start, tokens[i - 1]!.end)) || !/^[ \t]+$/.test(text.slice(tokens[i - 1]!.end, t.start))) continue;
    const u = tokens[i + 1]!;
    if (!u.cap || u.upper || isCommon(i + 1) || u.end - u.start < 3 || !/^[ \t]$/.test(text.slice(t.end, u.start))) continue;
    if (MEDICAL_SUFFIX.test(t.lower) || MEDICAL_SUFFIX.test(u.lower)) continue;
    if (EPONYM_AFTER.test(text.slice(u.end, u.end + 30))) continue;
    mark(i, i + 1, 'NAME', 0.5);
    i++;
  }

  // D4 (capitalised) and D5 (lower case), in one pass over the tokens:
  // D4. in mixed case, a capitalised word, an initial and a capitalised word, none common or clinical ("Ravil G Yefimov", "Sari J. Paavolainen")
  // D5. lower-case listed names after "my name is" ("my name is lena andersson")
  for (let i = 0; i < n; i++) {
    if (!tokens[i]!.cap) {
      if (i < 2 || used[i]) continue;
      const is = tokens[i - 1]!;
      const name = tokens[i - 2]!;
      if (is.end - is.start !== 2 || name.end - name.start !== 4 || is.lower !== 'is' || name.lower !== 'name' || !isDict(i) || isStop(i)) continue;
      let j = i;
      while (j + 1 < n && j - i < 2 && !used[j + 1] && isDict(j + 1) && !isStop(j + 1) && /^[ \t]$/.test(gapBetween(j, j + 1))) j++;
      mark(i, j, 'NAME', 0.8);
      i = j;
      continue;
    }
    if (i + 2 >= n) continue;
    const m = tokens[i + 1]!;
    if (m.end - m.start !== 1 || !m.cap || !tokens[i + 2]!.cap || used[i] || used[i + 1] || used[i + 2]) continue;
    if (!(isDict(i) || unlistedGiven(i)) || isCommon(i)) continue;
    if (m.lower === 'i' || !/^[ \t]$/.test(gapBetween(i, i + 1)) || !/^\.?[ \t]$/.test(gapBetween(i + 1, i + 2))) continue;
    if (!(isDict(i + 2) || unlistedGiven(i + 2)) || isCommon(i + 2) || tokens[i + 2]!.upper) continue;
    mark(i, i + 2, 'NAME', 0.7);
    i += 2;
  }

  // F. lower case (notes typed without capitals): a listed name on no common-English or clinical list,
  // after a relation or clinician cue ("spoke with daughter mary", "seen by np carol")
  for (let i = 1; i < n; i++) {
    const t = tokens[i]!;
    if (used[i] || t.cap || t.end - t.start < 3 || !LOWER_CUE_WORDS.hasToken(tokens[i - 1]!)) continue;
    const [one, two, gap] = cueBefore(i);
    const cued = !!one && !gap.includes('.') && !NOT_A_NAME.has(t.lower) && (PROVIDER_1.has(one) || PROVIDER_2.has(two) || ROLE_1.has(one) || (RELATION_1.has(one) && !WEAK_1.has(one)) || (RELATION_2.has(two) && !WEAK_2.has(two)) || TITLES.has(one));
    // only a listed name: an unlisted lower-case word after a cue is as often a typo ("per md vebal", "covering dehisence")
    if (!cued || !isDict(i) || isCommon(i) || monthInProse(i) || STATE_NAMES.has(t.lower) || lex.places.has(t.lower)) continue;
    let j = i;
    while (j + 1 < n && j - i < 2 && !used[j + 1] && !tokens[j + 1]!.cap && tokens[j + 1]!.end - tokens[j + 1]!.start >= 2 && /^[ \t]$/.test(gapBetween(j, j + 1)) && (isDict(j + 1) || (cued && !isCommon(j + 1))) && !isCommon(j + 1)) j++;
    mark(i, j, PROVIDER_1.has(one) || PROVIDER_2.has(two) || ROLE_1.has(one) ? 'PROVIDER_NAME' : 'NAME', 0.7);
    i = j;
  }

  // G. a listed name on no common or clinical list, in any casing, with a cue after it: a relation ("sue - daughter",
  // "mary (wife)") or what people do in a note ("karen called", "tom visited", "dr lee aware")
  for (let i = 0; i + 1 < n; i++) {
    const t = tokens[i]!;
    if (used[i] || t.end - t.start < 3 || !AFTER_CUE.hasToken(tokens[i + 1]!)) continue;
    if (!/^(?:[ \t]*[,(-][ \t]*|[ \t]+)$/.test(gapBetween(i, i + 1)) || !isDict(i) || isCommon(i) || monthInProse(i) || STATE_NAMES.has(t.lower) || lex.places.has(t.lower) || NOT_A_NAME.has(t.lower)) continue;
    mark(i, i, 'NAME', 0.6);
  }

  // E. recurrences of names found with confidence
  if (names.size) {
    for (let i = 0; i < n; i++) {
      if (used[i] || !tokens[i]!.cap) continue;
      const type = names.get(tokens[i]!.lower);
      if (type) emit(tokens[i]!.start, tokens[i]!.end, type, 0.75);
    }
  }
}
