/**
 * Deterministic surrogates: each replacement is chosen by an HMAC of the patient key and the
 * normalized original, so the same name (or number) gets the same surrogate throughout a document
 * and across every document of the patient, and a different key gives unrelated surrogates.
 */
import { createHmac } from 'node:crypto';
import { defaultLexicon } from '../identifiers/lexicon';

export class Hasher {
  constructor(private readonly key: Buffer) {}

  bytes(kind: string, value: string): Buffer {
    return createHmac('sha256', this.key).update(kind).update('\0').update(value).digest();
  }

  /** A number in [0, n). */
  pick(kind: string, value: string, n: number): number {
    return this.bytes(kind, value).readUInt32BE(0) % n;
  }
}

interface Lists {
  first: string[];
  last: string[];
  firstSet: Set<string>;
  lastSet: Set<string>;
  streets: string[];
  places: string[];
}

let lists: Lists | undefined;
function wordLists(): Lists {
  if (lists) return lists;
  const lex = defaultLexicon();
  const alpha = (s: Set<string>) => [...s].filter((w) => /^[a-z][a-z' -]{2,}$/.test(w));
  lists = { first: alpha(lex.firstNames), last: alpha(lex.lastNames), firstSet: lex.firstNames, lastSet: lex.lastNames, streets: alpha(lex.streetNames), places: alpha(lex.places) };
  return lists;
}

/** Writes `word` in the letter case of `like` (ALL CAPS, lower, or Title Case). */
export function caseLike(like: string, word: string): string {
  if (like.length > 1 && like === like.toUpperCase()) return word.toUpperCase();
  if (like === like.toLowerCase()) return word.toLowerCase();
  return word.replace(/(^|[\s'-])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
}

const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'md', 'do', 'rn', 'np', 'pa', 'jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'dds', 'mba', 'facs', 'facp']);

/** One name token's surrogate: first names from the first-name list, others from the surname list. */
function nameToken(h: Hasher, token: string): string {
  const t = token.toLowerCase();
  if (TITLES.has(t.replace(/\.$/, ''))) return token;
  if (/^[a-z]\.?$/i.test(token)) {
    const letter = String.fromCharCode(65 + h.pick('initial', t, 26));
    return (token === token.toLowerCase() ? letter.toLowerCase() : letter) + (token.endsWith('.') ? '.' : '');
  }
  const l = wordLists();
  const list = l.firstSet.has(t) && !l.lastSet.has(t) ? l.first : l.last;
  let w = list[h.pick('name', t, list.length)]!;
  if (w === t) w = list[(h.pick('name', t, list.length) + 1) % list.length]!;
  return caseLike(token, w);
}

/** A person's name with each word replaced consistently (titles and punctuation kept). */
export function surrogateName(h: Hasher, text: string): string {
  return text.replace(/[A-Za-z][A-Za-z'’]*\.?/g, (tok) => {
    const dot = tok.endsWith('.') && tok.length > 2 ? '.' : '';
    const core = dot ? tok.slice(0, -1) : tok;
    return nameToken(h, core) + dot;
  });
}

/** Each digit and letter replaced by one derived from the value (format and length kept). */
export function surrogateChars(h: Hasher, kind: string, text: string): string {
  const b = h.bytes(kind, text.toUpperCase());
  let i = 0;
  const next = () => b[i++ % b.length]! ^ (i >> 5);
  let out = '';
  for (const c of text) {
    if (c >= '0' && c <= '9') out += String(next() % 10);
    else if (c >= 'A' && c <= 'Z') out += String.fromCharCode(65 + (next() % 26));
    else if (c >= 'a' && c <= 'z') out += String.fromCharCode(97 + (next() % 26));
    else out += c;
  }
  return out === text ? surrogateChars(h, kind + '+', text) : out;
}

/** A phone or fax number: the same punctuation, a fictitious 555-01xx number. */
export function surrogatePhone(h: Hasher, text: string): string {
  const digits = text.replace(/\D/g, '');
  const ten = digits.length === 11 && digits[0] === '1' ? digits.slice(1) : digits;
  if (ten.length !== 10) return surrogateChars(h, 'phone', text);
  const area = 200 + h.pick('area', ten, 800);
  const line = pad(h.pick('line', ten, 100), 2);
  const repl = `${area}55501${line}`;
  const k = digits.length - 10;
  let out = '';
  let seen = 0;
  for (const c of text) {
    if (c >= '0' && c <= '9') {
      out += seen < k ? c : repl[seen - k];
      seen++;
    } else out += c;
  }
  return out;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

const STREET_SUFFIX = /\b(street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|way|place|pl|terrace|circle|parkway|pkwy|highway|hwy)\.?$/i;

export function surrogateAddress(h: Hasher, text: string): string {
  const l = wordLists();
  const v = text.toLowerCase().replace(/\s+/g, ' ');
  const num = 100 + h.pick('house', v, 9800);
  const street = caseLike('Title', l.streets[h.pick('street', v, l.streets.length)]!);
  const firstLine = text.split(/[,\n]/)[0]!;
  const suffix = STREET_SUFFIX.exec(firstLine.trim())?.[0];
  const base = STREET_SUFFIX.test(street) || !suffix ? street : `${street} ${suffix}`;
  return /^\s*\d/.test(text) ? `${num} ${base}` : base;
}

export function surrogatePlace(h: Hasher, text: string): string {
  const l = wordLists();
  const w = l.places[h.pick('place', text.toLowerCase(), l.places.length)]!;
  return caseLike(text, w);
}

const FACILITIES = ['Northfield General Hospital', 'Lakeview Medical Center', 'Riverside Community Hospital', 'Cedar Valley Clinic', 'Harborview Health Center', 'Summit Regional Medical Center', 'Pinecrest Family Practice', 'Westbrook Memorial Hospital'];

export function surrogateFacility(h: Hasher, text: string): string {
  return caseLike(text, FACILITIES[h.pick('facility', text.toLowerCase(), FACILITIES.length)]!);
}

/** Three-digit ZIP prefixes with fewer than 20,000 people (Census 2000): Safe Harbor turns them into 000. */
const SMALL_ZIP3 = new Set(['036', '059', '063', '102', '203', '556', '692', '790', '821', '823', '830', '831', '878', '879', '884', '890', '893']);

export function generalizeZip(text: string): string {
  const m = /(\d{3})\d{2}/.exec(text);
  if (!m) return '000';
  return SMALL_ZIP3.has(m[1]!) ? '00000' : `${m[1]}00`;
}

export function surrogateEmail(h: Hasher, text: string): string {
  return `user${h.bytes('email', text.toLowerCase()).toString('hex').slice(0, 8)}@example.org`;
}

export function surrogateUrl(h: Hasher, text: string): string {
  return `https://example.org/${h.bytes('url', text).toString('hex').slice(0, 10)}`;
}

export function surrogateIp(h: Hasher, text: string): string {
  if (text.includes(':')) return `2001:db8::${h.bytes('ip6', text).toString('hex').slice(0, 4)}`;
  return `192.0.2.${1 + h.pick('ip', text, 254)}`;
}
