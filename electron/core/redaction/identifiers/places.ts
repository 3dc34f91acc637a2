/**
 * Geography smaller than a state (Safe Harbor (B)) and facility names: street addresses, PO boxes,
 * units, 'City, ST 12345', ZIP codes, city / town names from the place list, street names followed
 * by a house number (European order), and facility names ending in Hospital, Clinic, Medical Center...
 */
import { addressTail, labelledPostcodes, leadingNumber, streetCorners } from './address-parts';
import { before, type Emit, eachMatch } from './candidate';
import { EPONYM_AFTER } from './eponyms';
import { CUE_PREPOSITIONS, cuedLocationAt } from './location-cues';
import { isPlaceholder } from './placeholders';
import type { DigitFacts } from './digit-facts';
import type { Lexicon } from './lexicon';
import { WordSet, type Token } from './tokens';
import { STATE_ABBREVIATIONS, STATE_NAMES } from './us-states';

const SUFFIX = String.raw`(?:street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|square|sq|trail|trl|loop|alley|aly|plaza|plz|crescent|cres|close|pike|turnpike|tpke|expressway|expy|freeway|fwy|causeway|row|walk|run|point|pt|ridge|heights|hts|crossing|xing|commons|path|green|grove|hollow|glen|manor|mews|gardens|estates)`;
const DIR = String.raw`(?:[NSEW]\.?|N\.?[EW]\.?|S\.?[EW]\.?|north|south|east|west|northeast|northwest|southeast|southwest)`;
const STREET = new RegExp(
  String.raw`\b\d{1,6}[A-Za-z]?(?:-\d{1,5})?\s+(?:${DIR}\s+)?(?:(?:\d{1,3}(?:st|nd|rd|th)|[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ'.-]*)\s+){1,4}${SUFFIX}\b\.?(?:\s+${DIR}\b\.?)?(?:,?\s*(?:apt|apartment|suite|ste|unit|bldg|building|fl|floor|rm|room|#)\.?\s*#?\s*[A-Za-z0-9-]{1,6}\b)?`,
  'gi',
);
/** The same, shortest first: tried where the longest match is prose ("at 19 Elm St. in Oakton. Pt" runs on to "Pt"). */
const STREET_SHORT = new RegExp(
  String.raw`\b\d{1,6}[A-Za-z]?(?:-\d{1,5})?\s+(?:${DIR}\s+)?(?:(?:\d{1,3}(?:st|nd|rd|th)|[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ'.-]*)\s+){1,4}?${SUFFIX}\b\.?(?:\s+${DIR}\b\.?)?(?:,?\s*(?:apt|apartment|suite|ste|unit|bldg|building|fl|floor|rm|room|#)\.?\s*#?\s*[A-Za-z0-9-]{1,6}\b)?`,
  'iy',
);
const CAPS_PROSE = /^(?:A|AN|THE|TO|OF|BY|PER|WAS|WERE|IS|ARE|BE|BEEN|ALL|WITH|AND|OR|FOR|IN|ON|AT|FROM|INTO|THEN|AS|THAT|THIS|WHICH|USED|SEEN|SHOWED|HAD|HAS|HE|SHE|IT|WE|NO|NOT)$/;
const ROOM_BEFORE = /(?:endoscopy|procedure|operating|operative|surgical|surgery|recovery|cath|catheterization|bronchoscopy|cystoscopy|infusion|treatment|exam|\bor|\bgi|\bicu)\s+$/i;
/** Prose words that cannot sit inside a European-order street name ("IN PLACE WITH A 2-0 SILK", "via private ambulance at 6"). */
const STREET_PROSE = /^(?:a|an|the|to|of|by|per|was|were|is|are|with|and|or|for|in|on|at|from|into|then|as|that|this|approximately|about)$/;
const POSTCODE_LABEL = new Set(['zip', 'zipcode', 'postal', 'post', 'postcode']);
const SCAN_WORDS = new WordSet([...POSTCODE_LABEL, 'corner', ...CUE_PREPOSITIONS]);
const UNIT_FIRST = new WordSet(['apt', 'apartment', 'suite', 'ste', 'unit', 'bldg', 'building', 'p', 'po', 'post', 'psc', 'cmr', 'apo', 'fpo', 'dpo']);
const UNIT = /(?:apt|apartment|suite|ste|unit|bldg|building)\.?\s*#?\s*\d{1,5}[A-Za-z]?\b/iy;
const PO_BOX = /(?:P\.?\s?O\.?\s*Box|Post\s+Office\s+Box|PSC|CMR|Unit)\s+\d{1,6}(?:,?\s*Box\s+\d{1,6})?\b|(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\b/iy;
const FIVE_DIGITS = /(?<![\w.,/-])\d{5}(?:-\d{4})?(?![\w/]|[.,-]\d)/g;
const WORDS_BEFORE = /(?:([A-Za-zÀ-ɏ]+)\s+)?([A-Za-zÀ-ɏ]+)\.?(?:\s*code)?\s*[,:#]?\s{0,3}$/;
/** English -ing words that end like a German '-ring' street (APPEARING, BEARING, STRING). */
const ENGLISH_ING = /(?:[aeiouy]|st|sp)ring$/;
const STREET_MORPHEME = /(?:katu|kuja|tie|polku|vägen|väg|gatan|gata|gade|vej|veien|vegen|straße|strasse|str\.|gasse|weg|laan|straat|plein|dreef|kade|gracht|allee|ring|platz|utca|út|ulica|aleja|cesta|ulice|caddesi|sokak)$/i;
/** A street-type word written after the name: "Piroska u. 97", "Rákóczi út 13", "Pentelis Str. 35". */
const STREET_ABBREV_AFTER = /^(?:u|út|utca|str|strasse|straße|gasse|gata|gatan|vej|veien|tie|katu|ulica|utcája)$/;
const STREET_PREFIX = /^(?:rue|avenue|boulevard|bd|chemin|place|impasse|allée|via|viale|piazza|corso|calle|avenida|av|paseo|plaza|rua|travessa|largo|ul|ulica|al|aleja|os|plac)$/i;
const LOCATION_CUE = /(?:lives in|living in|resides in|resident of|native of|moved (?:here )?from|moved to|relocated (?:to|from)|born in|grew up in|originally from|traveled to|travelled to|trip to|visiting from|transferred from|located in|city of|town of|county of|village of|township of)\s*$/i;
const COUNTY = /\b(?:[A-Z][a-z]+\s){1,2}(?:County|Parish|Borough|Township)\b/g;
const FACILITY = /\b(?:(?:St\.?|Saint|Mount|Mt\.?)\s+)?(?:[A-Z][A-Za-z'’&.-]*\s+){1,5}(?:Hospital|Medical\s+Cent(?:er|re)|Health\s+Cent(?:er|re)|Health\s+System|Healthcare|Health\s+Care|Clinic|Infirmary|Hospice|Nursing\s+(?:Home|Facility|Center)|Rehabilitation\s+(?:Center|Hospital)|Rehab\s+Center|Surgery\s+Center|Surgical\s+(?:Center|Hospital)|Cancer\s+(?:Center|Institute)|Heart\s+Institute|Urgent\s+Care|Medical\s+Group|Medical\s+Associates|Family\s+Practice|Physicians|Specialists|Laboratories|Imaging|Radiology\s+Associates|Dialysis\s+Center|Sanatorium|Sanitarium|Assisted\s+Living|Senior\s+Living)(?:\s+(?:of|at)\s+(?:[A-Z][A-Za-z'.-]+\s?){1,3})?/g;
const FACILITY_WORDS = new WordSet(
  'hospital center centre clinic healthcare care system infirmary hospice home facility group associates practice physicians specialists laboratories imaging institute sanatorium sanitarium living'.split(' '),
);
const FACILITY_UPPER = /\b(?:(?:ST\.?|SAINT|MOUNT|MT\.?)\s+)?(?:[A-Z][A-Z'’&.-]*\s+){1,5}(?:HOSPITAL|MEDICAL\s+CENTER|HEALTH\s+CENTER|HEALTH\s+SYSTEM|HEALTHCARE|CLINIC|INFIRMARY|HOSPICE|NURSING\s+HOME|REHABILITATION\s+CENTER|SURGERY\s+CENTER|CANCER\s+CENTER|URGENT\s+CARE|MEDICAL\s+GROUP)\b/g;
const FACILITY_FILLER = new Set(['the', 'a', 'an', 'to', 'at', 'in', 'of', 'from', 'and', 'was', 'is', 'were', 'our', 'this', 'that', 'her', 'his', 'their', 'same', 'outside', 'local', 'other', 'another', 'area', 'admitted', 'transferred', 'discharged', 'seen', 'presented', 'went', 'taken', 'brought', 'sent', 'via', 'by', 'for', 'with', 'on', 'your', 'my', 'all', 'any', 'no', 'patient', 'pt', 'he', 'she', 'they', 'returned', 'followed', 'evaluated', 'treated', 'referred', 'back', 'home', 'then', 'also', 'previously', 'recently', 'since', 'after', 'before', 'during', 'while', 'when', 'where', 'who', 'which', 'see', 'called', 'observed', 'prolonged', 'required', 'numerous', 'findings', 'history', 'somewhat', 'full', 'regular', 'previous', 'prior', 'seeking', 'quick', 'lift', 'through', 'referring', 'floor', 'second', 'into', 'being', 'current', 'same-day']);
const FACILITY_DESCRIPTIVE = new Set(['general', 'community', 'county', 'city', 'state', 'university', 'regional', 'memorial', 'medical', 'emergency', 'private', 'teaching', 'psychiatric', 'children', "children's", 'womens', "women's", 'veterans', 'va', 'mental', 'health', 'eye', 'pain', 'cardiology', 'orthopedic', 'surgical', 'family', 'primary', 'care', 'walk-in', 'wound', 'heart', 'cancer', 'kidney', 'dialysis', 'sleep', 'rehab', 'rehabilitation', 'nursing', 'urgent', 'student', 'free', 'outpatient', 'inpatient', 'specialty', 'surgery', 'skilled', 'assisted', 'senior', 'radiology', 'imaging', 'diabetes', 'allergy', 'dermatology', 'neurology', 'oncology', 'pediatric', 'pediatrics', 'ob', 'gyn', 'prenatal', 'fertility', 'vascular', 'spine', 'sports', 'medicine', 'internal', 'behavioral', 'addiction', 'methadone', 'hiv', 'infectious', 'disease', 'travel', 'anticoagulation', 'coumadin', 'lipid', 'hypertension', 'pulmonary', 'endocrine', 'endocrinology', 'renal', 'transplant', 'gi', 'glaucoma', 'hematology', 'neurosurgery', 'podiatry', 'physiatry', 'lymphedema', 'management', 'maintenance', 'basic', 'comprehensive', 'strabismus', 'rheumatology', 'occupational', 'device', 'atrial', 'fibrillation', 'pm&r', 'day', 'chiropractic', 'wellness', 'cardiac', 'urology', 'gastroenterology', 'ent', 'ophthalmology', 'neuroophthalmology', 'neuro-ophthalmology', 'service', 'nephrology', 'psychiatry', 'orthopedics', 'hepatology', 'endoscopy', 'headache', 'memory', 'geriatric', 'geriatrics', 'obstetrics', 'gynecology', 'hand', 'foot', 'ankle', 'lung', 'liver', 'breast', 'cystic', 'fibrosis', 'diabetic', 'asthma', 'copd', 'seizure', 'epilepsy', 'stroke', 'movement', 'disorders', 'spinal', 'cord', 'injury', 'nutrition', 'weight', 'bariatric', 'prenatal', 'wic', 'ambulatory', 'procedure', 'procedures', 'home', 'center', 'institute', 'hospital', 'clinic', 'physicians', 'associates', 'group', 'and', '&', 'the', 'of']);

/** Every shorter run of leading words of the places on the list ("new", "new york" for "new york mills"). */
const placePrefixCache = new WeakMap<Set<string>, Set<string>>();
function placePrefixes(places: Set<string>): Set<string> {
  let prefixes = placePrefixCache.get(places);
  if (!prefixes) {
    prefixes = new Set();
    for (const p of places) for (let i = p.indexOf(' '); i !== -1; i = p.indexOf(' ', i + 1)) prefixes.add(p.slice(0, i));
    placePrefixCache.set(places, prefixes);
  }
  return prefixes;
}

export function detectPlaces(text: string, tokens: Token[], blind: boolean[], lex: Lexicon, emitAny: Emit, digits: DigitFacts): void {
  const addresses: [number, number][] = [];
  const emit: Emit = (start, end, type, conf) => {
    if (type === 'ADDRESS') addresses.push([start, end]);
    emitAny(start, end, type, conf);
  };
  const street = (m: RegExpExecArray): boolean => {
    // "Dr" after a number is a street only if no name follows it ("12 Oak Dr" vs "2 tabs by Dr Smith")
    if (/\bdr\.?$/i.test(m[0]) && /^\s+[A-Z][a-z]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4))) return false;
    // numbers of doses / times are not house numbers
    // "#15 scalpel", "4-0 Prolene": a blade or suture size, not a house number
    if (text.charCodeAt(m.index - 1) === 35 || /^\d-0\s/.test(m[0])) return false;
    if (/^\d+(?:-\d+)?\s+(?:times|tablets?|tabs?|caps?|mg|ml|units|days?|weeks?|months?|years?|hours?|minutes?|of|to|and|or|x|cm|mm|episodes?|drinks?|packs?|cigarettes?|beers?|glasses?|cups?|pounds?|lbs?|kg|puffs?|doses?|point|[ap]\.?m\.?|yrs?|yo|beats?|u|hrs?|mins?|secs?|bpm|fr|french|liters?)\b/i.test(m[0])) return false;
    // street words are capitalised ("3-0 Vicryl was used to close" is not an address)
    const inner = m[0].split(/\s+/).slice(1, -1);
    // "100.4 R. Pt": the decimals of a reading, not a house number
    if (/[\d.]/.test(text[m.index - 1] ?? '')) return false;
    // "2 MEDIASTINAL CT", "12U REG INSULN SQ": clinical words before a street-type abbreviation
    if (/^(?:st|ct|sq|pt|dr|pl|cir|run|point)\.?$/i.test(m[0].split(/\s+/).pop() ?? '') && inner.some((w) => {
      // a direction or a Title Case word is a street's ("West Elm St"); capitals or lower case may be clinical ("2 MEDIASTINAL CT")
      if (/^(?:north|south|east|west|[nsew]\.?)$/i.test(w) || /^[A-Z][a-z]/.test(w)) return false;
      const l = w.toLowerCase();
      return lex.clinicalStop.has(l) || (lex.clinicalWords.has(l) && !lex.streetNames.has(l) && !lex.commonWords.has(l));
    })) return false;
    if (inner.some((w) => /^[a-zà-ɏ]/.test(w) && !/^(?:de|del|la|le|du|van|von|der|st|nd|rd|th)$/.test(w))) return false;
    // in capitals, English function words or a sentence break show prose ("4-0 CHROMIC WAS USED TO RUN", "11 O'CLOCK POSITION ALL THE WAY")
    if (m[0] === m[0].toUpperCase() && inner.some((w) => (/\.$/.test(w) && w.length > 3) || CAPS_PROSE.test(w))) return false;
    emit(m.index, m.index + m[0].length, 'ADDRESS', 0.9);
    return true;
  };
  eachMatch(STREET, text, (m) => {
    if (street(m)) return;
    // the longest match ran on into prose: the shortest one from the same house number may still be an address
    // (only a match of three words or more after the number has a shorter one)
    if (m[0].split(/\s+/).length < 4) return;
    STREET_SHORT.lastIndex = m.index;
    const short = STREET_SHORT.exec(text);
    if (short && short[0].length < m[0].length) street(short);
  });
  // one pass over the tokens: units and PO boxes, the words that call for the postcode-label and
  // street-corner patterns, and towns after a cue ("grew up in Marlowby")
  let postcodeLabel = false;
  let corner = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (UNIT_FIRST.hasToken(t)) {
      for (const [re, conf] of [[UNIT, 0.75], [PO_BOX, 0.9]] as const) {
        re.lastIndex = t.start;
        const m = re.exec(text);
        // "Endoscopy suite #4", "OR suite 2": a procedure room, not a postal unit
        if (m && re === UNIT && ROOM_BEFORE.test(text.slice(Math.max(0, t.start - 24), t.start))) continue;
        if (m) emit(m.index, m.index + m[0].length, 'ADDRESS', conf);
      }
    }
    if (!SCAN_WORDS.hasToken(t)) continue;
    if (POSTCODE_LABEL.has(t.lower)) postcodeLabel = true;
    else if (t.lower === 'corner') corner = true;
    else cuedLocationAt(text, tokens, i, lex, emit);
  }
  if (postcodeLabel && digits.longestRun >= 1) labelledPostcodes(text, emit);
  if (digits.longestRun >= 5) eachMatch(FIVE_DIGITS, text, (m) => {
    const w = WORDS_BEFORE.exec(text.slice(Math.max(0, m.index - 40), m.index));
    if (!w) return;
    const last = w[2]!;
    const lw = last.toLowerCase();
    const two = w[1] ? `${w[1].toLowerCase()} ${lw}` : '';
    if (STATE_ABBREVIATIONS.has(last) || STATE_NAMES.has(lw) || STATE_NAMES.has(two) || /^(?:zip|code|postal)$/i.test(last)) emit(m.index, m.index + m[0].length, 'ZIP', 0.95);
    else if (/^[A-ZÀ-Þ]/.test(last) && (lex.countries.has(lw) || lex.countries.has(two) || lex.places.has(lw) || lex.places.has(two) || /^(?:apo|fpo|dpo)$/i.test(last)))
      emit(m.index, m.index + m[0].length, 'ZIP', 0.8);
  });
  // "City, ST": a state abbreviation after a comma, and up to three capitalised words before it
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.end - t.start !== 2 || !t.upper || !STATE_ABBREVIATIONS.has(text.slice(t.start, t.end))) continue;
    // "Springfield, IL 62704" or "..., IL." — not "PAIN, IN THE" (a word goes on after it)
    if (!/^,\s*$/.test(text.slice(tokens[i - 1]!.end, t.start)) || !/^(?:\s*$|\s*\d{5}|[.,;)]?\s*(?:$|\n|[^\w\s]|\s\s|\s[A-Z][a-z]))/.test(text.slice(t.end, t.end + 8))) continue;
    if (tokens[i - 1]!.end - tokens[i - 1]!.start < 3) continue;
    let k = i - 1;
    if (!tokens[k]!.cap) continue;
    while (k > 0 && i - k < 3 && tokens[k - 1]!.cap && tokens[k]!.start - tokens[k - 1]!.end === 1 && text.charCodeAt(tokens[k - 1]!.end) === 32) k--;
    const city = text.slice(tokens[k]!.start, tokens[i - 1]!.end);
    if (lex.commonWords.has(city.toLowerCase()) && !lex.places.has(city.toLowerCase())) continue;
    emit(tokens[k]!.start, tokens[i - 1]!.end, 'LOCATION', 0.85);
  }

  if (corner) streetCorners(text, emit);

  if (/County|Parish|Borough|Township/.test(text)) eachMatch(COUNTY, text, (m) => {
    emit(m.index, m.index + m[0].length, 'LOCATION', 0.85);
  });

  const facility = (re: RegExp, conf: number) => {
    eachMatch(re, text, (m) => {
      // keep the run of words before the facility word back to the first filler ("admitted to the", "MR. X WAS SEEN IN")
      const words = m[0].split(/\s+/);
      let w = words.length - 1;
      while (w > 0 && !FACILITY_FILLER.has(words[w - 1]!.toLowerCase()) && !/^(?:mr|mrs|ms|dr)\.?$/i.test(words[w - 1]!)) w--;
      const rest = words.slice(w).filter((x) => x);
      if (rest.length < 2 || isPlaceholder(rest[0]!.toLowerCase())) return;
      if (!rest.some((x) => !FACILITY_DESCRIPTIVE.has(x.toLowerCase()))) return;
      const off = m[0].lastIndexOf(rest.join(' ')) >= 0 ? m[0].lastIndexOf(rest.join(' ')) : 0;
      emit(m.index + off, m.index + m[0].length, 'FACILITY_NAME', conf);
    });
  };
  if (tokens.some((t) => FACILITY_WORDS.hasToken(t))) {
    facility(FACILITY, 0.88);
    facility(FACILITY_UPPER, 0.85);
  }

  // street name + house number, European order: "Koskikatu 25", "Rue de Piétrain 371"
  const n = tokens.length;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    // only a word followed by a house number: "Koskikatu 25"
    let p = t.end;
    if (text.charCodeAt(p) === 46) p++;
    if (text.charCodeAt(p) !== 32) continue;
    p++;
    if (text.charCodeAt(p) === 32) p++;
    const d = text.charCodeAt(p);
    if (!(d >= 48 && d <= 57)) continue;
    const num = /^\.?\s{1,2}(\d{1,5}[A-Za-z]?)\b/.exec(text.slice(t.end, t.end + 10));
    if (!num) continue;
    for (let k = Math.max(0, i - 3); k <= i; k++) {
      let spaced = true;
      // words apart by spaces; a period only after an abbreviated prefix ("ul. Cicha 86")
      for (let q = k + 1; q <= i; q++) {
        const gap = text.slice(tokens[q - 1]!.end, tokens[q]!.start);
        if (!/^[ \t]+$/.test(gap) && !(q === k + 1 && gap === '. ' && /^(?:ul|al|bd|av|avda)$/.test(tokens[k]!.lower))) spaced = false;
      }
      if (!spaced) continue;
      let phrase = tokens[k]!.lower;
      for (let q = k + 1; q <= i; q++) phrase += ' ' + tokens[q]!.lower;
      const first = tokens[k]!;
      if (!first.cap && !STREET_PREFIX.test(first.lower)) continue;
      // "via TLC 11", "VIA ART LINE 107": the preposition before a clinical word, not Via Roma
      if (first.lower === 'via' && (!first.cap || first.upper || tokens.slice(k + 1, i + 1).some((x) => x.upper || lex.clinicalStop.has(x.lower) || lex.clinicalWords.has(x.lower)))) continue;
      if (k < i && tokens.slice(k + 1, i + 1).some((x) => STREET_PROSE.test(x.lower))) continue;
      const abbrevAfter = k === i - 1 && first.cap && STREET_ABBREV_AFTER.test(t.lower) && !lex.commonWords.has(first.lower);
      if (lex.streetNames.has(phrase) || (k === i && STREET_MORPHEME.test(t.lower) && t.lower.length > 5 && !ENGLISH_ING.test(t.lower)) || (k < i && STREET_PREFIX.test(first.lower) && tokens[i]!.cap) || abbrevAfter) {
        if (k === i && lex.commonWords.has(t.lower)) continue;
        emit(first.start, t.end + num[0].length, 'ADDRESS', 0.8);
        break;
      }
    }
  }

  // places from the list: runs of up to four capitalised words; single common words need a cue
  const prefixes = placePrefixes(lex.places);
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (!t.cap) continue;
    let phrase = t.lower;
    let best = -1;
    let bestPhrase = '';
    for (let k = i; k < n && k < i + lex.maxPlaceWords; k++) {
      if (k > i) {
        // no place on the list goes on from the words so far
        if (!prefixes.has(phrase)) break;
        const q = tokens[k]!;
        const gapLen = q.start - tokens[k - 1]!.end;
        if (!q.cap || gapLen < 1 || (gapLen === 1 ? !/[ \t-]/.test(text[q.start - 1]!) : !/^[ \t-]+$/.test(text.slice(tokens[k - 1]!.end, q.start)))) break;
        phrase += ' ' + q.lower;
      }
      if (lex.places.has(phrase)) {
        best = k;
        bestPhrase = phrase;
      }
    }
    if (best < 0 || STATE_NAMES.has(bestPhrase) || lex.countries.has(bestPhrase)) continue;
    const k = best;
    const single = k === i;
    const cue = LOCATION_CUE.test(before(text, t.start, 30));
    const ambiguous = lex.commonWords.has(bestPhrase) || lex.clinicalStop.has(bestPhrase) || lex.clinicalWords.has(bestPhrase) || (single && (lex.firstNames.has(bestPhrase) || lex.lastNames.has(bestPhrase)));
    if (single && ambiguous && !cue) continue;
    if (single && lex.commonWords.has(bestPhrase) && (blind[i] || !cue)) continue;
    if (single && t.end - t.start < 4) continue;
    // "Mayfield headrest", "Bowman probe": an eponym, not a town
    if (!cue && EPONYM_AFTER.test(text.slice(tokens[k]!.end, tokens[k]!.end + 30))) continue;
    if (blind[i] && !cue && (single || tokens.slice(i, k + 1).every((x) => lex.commonWords.has(x.lower)))) continue;
    emit(t.start, tokens[k]!.end, 'LOCATION', cue ? 0.8 : single ? 0.55 : 0.75);
    i = k;
  }

  // the building number before a street address, and the lines after it: town, region, postcode
  for (const [start, end] of addresses) {
    leadingNumber(text, start, emitAny);
    addressTail(text, end, lex, emitAny);
  }
}
