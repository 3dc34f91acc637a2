/**
 * Names as terse clinical notes write them, in any case: after a title or role ("dr green",
 * "mr. nicholson", "per md Saeed", "NP Wolfe aware"), after a relative ("son eddie", 'daughter "sarah"'),
 * as a sign-off with an initial ("q. lander rrt", "N. GRANDONE AWARE"), and before a credential in
 * lower case ("lander rrt"), and before a relation ("Mary (wife)"). A word that is common English or clinical (aware, notified, fib, coli)
 * is a name there only when the name lists have it and the anchor is strong (a title).
 */
import type { Emit } from './candidate';
import type { Lexicon } from './lexicon';
import { isPlaceholder } from './placeholders';
import { WordSet, type Token } from './tokens';

const words = (s: string) => new Set(s.split(/\s+/));
/** Strong anchors: a name almost always follows. */
const TITLES = words('dr drs doctor mr mrs ms miss');
/** Roles: a name often follows ("per md Saeed", "np Wolfe aware"). */
const ROLES = words('md np pa rn rrt nurse attending resident fellow intern pcp cardiologist surgeon');
const RELATIVES = words(
  'son sons daughter daughters dtr wife husband spouse mother father mom dad sister sis brother bro niece nephew aunt uncle grandson granddaughter grandmother grandfather grandma grandpa cousin friend fiance fiancee fiancé fiancée girlfriend boyfriend gf bf partner stepson stepdaughter',
);
const CREDENTIALS = words('rn rrt rt md np pa pa-c lpn crna aprn cna bsn msn rnc ccrn licsw msw lcsw crt rcp do');
/** Words that follow a title or role in notes without being a name ("md aware", "dr. at bedside"). */
const NOT_NAME = words(
  'a an the this that these those he she his her him it its they them their we our you your i me my is was were be been are am has had have will would can could may might should did does do to at in on of for from by with and or but as if so not no yes re aware notified informed called paged made came here there now then also still team service covering on-call oncall ordered order orders wants said says saw seen in-house note notes rounds present updated update following follows consulted consult plan feels thinks agrees ok okay who which what when where per see via please call page notify ask asked tell told tol',
);

const ANCHORS = new WordSet([...TITLES, ...ROLES, ...RELATIVES]);
const CREDENTIAL_WORDS = new WordSet(CREDENTIALS);
const RELATIVE_WORDS = new WordSet(RELATIVES);
/** The given names as a WordSet (its prefix filter rejects most words without hashing them), one per lexicon. */
const firstNameSets = new WeakMap<Set<string>, WordSet>();

