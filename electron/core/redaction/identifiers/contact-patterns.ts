/** Email, URL, IP address, phone and fax numbers. */
import { ipv4Valid } from './checksums';
import { before, type Emit, eachMatch } from './candidate';
import type { DigitFacts } from './digit-facts';

const EMAIL = /\b[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g;
const URL_SCHEME = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"'()]+/gi;
const GTLD = 'com|org|net|edu|gov|mil|int|io|co|us|info|biz|health|care|app|dev|me|ly|ai|online|site|xyz|uk|ca|de|fr|au|in|eu|nl|se|no|fi|dk|pl|it|es|pt|ch|at|be|cz|ru|jp|cn|br|mx|cy|ie|nz|za|hu|gr|tr|il|kr';
const URL_BARE = new RegExp(`\\b[A-Za-z0-9][A-Za-z0-9-]{1,62}(?:\\.[A-Za-z0-9-]{2,63})*\\.(?:${GTLD})\\b(?:/[^\\s<>"'()]*)?`, 'g');
const IPV4 = /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g;
const IPV6 = /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){2,7}(?::|[0-9A-Fa-f]{1,4})(?:[0-9A-Fa-f:]*)(?![\w:])/g;

// North American numbers: (555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567, with extension.
const PHONE_US = /(?<![\w+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)[\s.-]?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?:\s*(?:x|ext\.?|extension)\s*\d{1,5})?(?!\d)/gi;
// International: +41 (0)69 979 80 58, +44 20 7946 0958
const PHONE_INTL = /\+\d{1,3}(?:[\s.-]?\(\d{1,4}\))?(?:[\s.-]?\d{1,5}){2,5}(?!\d)/g;
// Digit groups with spaces or dashes: 024 971 50 30, 78 651 450, 0412-345-678
const PHONE_GROUPS = /(?<![\w.,/+-])\d{2,5}(?:[ -]\d{2,5}){2,4}(?![\w/]|[.,]\d|-\d)/g;
// Area code in parentheses: (08) 8747 6301, (37) 788-063
const PHONE_PAREN = /\(\d{1,4}\)[ ]?\d{2,4}(?:[ -]\d{2,4}){1,3}(?![\w/]|[.,]\d|-\d)/g;
// Two groups (451 5986, 0341 8387176): a phone only beside a phone word
const PHONE_TWO = /(?<![\w.,/+-])\d{2,5}[ -]\d{4,8}(?![\w/]|[.,]\d|[ -]\d)/g;
const PHONE_AFTER = /^[ \t]*-?[ \t]*(?:office|fax|mobile|cell|home|work|tel|phone)\b/i;
const PHONE_BARE10 = /(?<![\w.,/-])\d{10}(?![\w.,/])/g;

