/**
 * Hospitals, units and other places as clinical notes name them in passing: hospital-shaped
 * acronyms ("transferred to GH", "VAMC ICU"), a name after a transfer or stay cue ("to go to
 * quartermain 6", "works at harford memorial", "went to Harbor Hosp"), a name before a facility word
 * (Hosp, Memorial, Rehab, Manor) and saints' names of hospitals ("accepted by St. Agnes"). A word that
 * is common English or clinical (floor, unit, rehab, home) is not taken after a cue on its own.
 */
import type { Emit } from './candidate';
import type { Lexicon } from './lexicon';
import { isPlaceholder } from './placeholders';
import { WordSet, type Token } from './tokens';
import { STATE_ABBREVIATIONS, STATE_NAMES } from './us-states';

/** Acronyms shaped like a hospital's: ...H, ...MC, ...HC, VA... (MGH, VAMC, BIDMC, NEBH). */
const HOSPITAL_ACRONYM = /^(?:[A-Z]{1,4}(?:MC|HC|MH)|[A-Z]{1,3}H|VA[A-Z]{0,3})$/;
/** Lab tests, hormones and conditions of the same shape. */
const NOT_HOSPITAL = new Set(
  'ETOH TSH LDH FSH ACTH ADH LH PTH GH HGH BPH SAH ICH IVH MCH LVH RVH NPH PPH PH RH UGH DOH HH DVH PLH BNH OH NOH MOH AH EH IH UH SH CH DH WH PCH VAH USOH CMH TAH BSOH IDDM OSH'.split(' '),
);
/** The cue before a place: a move, a stay or work. Matched on lower-cased text before the place. */
const CUE = /(?:^|[^a-z])(?:transfer(?:r?ed|ring)?|xfer(?:r?ed)?|transported|sent|send|going|go|goes|went|came|come|coming|admitted|admit|discharged?|d\/c'?d|dc'?d|returned|returning|return|moved?|brought|taken|accepted|arrived|works?|worked|working|employed|lives|living|resides|stayed|staying|bed|rehab|readmitted|seen|followed|hospitalized|hospitalised|screened|evaluated|referred)(?:\s+(?:back|home|over|here|there|directly|today|yesterday|out|again|out again|back out))?\s+(?:to|from|into|at|@|in|by)\s+(?:the\s+)?$/;
const CUE_LAST = new WordSet('to from into at in by the'.split(' '));
const PREPOSITIONS = new WordSet(['to', 'at', 'from', 'in', 'into', 'the']);
const WARD_PREPOSITIONS = new WordSet(['on', 'to', 'at', 'from']);
const FACILITY_WORDS = new WordSet('hosp hospital memorial rehab rehabilitation manor nursing medical general regional university infirmary clinic center centre house healthcare hlth'.split(' '));
/** Facility words a name is written before: "Harbor Hosp", "HARFORD MEMORIAL". */
const BEFORE_WORDS = new WordSet(['hosp', 'memorial', 'rehab', 'manor', 'regional', 'general']);
/** Words that begin a facility's name and take an "of" phrase: "University of Maryland Medical Center", "Hospital of the ...". */
/** The words before a lower-case hospital acronym ("sent to gh", "from bmc"). */
const LOWER_ACRONYM_BEFORE = new WordSet(['to', 'at', 'from', 'into', 'in']);
const OF_WORDS = new WordSet(['university', 'univ', 'u', 'hospital', 'hosp', 'college', 'institute']);
/** Words that make a preceding name a facility (also after no cue). */
const FACILITY_WORD = /^(?:hosp|hospital|memorial|rehab|rehabilitation|manor|nursing|medical|general|regional|university|infirmary|clinic|center|centre|house|healthcare|hlth)$/;
/** Words a place after a cue is not: units, rooms, generic places. */
const GENERIC = new Set(
  'floor unit units room rm bed home house rehab nursing hospital hosp clinic er ed ew icu ccu or pacu cath lab office facility shelter work school church nh snf ltc ltac acute chronic outside local another other same his her their my our your its a an the this that these those bathroom chair commode bedside radiology dialysis surgery ir ct mri us echo'.split(
    ' ',
  ),
);