export function detectTerseNames(text: string, tokens: Token[], lex: Lexicon, emit: Emit): void {
  const n = tokens.length;
  let firstNames = firstNameSets.get(lex.firstNames);
  if (!firstNames) firstNameSets.set(lex.firstNames, (firstNames = new WordSet(lex.firstNames)));
  const lower = (i: number) => tokens[i]!.lower;
  const len = (i: number) => tokens[i]!.end - tokens[i]!.start;
  const listed = (i: number) => lex.firstNames.has(lower(i)) || lex.lastNames.has(lower(i));
  const english = (i: number) => lex.commonWords.has(lower(i));
  const clinical = (i: number) => lex.clinicalStop.has(lower(i)) || lex.clinicalWords.has(lower(i));
  const gap = (i: number) => text.slice(tokens[i - 1]!.end, tokens[i]!.start);
  /** Could token i be a name part here? strong: after a title. */
  const namePart = (i: number, strong: boolean, signed = false): boolean => {
    if (i >= n || len(i) < 2 || NOT_NAME.has(lower(i)) || isPlaceholder(lower(i)) || lex.clinicalStop.has(lower(i))) return false;
    if (CREDENTIALS.has(lower(i)) || RELATIVES.has(lower(i))) return false;
    if (!english(i) && !clinical(i)) return len(i) >= 3 || listed(i) || strong;
    // a listed name that is also a word: after a title, or signed with a credential ("q. lander rrt")
    return (strong && listed(i) && !clinical(i)) || (signed && (listed(i) || !english(i)));
  };
  /** One or two spaces or tabs, or a hyphen, between token i-1 and token i (no string made). */
  const spaced = (i: number) => {
    const a = tokens[i - 1]!.end;
    const d = tokens[i]!.start - a;
    if (d === 1) {
      const c = text.charCodeAt(a);
      return c === 32 || c === 9 || c === 45;
    }
    return d === 2 && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9) && (text.charCodeAt(a + 1) === 32 || text.charCodeAt(a + 1) === 9);
  };
  /** Extends a name from token i over following parts; returns the last index. */
  const extend = (i: number, strong: boolean): number => {
    let j = i;
    while (j + 1 < n && j - i < 2 && spaced(j + 1) && namePart(j + 1, false) && (listed(j + 1) || strong)) j++;
    return j;
  };
  const credentialAfter = (j: number): boolean => {
    const m = /^[ \t]*,?[ \t]*([A-Za-z][A-Za-z-]{0,5})\b/.exec(text.slice(tokens[j]!.end, tokens[j]!.end + 12));
    return !!m && CREDENTIALS.has(m[1]!.toLowerCase());
  };

  for (let i = 1; i < n; i++) {
    // only a title, role or relative word, or a single letter, before token i can start a name here
    if (len(i - 1) !== 1 && !ANCHORS.hasToken(tokens[i - 1]!)) continue;
    const prev = lower(i - 1);
    const g = gap(i);
    // A. after a title, role or relative: "dr green", "mr. nicholson", "son eddie", 'daughter "sarah"'
    const title = TITLES.has(prev) && (/^\.?[ \t]{1,2}$/.test(g) || g === '.');
    const role = !title && ROLES.has(prev) && /^[ \t]{1,2}$/.test(g) && !/^\s*[,:]/.test(g);
    const relative = !title && !role && RELATIVES.has(prev) && /^[ \t]*[,:]?[ \t]*["'(]?$/.test(g) && g.length > 0;
    if (title || role || relative) {
      if (!namePart(i, title || (relative && listed(i)))) continue;
      // after a role or relative, a word on no list and not capitalised is most likely a misspelled clinical word
      if (!title && !listed(i) && !tokens[i]!.cap) continue;
      const j = extend(i, title);
      const type = title && /^(?:dr|drs|doctor)$/.test(prev) ? 'PROVIDER_NAME' : role ? 'PROVIDER_NAME' : 'NAME';
      emit(tokens[i]!.start, tokens[j]!.end, type, title ? 0.85 : listed(i) ? 0.75 : 0.6);
      i = j;
      // "daughters sarah and margie": a second listed name after 'and'
      if (i + 2 < n && lower(i + 1) === 'and' && spaced(i + 1) && spaced(i + 2) && (listed(i + 2) || (title && !english(i + 2))) && namePart(i + 2, false)) {
        emit(tokens[i + 2]!.start, tokens[i + 2]!.end, type, 0.7);
        i += 2;
      }
      continue;
    }
    // B1. a capital letter without its period and a listed surname, then a sign-off verb ("J SMITH ORDERED")
    if (len(i - 1) === 1 && g === ' ' && tokens[i - 1]!.cap && lex.lastNames.has(lower(i)) && !clinical(i) && /[\s(-]/.test(text[tokens[i - 1]!.start - 1] ?? ' ') &&
      /^[ \t]*(?:aware|notified|paged|called|informed|ordered|here|at bedside|in to)\b/i.test(text.slice(tokens[i]!.end, tokens[i]!.end + 14))) {
      emit(tokens[i - 1]!.start, tokens[i]!.end, 'NAME', 0.6);
      continue;
    }
    // B. an initial and a surname: "q. lander rrt", "N. GRANDONE AWARE", "j. o'brien"
    const t = tokens[i - 1]!;
    if (len(i - 1) === 1 && g === '. ' && /[a-z]/i.test(text[t.start]!) && /[\s("-]/.test(text[t.start - 1] ?? ' ') && !/\.[A-Za-z]\./.test(text.slice(t.end, t.end + 4))) {
      const signed = credentialAfter(i);
      if (!namePart(i, false, signed) || (!listed(i) && english(i))) continue;
      // "S. INTUBATED", "O. SEE CAREVUE": SOAP headings; an unlisted word needs a sign-off after it
      if (/[SOAPsoap]/.test(text[t.start]!) && /(?:^|\n)[ \t]*$/.test(text.slice(Math.max(0, t.start - 8), t.start))) continue;
      const j = extend(i, false);
      if (!listed(i) && !credentialAfter(j) && !/^[ \t]*,?[ \t]*(?:aware|notified|paged|called|informed|here|at bedside|in to|updated)\b/i.test(text.slice(tokens[j]!.end, tokens[j]!.end + 16))) continue;
      emit(t.start, tokens[j]!.end, credentialAfter(j) ? 'PROVIDER_NAME' : 'NAME', listed(i) ? 0.7 : 0.55);
      i = j;
      continue;
    }
  }
  // D. a lower-case given name and a surname with no anchor ("mary theresa kondouli from speech")
  for (let i = 0; i + 1 < n; i++) {
    const t = tokens[i]!;
    const u = tokens[i + 1]!;
    if (t.cap || u.cap || u.start - t.end !== 1 || text.charCodeAt(t.end) !== 32 || len(i) < 3 || !firstNames.hasToken(t) || clinical(i) || NOT_NAME.has(lower(i))) continue;
    if (!spaced(i + 1) || tokens[i + 1]!.cap || !namePart(i + 1, false) || !(listed(i + 1) || !english(i + 1))) continue;
    // "grace dudak aware": a given name that is also a word needs an unlisted surname and a sign-off verb
    if (english(i) && (english(i + 1) || !/^[ \t]*(?:aware|notified|paged|called|informed|updated|at bedside|in to)\b/i.test(text.slice(tokens[i + 1]!.end, tokens[i + 1]!.end + 14)))) continue;
    let j = i + 1;
    if (j + 1 < n && spaced(j + 1) && !tokens[j + 1]!.cap && namePart(j + 1, false) && (listed(j + 1) || !english(j + 1)) && !clinical(j + 1)) j++;
    emit(t.start, tokens[j]!.end, 'NAME', 0.5);
    i = j;
  }
  // E. a name before its relation: "Mary (wife)", "Tom, her son,", "sue - daughter"
  for (let i = 0; i + 1 < n; i++) {
    const t = tokens[i]!;
    if (!RELATIVE_WORDS.hasToken(tokens[i + 1]!) || !/^[ \t]*(?:\(|,|-)[ \t]*(?:(?:his|her|pt'?s|patient'?s|the)[ \t]+)?$/.test(text.slice(t.end, tokens[i + 1]!.start))) continue;
    if (!(listed(i) && !clinical(i)) || !namePart(i, false, true) || len(i) < 3) continue;
    // the relation word ends the aside ("(wife)", ", her son,", "- daughter" then a break)
    if (!/^[ \t]*(?:\)|,|\.|;|\n|$)/.test(text.slice(tokens[i + 1]!.end, tokens[i + 1]!.end + 3))) continue;
    emit(t.start, t.end, 'NAME', 0.7);
  }
  // C. a name before a credential in any case: "lander rrt", "smith, rn"
  for (let j = 0; j + 1 < n; j++) {
    if (!CREDENTIAL_WORDS.hasToken(tokens[j + 1]!) || tokens[j + 1]!.start - tokens[j]!.end > 3 || !credentialAfter(j) || !namePart(j, false, true) || (!listed(j) && len(j) < 4)) continue;
    // the credential ends the line or clause ("lander rrt\n", "smith rn.")
    const m = /^[ \t]*,?[ \t]*[A-Za-z-]+\b/.exec(text.slice(tokens[j]!.end, tokens[j]!.end + 12))!;
    const rest = text.slice(tokens[j]!.end + m[0].length, tokens[j]!.end + m[0].length + 3);
    let i = j;
    while (i > 0 && j - i < 2 && spaced(i) && namePart(i - 1, false, true)) i--;
    // the credential ends the line or clause, or a listed given name comes first ("per warren kavaliunas np patent")
    if (!/^(?:\s*$|[ \t]*[\n.,;)/]|\s{2})/.test(rest) && !(i < j && lex.firstNames.has(lower(i)))) continue;
    if (i > 0 && len(i - 1) === 1 && gap(i) === '. ') i--;
    emit(tokens[i]!.start, tokens[j]!.end, 'PROVIDER_NAME', 0.7);
  }
}