/** "Pager: #54321", "pg 33445", "beeper 4-1234", "ext. 4411": a 4- or 5-digit pager or extension number after its word. */
const PAGER = /\b(?:pager|pgr|pg|beeper|bpr|beep|paged?(?:\s+(?:at|to))?|ext|extension|x|(?:call|phone|tel|cell|ph)(?=[\s.:#]*\d{1,2}-\d{4}\b))\.?\s*:?\s*(?:#|no\.?|number)?\s*[:#]?\s*(\d{1,2}-\d{4}|\d{4,5})(?![\w/.-]\d|\d)/gi;

const FAX_CUE = /(?:fax|facsimile|\bf:|\bfx)[^0-9]{0,15}$/;
const PHONE_CUE = /(?:phone|tel|telephone|cell|mobile|call|reach|contact|number|\bph|\bp:|\bc:|\bh:|\bw:|home|work|pager|beeper|registered|answering|text)[^0-9]{0,20}$/;

const digitCount = (s: string) => s.replace(/\D/g, '').length;

function trimUrl(s: string): string {
  return s.replace(/[.,;:!?]+$/, '');
}

const HAS_TLD = new RegExp(`\\.(?:${GTLD})\\b`, 'i');
/** Two colons at most five characters apart ("::", "fe80:0:"): the only texts worth the IPv6 pattern. */
function mayHaveIpv6(text: string): boolean {
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) {
    const j = text.indexOf(':', i + 1);
    if (j !== -1 && j - i <= 5 && /^[0-9A-Fa-f]*$/.test(text.slice(i + 1, j))) return true;
  }
  return false;
}

export function detectContacts(text: string, emit: Emit, digits: DigitFacts): void {
  // cheap pre-checks keep the costly patterns off texts that cannot match them
  const hasAt = text.includes('@');
  const hasTld = HAS_TLD.test(text);
  if (hasAt) eachMatch(EMAIL, text, (m) => {
    emit(m.index, m.index + m[0].length, 'EMAIL', 0.98);
  });
  eachMatch(URL_SCHEME, text, (m) => {
    emit(m.index, m.index + trimUrl(m[0]).length, 'URL', 0.97);
  });
  if (hasTld) eachMatch(URL_BARE, text, (m) => {
    if (text[m.index - 1] === '@' || text[m.index + m[0].length] === '@') return;
    const s = trimUrl(m[0]);
    // "e.g", "i.e", "p.o" and file names are not domains
    if (/\.(?:jpe?g|png|gif|pdf|docx?|txt)$/i.test(s)) return;
    // "comfortable.no sedatives", "monday.no": two words joined by a period, not a domain (a bare
    // domain needs a path, a www, a third label or a generic top-level domain)
    if (!s.includes('/') && !/\.(?:com|org|net|edu|gov|mil|io|health)$/i.test(s) && s.split('.').length === 2 && /^[A-Za-z0-9]+\.[A-Za-z]+$/.test(s)) return;
    emit(m.index, m.index + s.length, 'URL', s.includes('/') || /\.(com|org|net|gov|edu)\b/i.test(s) ? 0.9 : 0.6);
  });
  eachMatch(IPV4, text, (m) => {
    if (ipv4Valid(m[0])) emit(m.index, m.index + m[0].length, 'IP_ADDRESS', 0.95);
  });
  if (mayHaveIpv6(text)) eachMatch(IPV6, text, (m) => {
    if ((m[0].match(/:/g) ?? []).length >= 3 && /[0-9a-f]/i.test(m[0])) emit(m.index, m.index + m[0].length, 'IP_ADDRESS', 0.9);
  });

  const phone = (start: number, end: number, confidence: number) => {
    const ctx = before(text, start, 30);
    const fax = FAX_CUE.test(ctx) && !/(?:phone|tel|cell)[^0-9]{0,10}$/.test(ctx);
    emit(start, end, fax ? 'FAX' : 'PHONE', confidence);
  };
  // each pattern below needs the run of digits its comment's shape has
  if (digits.longestRun >= 4) eachMatch(PHONE_US, text, (m) => {
    phone(m.index, m.index + m[0].length, 0.95);
  });
  eachMatch(PHONE_INTL, text, (m) => {
    const n = digitCount(m[0]);
    if (n >= 7 && n <= 15) phone(m.index, m.index + m[0].length, 0.9);
  });
  eachMatch(PHONE_GROUPS, text, (m) => {
    const n = digitCount(m[0]);
    if (n < 7 || n > 13) return;
    const cue = PHONE_CUE.test(before(text, m.index, 30)) || FAX_CUE.test(before(text, m.index, 30));
    if (!cue && n < 8) return;
    phone(m.index, m.index + m[0].length, cue ? 0.85 : 0.5);
  });
  eachMatch(PHONE_PAREN, text, (m) => {
    const n = digitCount(m[0]);
    if (n >= 7 && n <= 13) phone(m.index, m.index + m[0].length, 0.85);
  });
  if (digits.longestRun >= 4) eachMatch(PHONE_TWO, text, (m) => {
    const n = digitCount(m[0]);
    if (n < 7 || n > 13) return;
    const ctx = before(text, m.index, 30);
    if (PHONE_CUE.test(ctx) || FAX_CUE.test(ctx) || PHONE_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12))) phone(m.index, m.index + m[0].length, 0.75);
  });
  if (digits.longestRun >= 4) eachMatch(PAGER, text, (m) => {
    // "x" alone is a pager / extension word only after a phone number ("555-1234 x4411")
    if (/^x/i.test(m[0]) && !/\d[\s.-]?$/.test(text.slice(Math.max(0, m.index - 3), m.index))) return;
    const start = m.index + m[0].length - m[1]!.length;
    phone(start, start + m[1]!.length, 0.85);
  });
  if (digits.longestRun >= 10) eachMatch(PHONE_BARE10, text, (m) => {
    const ctx = before(text, m.index, 30);
    if (PHONE_CUE.test(ctx) || FAX_CUE.test(ctx)) phone(m.index, m.index + 10, 0.8);
  });
}
