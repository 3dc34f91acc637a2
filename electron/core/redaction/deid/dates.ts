/**
 * Date shifting for de-identification: a date found in text is parsed in the common US clinical
 * forms and written back in the same form, moved by the patient's day offset. What cannot be
 * parsed is replaced by a token rather than kept.
 */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MON_RE = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const monthIndex = (m: string) => MONTHS.findIndex((x) => x.startsWith(m.toLowerCase().replace(/\.$/, '').slice(0, 3)));

const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(.*)$/s;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(.*)$/s;
const MONTH_YEAR_NUM = /^(\d{1,2})([/-])(\d{4})$/;
const MONTH_DAY_YEAR = new RegExp(`^${MON_RE}(\\s+)(\\d{1,2})(st|nd|rd|th)?(?:(,?\\s*)(\\d{4}))?(.*)$`, 'is');
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})(st|nd|rd|th)?(\\s+(?:of\\s+)?)${MON_RE}(?:(,?\\s*)(\\d{4}))?(.*)$`, 'is');
const MONTH_YEAR = new RegExp(`^${MON_RE}([\\s,-]+(?:of\\s+)?)(\\d{4})$`, 'is');
const TAIL = /^[\s,]*(?:at\s+)?(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?$/i;

const DAY_MS = 86_400_000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function shift(y: number, m: number, d: number, days: number): Date | null {
  if (m < 0 || m > 11 || d < 1 || d > 31) return null;
  const t = Date.UTC(y, m, d);
  const check = new Date(t);
  if (check.getUTCMonth() !== m) return null;
  return new Date(t + days * DAY_MS);
}

function monthWord(original: string, m: number): string {
  const full = MONTHS[m]!;
  const abbreviated = original.replace(/\.$/, '').length <= 4 && original.toLowerCase() !== 'june' && original.toLowerCase() !== 'july';
  let w = abbreviated ? full.slice(0, original.replace(/\.$/, '').length === 4 ? 4 : 3) : full;
  if (original === original.toUpperCase()) w = w.toUpperCase();
  else if (original[0] === original[0]!.toUpperCase()) w = w[0]!.toUpperCase() + w.slice(1);
  return w + (original.endsWith('.') ? '.' : '');
}

const fullYear = (y: string) => (y.length === 2 ? (Number(y) > 30 ? 1900 : 2000) + Number(y) : Number(y));

/** The date text moved by `days`, in the same form; null when it is not a date this can read. */
export function shiftDate(text: string, days: number): string | null {
  let m = ISO.exec(text);
  if (m && TAIL.test(m[4]!)) {
    const d = shift(Number(m[1]), Number(m[2]) - 1, Number(m[3]), days);
    return d && `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}${m[4]}`;
  }
  m = NUMERIC.exec(text);
  if (m && TAIL.test(m[5]!)) {
    const d = shift(fullYear(m[4]!), Number(m[1]) - 1, Number(m[3]), days);
    if (!d) return null;
    const y = m[4]!.length === 2 ? pad(d.getUTCFullYear() % 100, 2) : String(d.getUTCFullYear());
    return `${pad(d.getUTCMonth() + 1, m[1]!.length)}${m[2]}${pad(d.getUTCDate(), m[3]!.length)}${m[2]}${y}${m[5]}`;
  }
  m = MONTH_YEAR_NUM.exec(text);
  if (m) {
    const d = shift(Number(m[3]), Number(m[1]) - 1, 15, days);
    return d && `${pad(d.getUTCMonth() + 1, m[1]!.length)}${m[2]}${d.getUTCFullYear()}`;
  }
  m = MONTH_DAY_YEAR.exec(text);
  if (m && TAIL.test(m[7]!)) {
    const mi = monthIndex(m[1]!);
    const d = shift(m[6] ? Number(m[6]) : 2001, mi, Number(m[3]), days);
    if (!d) return null;
    return `${monthWord(m[1]!, d.getUTCMonth())}${m[2]}${d.getUTCDate()}${m[4] ? ordinal(d.getUTCDate()) : ''}${m[6] ? `${m[5]}${d.getUTCFullYear()}` : ''}${m[7]}`;
  }
  m = DAY_MONTH_YEAR.exec(text);
  if (m && TAIL.test(m[7]!)) {
    const mi = monthIndex(m[4]!);
    const d = shift(m[6] ? Number(m[6]) : 2001, mi, Number(m[1]), days);
    if (!d) return null;
    return `${d.getUTCDate()}${m[2] ? ordinal(d.getUTCDate()) : ''}${m[3]}${monthWord(m[4]!, d.getUTCMonth())}${m[6] ? `${m[5]}${d.getUTCFullYear()}` : ''}${m[7]}`;
  }
  m = MONTH_YEAR.exec(text);
  if (m) {
    const d = shift(Number(m[3]), monthIndex(m[1]!), 15, days);
    return d && `${monthWord(m[1]!, d.getUTCMonth())}${m[2]}${d.getUTCFullYear()}`;
  }
  return null;
}

function ordinal(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}