/** Endings of adjectives, adverbs, verbs and abstract nouns ("previous settings", "insertion sight"): prose, not a name. */
const PROSE_ENDING = /(?:.{4}ly|ion|ions|ing|ings|ed|ive|ous|al|ar|ment|ments|ness|ity|ies|[^s]s)$/;
/** Verbs and function words that begin prose after a preposition ("to explain plan for rehab"). */
const NOT_NAME_WORDS = /^(?:explain|get|getting|going|plan|plans|planned|discuss|discussed|go|come|be|for|of|and|or|with|his|her|their|be|visit|visiting|see|leave|leaving|return|possible|probable|eventual|eventually|likely)$/;
/** The stronger cues: a patient moves to or from a place. */
const MOVE = /(?:^|[^a-z])(?:transfer(?:r?ed|ring)?|xfer(?:r?ed)?|transported|went|came|admitted|discharged?|d\/c'?d|returned|returning|return|readmitted|screened|accepted)(?:\s+(?:back|home|over|directly))?\s+(?:to|from|into|at|by)\s+$/;
/** Words after a move cue that begin prose, not a place name ("went to sleep", "returned to baseline"). */
const NOT_PLACE = new Set(
  'sleep bed baseline normal step down stepdown side chair commode bathroom toilet work school church sinus rhythm afib nsr sr pt pts patient and with for after before today tonight tomorrow this that his her their have be get see do go take keep start stop remain continue receive wean be a an the been being was were will would can could is are about around approximately when while if as per'.split(' '),
);

export function detectFacilityCues(text: string, tokens: Token[], blind: boolean[], lex: Lexicon, emit: Emit): void {
  const n = tokens.length;
  const lower = (i: number) => tokens[i]!.lower;
  const english = (i: number) => lex.commonWords.has(lower(i));
  const clinical = (i: number) => lex.clinicalStop.has(lower(i)) || lex.clinicalWords.has(lower(i));
  const listedPlace = (i: number) => lex.places.has(lower(i));
  /** One or two spaces or tabs between token i-1 and token i (no string made). */
  const spaced = (i: number) => {
    const a = tokens[i - 1]!.end;
    const d = tokens[i]!.start - a;
    const blank = (k: number) => text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9;
    return (d === 1 && blank(a)) || (d === 2 && blank(a) && blank(a + 1));
  };
  // the cue check of token i, made once (0 not yet, 1 no, 2 yes)
  const cues = new Uint8Array(n);
  const cueAt = (i: number): boolean => {
    if (cues[i] === 0) cues[i] = i > 0 && CUE_LAST.hasToken(tokens[i - 1]!) && CUE.test(text.slice(Math.max(0, tokens[i]!.start - 40), tokens[i]!.start).toLowerCase()) ? 2 : 1;
    return cues[i] === 2;
  };
  const word = (i: number) => text.slice(tokens[i]!.start, tokens[i]!.end);
  /** A facility word among the next three tokens (a word-set lookup; most tokens have none). */
  // the index of the next facility word after each token (one pass; most texts have none)
  const nextFacility = new Int32Array(n + 1).fill(n);
  for (let k = n - 1; k >= 0; k--) nextFacility[k] = FACILITY_WORDS.hasToken(tokens[k]!) ? k : nextFacility[k + 1]!;
  const facilityWordAhead = (i: number) => nextFacility[i + 1]! <= i + 3;
  /** A space and a digit right after token i. */
  const numberAfter = (i: number) => {
    const e = tokens[i]!.end;
    const c = text.charCodeAt(e + 1);
    return text.charCodeAt(e) === 32 && c >= 48 && c <= 57;
  };

  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const size = t.end - t.start;
    // U. "University of Maryland Medical Center", "hospital of the good samaritan": the facility word, "of" and up to four name words
    const nx = i + 2 < n ? tokens[i + 1]! : undefined;
    if (nx && nx.end - nx.start === 2 && nx.lowerCodeAt(0) === 111 && nx.lowerCodeAt(1) === 102 && OF_WORDS.hasToken(t) && spaced(i + 1) && spaced(i + 2)) {
      let k = i + 2;
      if (lower(k) === 'the' && k + 1 < n && spaced(k + 1)) k++;
      let j = k - 1;
      // after a facility word only more facility words ("... MED CENTER", not "... CENTER ON")
      let ended = false;
      while (j + 1 < n && j - k < 3 && spaced(j + 1) && (FACILITY_WORD.test(lower(j + 1)) || /^(?:med|ctr|hospitals|clinics|centers|health|system)$/.test(lower(j + 1)) || !ended) && (FACILITY_WORD.test(lower(j + 1)) || /^(?:hospitals|clinics|centers|health|system)$/.test(lower(j + 1)) || (j + 1 === k && (listedPlace(k) || STATE_ABBREVIATIONS.has(word(k).toUpperCase()))) || ((j + 1 === k || tokens[j + 1]!.cap === t.cap) && !NOT_PLACE.has(lower(j + 1)) && !NOT_NAME_WORDS.test(lower(j + 1)) && !GENERIC.has(lower(j + 1)) && !lex.clinicalStop.has(lower(j + 1))))) {
        j++;
        if (FACILITY_WORD.test(lower(j))) ended = true;
      }
      let named = false;
      for (let q = k; q <= j; q++) if ((!english(q) && !clinical(q)) || listedPlace(q) || STATE_NAMES.has(lower(q)) || STATE_ABBREVIATIONS.has(word(q).toUpperCase())) named = true;
      if (j >= k && named && !FACILITY_WORD.test(lower(k))) {
        emit(t.start, tokens[j]!.end, 'FACILITY_NAME', 0.7);
        i = j;
        continue;
      }
    }
    // A. hospital-shaped acronyms (in lower case too, right after a move cue or a place preposition: "sent to gh")
    const last = !t.cap && size >= 2 && size <= 4 ? t.lowerCodeAt(size - 1) : 0;
    const lowerAcronym = (last === 104 || last === 99 || (t.lowerCodeAt(0) === 118 && t.lowerCodeAt(1) === 97)) && i > 0 && LOWER_ACRONYM_BEFORE.hasToken(tokens[i - 1]!) && HOSPITAL_ACRONYM.test(word(i).toUpperCase()) && !english(i) && !clinical(i) && (cueAt(i) || lower(i - 1) !== 'in');
    const w = size > 6 ? '' : t.upper ? word(i) : lowerAcronym ? word(i).toUpperCase() : '';
    // an English word in capitals (HIGH, MUCH, WASH) is not an acronym
    if (w && HOSPITAL_ACRONYM.test(w) && !STATE_ABBREVIATIONS.has(w) && !english(i)) {
      const stop = NOT_HOSPITAL.has(w) || lex.clinicalStop.has(lower(i));
      const cueStop = lex.clinicalStop.has(lower(i)) || /^(?:TSH|LDH|FSH|ACTH|ADH|PTH|BPH|SAH|ICH|IVH|OSH|USOH|ETOH|CMH|TAH)$/.test(w);
      // a move cue, a place preposition right before ("sent to ED at GH", "adm to the GH") or a unit after
      const cue = cueAt(i) || (i > 0 && /^(?:to|at|from|into|the)$/.test(lower(i - 1)) && /^[ \t]+$|^[ \t]*@[ \t]*$/.test(text.slice(tokens[i - 1]!.end, t.start))) || /^\s+(?:icu|er|ed|ew|hosp|hospital|ccu|micu|sicu|cath)\b/i.test(text.slice(t.end, t.end + 10));
      if (cue && !(cueStop && !/MC$/.test(w))) emit(t.start, t.end, 'FACILITY_NAME', 0.75);
      else if (!stop && /(?:MC|HC)$/.test(w) && w.length >= 3) emit(t.start, t.end, 'FACILITY_NAME', 0.6);
      continue;
    }
    // B0. up to three words and a facility word: "sacred heart hospital", "HOLY CROSS REHAB", "Sacred Heart Memorial"
    const afterPreposition = i > 0 && (PREPOSITIONS.hasToken(tokens[i - 1]!) || text[t.start - 1] === '(');
    if (size >= 3 && facilityWordAhead(i) && !GENERIC.has(lower(i)) && !lex.clinicalStop.has(lower(i)) && !isPlaceholder(lower(i)) && (afterPreposition || (t.cap && !blind[i]))) {
      let k = i + 1;
      let named = !lex.clinicalWords.has(lower(i));
      while (k < n && k - i <= 3 && spaced(k) && !FACILITY_WORD.test(lower(k)) && !GENERIC.has(lower(k)) && !NOT_PLACE.has(lower(k)) && !NOT_NAME_WORDS.test(lower(k))) {
        if (!lex.clinicalWords.has(lower(k)) && !lex.clinicalStop.has(lower(k))) named = true;
        k++;
      }
      if (k < n && k > i && k - i <= 3 && spaced(k) && FACILITY_WORD.test(lower(k)) && lower(k) !== 'nursing' && !NOT_PLACE.has(lower(i)) && !NOT_NAME_WORDS.test(lower(i)) && named && (cueAt(i) || tokens.slice(i, k + 1).every((x) => x.cap) || (afterPreposition && /^(?:hosp|hospital|memorial|rehab|manor)$/.test(lower(k))))) {
        emit(t.start, tokens[k]!.end, 'FACILITY_NAME', 0.8);
        i = k;
        continue;
      }
    }
    // B. a name after a move / stay / work cue
    if (size >= 3 && cueAt(i) && !GENERIC.has(lower(i)) && !lex.clinicalStop.has(lower(i)) && !isPlaceholder(lower(i))) {
      const phrase = (a: number, b: number) => text.slice(tokens[a]!.start, tokens[b]!.end).toLowerCase();
      let j = i;
      while (j + 1 < n && j - i < 3 && spaced(j + 1) && (FACILITY_WORD.test(lower(j + 1)) || (!english(j + 1) && !clinical(j + 1) && !GENERIC.has(lower(j + 1))) || (t.cap && !blind[i] && tokens[j + 1]!.cap))) j++;
      // "the Atrial Fibrillation Clinic" describes a service: some word before the facility word is not clinical
      let named = false;
      for (let k = i; k < j; k++) if (!lex.clinicalWords.has(lower(k)) && !lex.clinicalStop.has(lower(k))) named = true;
      const facilityAfter = j > i && FACILITY_WORD.test(lower(j)) && named;
      // an unlisted short capitals word or a lower-case one ending like a unit or a test is an abbreviation ("RLE", "vicu", "ctscan")
      const unlisted = !english(i) && !clinical(i) && !(t.upper && t.end - t.start <= 4) && !/(?:icu|scan|lab)$/.test(lower(i));
      // a run of capitalised words, one of them not common English ("Assisted Living" is not a place)
      let someUnlisted = false;
      for (let k = i; k <= j; k++) if (!english(k) && !clinical(k)) someUnlisted = true;
      const capitalRun = t.cap && !blind[i] && j > i && someUnlisted;
      if (STATE_NAMES.has(phrase(i, j)) || lex.countries.has(phrase(i, j))) continue;
      if ((GENERIC.has(lower(j)) && !facilityAfter) || lex.clinicalStop.has(lower(j))) continue;
      // two plain words after a move cue ("transfer back to holy cross"): a name the lists cannot tell; disclosures take it
      if (j === i && i + 1 < n && MOVE.test(text.slice(Math.max(0, t.start - 40), t.start).toLowerCase()) && spaced(i + 1) && !lex.clinicalStop.has(lower(i + 1)) && !GENERIC.has(lower(i + 1)) && !NOT_PLACE.has(lower(i)) && !NOT_PLACE.has(lower(i + 1)) && tokens[i + 1]!.end - tokens[i + 1]!.start >= 3 && !PROSE_ENDING.test(lower(i)) && !PROSE_ENDING.test(lower(i + 1))) {
        emit(t.start, tokens[i + 1]!.end, 'LOCATION', 0.45);
        i++;
        continue;
      }
      if (unlisted || facilityAfter || capitalRun || (listedPlace(i) && (t.cap || !english(i)))) {
        emit(t.start, tokens[j]!.end, facilityAfter ? 'FACILITY_NAME' : 'LOCATION', facilityAfter ? 0.7 : unlisted && !t.cap ? 0.55 : 0.65);
        i = j;
        continue;
      }
    }
    // B2. a ward or building named by an unlisted word and its number after on / to / at ("intubated on QUARTERMAIN 2")
    if (size >= 5 && i > 0 && i + 1 < n && numberAfter(i) && WARD_PREPOSITIONS.hasToken(tokens[i - 1]!) && !english(i) && !clinical(i) && !lex.firstNames.has(lower(i)) && !GENERIC.has(lower(i)) &&
      /^[ \t]{1,2}\d{1,2}(?![\d.:/%-])(?![ \t]*(?:mg|mcg|units?|cc|ml|l|lpm|%|hrs?|min))/.test(text.slice(t.end, t.end + 14))) {
      emit(t.start, t.end, 'LOCATION', 0.55);
      continue;
    }
    // C. capitalised names before a facility word: "Harbor Hosp", "HARFORD MEMORIAL", "St. Agnes"
    // (not "Complex Regional Pain", "under General Anesthesia": a clinical word after Regional / General)
    if (t.cap && i + 1 < n && tokens[i + 1]!.cap && BEFORE_WORDS.hasToken(tokens[i + 1]!) && spaced(i + 1) && !(i + 2 < n && /^(?:regional|general)$/.test(lower(i + 1)) && spaced(i + 2) && clinical(i + 2)) && !isPlaceholder(lower(i)) && !GENERIC.has(lower(i)) && !lex.clinicalStop.has(lower(i)) && !(blind[i] && (english(i) || clinical(i)))) {
      let s = i;
      while (s > 0 && i - s < 2 && tokens[s - 1]!.cap && spaced(s) && !GENERIC.has(lower(s - 1)) && !lex.clinicalStop.has(lower(s - 1))) s--;
      emit(tokens[s]!.start, tokens[i + 1]!.end, 'FACILITY_NAME', 0.7);
      i++;
      continue;
    }
    if (size === 2 && t.cap && t.lowerCodeAt(0) === 115 && t.lowerCodeAt(1) === 116 && i + 1 < n && tokens[i + 1]!.cap && /^\.?[ \t]{1,2}$/.test(text.slice(t.end, tokens[i + 1]!.start)) && !/\d[ \t]+(?:[A-Za-z]+[ \t]+)?$/.test(text.slice(Math.max(0, t.start - 20), t.start))) {
      // a saint's name: "St. Agnes", "St A." (not "12 Main St")
      const initial = tokens[i + 1]!.end - tokens[i + 1]!.start === 1 && text[tokens[i + 1]!.end] === '.';
      if (initial || (!clinical(i + 1) && lex.firstNames.has(lower(i + 1)) && !(t.upper && english(i + 1)))) {
        emit(t.start, tokens[i + 1]!.end, 'FACILITY_NAME', 0.8);
        i++;
      }
    }
  }
}
