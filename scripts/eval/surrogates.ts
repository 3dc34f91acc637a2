/**
 * Surrogate identifiers for the MTSamples evaluation set. Names come from the shipped lists, plus a
 * share of invented surnames that are in no list (to measure what context alone finds) and of given
 * names that are also English words (Hope, Will, Mark) to measure the stop-list's cost.
 */
import type { IdentifierType } from '../../shared/identifier-types';
import { luhnValid } from '../../electron/core/redaction/identifiers/checksums';
import type { Lexicon } from '../../electron/core/redaction/identifiers/lexicon';

export type Rand = () => number;
export interface Slot {
  /** null: filler that is not PHI (a state) */
  type: IdentifierType | null;
  make: (r: Rand) => string;
}

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const digits = (r: Rand, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const cap = (w: string) => w.replace(/(^|[\s'-])([a-zà-ɏ])/g, (_m, p: string, c: string) => p + c.toUpperCase());
const pad = (n: number) => String(n).padStart(2, '0');

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WORDY_NAMES = ['Hope', 'Will', 'Mark', 'Grace', 'May', 'Bill', 'Faith', 'Chase', 'Joy', 'Rose', 'Frank', 'Art', 'Guy', 'June', 'Sunny'];
const SYLLABLES = ['ka', 'vo', 'trin', 'mel', 'dra', 'zos', 'quen', 'bar', 'lis', 'tor', 'new', 'ash', 'vik', 'pel', 'ron', 'gald', 'sut', 'ern', 'ovi', 'cz'];
const STREET_WORDS = ['Oak', 'Maple', 'Cedar', 'Elm', 'Pine', 'Lakeview', 'Hillcrest', 'Washington', 'Lincoln', 'Park', 'Sunset', 'Ridgeway', 'Willow', 'Chestnut', 'Highland', 'Meadowbrook', 'Kingsley', 'Birch'];
const STREET_SUFFIX = ['Street', 'St', 'Avenue', 'Ave.', 'Road', 'Rd', 'Drive', 'Lane', 'Blvd', 'Court', 'Way', 'Place', 'Terrace', 'Circle'];
const STATES = ['IL', 'OH', 'CA', 'TX', 'NY', 'PA', 'MI', 'GA', 'NC', 'WA', 'MA', 'AZ', 'MN', 'MO', 'TN', 'IN'];
const FACILITY_HEAD = ['Riverside', 'Mercy', 'St. Luke\'s', 'Good Samaritan', 'Northwestern', 'Lakeshore', 'Providence', 'St. Vincent', 'Baptist', 'Memorial Hermann', 'Cedar Grove', 'Sacred Heart'];
const FACILITY_TAIL = ['Hospital', 'Medical Center', 'Clinic', 'Regional Medical Center', 'Health Center', 'Nursing Home', 'Surgery Center', 'Rehabilitation Center'];
const DOMAINS = ['example.com', 'mail.example.org', 'clinicmail.net', 'healthportal.us', 'inbox.example.net'];

export function dateString(r: Rand): string {
  const y = int(r, 1925, 2024);
  const m = int(r, 1, 12);
  const d = int(r, 1, 28);
  const mon = MONTHS[m - 1]!;
  const ord = d + (d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th');
  return pick(r, [
    `${pad(m)}/${pad(d)}/${y}`,
    `${m}/${d}/${String(y).slice(2)}`,
    `${y}-${pad(m)}-${pad(d)}`,
    `${mon.slice(0, 3)} ${d}, ${y}`,
    `${d} ${mon} ${y}`,
    `${mon} ${ord}`,
    `${pad(m)}-${pad(d)}-${y}`,
    `${pad(m)}.${pad(d)}.${y}`,
    `${mon.slice(0, 3)}-${y}`,
    `${pad(m)}/${y}`,
    `${mon} ${d}, ${y}`,
    `${m}/${d}/${y}`,
  ]);
}

export function makeSlots(lex: Lexicon): Record<string, Slot> {
  const firsts = [...lex.firstNames].filter((w) => /^[a-z]{3,}$/.test(w) && !lex.commonWords.has(w));
  const lasts = [...lex.lastNames].filter((w) => /^[a-z][a-z'-]{2,}$/.test(w) && !lex.commonWords.has(w));
  const cities = [...lex.places].filter((p) => p.length > 5 && /^[a-z ]+$/.test(p) && !lex.commonWords.has(p));
  const first = (r: Rand) => (r() < 0.1 ? pick(r, WORDY_NAMES) : cap(pick(r, firsts)));
  const last = (r: Rand) => (r() < 0.15 ? cap(Array.from({ length: int(r, 2, 3) }, () => pick(r, SYLLABLES)).join('')) : cap(pick(r, lasts)));
  const phone = (r: Rand) => {
    const [a, b, c] = [String(int(r, 201, 989)), String(int(r, 200, 999)), digits(r, 4)];
    return pick(r, [`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `${a} ${b} ${c}`, `+1 ${a} ${b} ${c}`]);
  };
  const npi = (r: Rand) => {
    for (;;) {
      const body = '1' + digits(r, 8);
      for (let c = 0; c < 10; c++) if (luhnValid('80840' + body + c)) return body + c;
    }
  };
  const ssn = (r: Rand) => {
    const area = String(int(r, 1, 899)).padStart(3, '0');
    const a = area === '666' ? '667' : area;
    return `${a}-${pad(int(r, 1, 99))}-${String(int(r, 1, 9999)).padStart(4, '0')}`;
  };
  return {
    FIRST: { type: 'NAME', make: first },
    LAST: { type: 'NAME', make: last },
    FULL: { type: 'NAME', make: (r) => (r() < 0.2 ? `${first(r)} ${String.fromCharCode(65 + int(r, 0, 25))}. ${last(r)}` : `${first(r)} ${last(r)}`) },
    LASTFIRST: { type: 'NAME', make: (r) => `${last(r)}, ${first(r)}` },
    DRLAST: { type: 'PROVIDER_NAME', make: last },
    DRFULL: { type: 'PROVIDER_NAME', make: (r) => `${first(r)} ${last(r)}` },
    DATE: { type: 'DATE', make: dateString },
    AGE90: { type: 'AGE_OVER_89', make: (r) => String(int(r, 90, 104)) },
    PHONE: { type: 'PHONE', make: phone },
    FAX: { type: 'FAX', make: phone },
    EMAIL: { type: 'EMAIL', make: (r) => `${pick(r, firsts)}.${pick(r, lasts)}${int(r, 1, 99)}@${pick(r, DOMAINS)}` },
    SSN: { type: 'SSN', make: ssn },
    MRN: { type: 'MRN', make: (r) => pick(r, [digits(r, 8), `MR${digits(r, 7)}`, digits(r, 6), `${digits(r, 3)}-${digits(r, 4)}`]) },
    MEMBER: { type: 'HEALTH_PLAN_ID', make: (r) => pick(r, [`${pick(r, ['XJH', 'W', 'ZGP', 'MBR'])}${digits(r, 9)}`, `1EG4-TE5-MK${digits(r, 2)}`, digits(r, 11)]) },
    CLAIM: { type: 'CLAIM_NUMBER', make: (r) => pick(r, [digits(r, 13), `${digits(r, 2)}${int(r, 100, 365)}${digits(r, 8)}`]) },
    PA: { type: 'PRIOR_AUTH_NUMBER', make: (r) => pick(r, [`PA${digits(r, 8)}`, digits(r, 9), `A${digits(r, 6)}-${digits(r, 2)}`]) },
    NPI: { type: 'NPI', make: npi },
    ACCT: { type: 'ACCOUNT_NUMBER', make: (r) => pick(r, [digits(r, 10), `${digits(r, 4)}-${digits(r, 6)}`, `A${digits(r, 8)}`]) },
    LICENSE: { type: 'LICENSE_NUMBER', make: (r) => pick(r, [`${pick(r, ['A', 'B', 'F', 'G'])}${digits(r, 7)}`, `${pick(r, ['MD', 'RN'])}${digits(r, 6)}`]) },
    DEA: { type: 'LICENSE_NUMBER', make: (r) => `${pick(r, ['A', 'B', 'F', 'M'])}${pick(r, ['S', 'K', 'J', 'P'])}${digits(r, 7)}` },
    VIN: { type: 'VEHICLE_ID', make: (r) => '1' + Array.from({ length: 16 }, () => pick(r, 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'.split(''))).join('') },
    SERIAL: { type: 'DEVICE_ID', make: (r) => `${pick(r, ['PJN', 'RWB', 'SN', 'MDT'])}${digits(r, 6)}${pick(r, ['', 'H', 'S'])}` },
    URL: { type: 'URL', make: (r) => pick(r, [`https://www.${pick(r, lasts)}family.com/photos`, `http://${pick(r, lasts)}.example.org/profile?id=${digits(r, 5)}`, `www.${pick(r, lasts)}${int(r, 1, 99)}.net`]) },
    IP: { type: 'IP_ADDRESS', make: (r) => `${int(r, 10, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}` },
    STREET: { type: 'ADDRESS', make: (r) => `${int(r, 1, 9999)} ${pick(r, ['', 'N. ', 'West '])}${pick(r, STREET_WORDS)} ${pick(r, STREET_SUFFIX)}` },
    CITY: { type: 'LOCATION', make: (r) => cap(pick(r, cities)) },
    ZIP: { type: 'ZIP', make: (r) => (r() < 0.2 ? `${digits(r, 5)}-${digits(r, 4)}` : String(int(r, 10000, 99950))) },
    STATE: { type: null, make: (r) => pick(r, STATES) },
    FACILITY: { type: 'FACILITY_NAME', make: (r) => `${pick(r, FACILITY_HEAD)} ${pick(r, FACILITY_TAIL)}` },
    PHOTO: { type: 'PHOTO', make: (r) => `IMG_${digits(r, 4)}.${pick(r, ['jpg', 'png', 'jpeg'])}` },
  };
}
