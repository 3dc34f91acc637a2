/**
 * Presidio's synthetic sentences (../shared/corpora/synthetic-pii/synth_dataset_v2.json) with their
 * types mapped onto ours. Types that Safe Harbor does not cover (organisations, titles, nationalities,
 * countries and states, years, weekdays, ages up to 89) become IGNORE: neither credited nor penalised.
 */
import fs from 'node:fs';
import type { IdentifierType } from '../../shared/identifier-types';
import type { EvalDoc, GoldSpan } from './types';

interface PresidioRecord {
  full_text: string;
  spans: { entity_type: string; entity_value: string; start_position: number; end_position: number }[];
}

const MAP: Record<string, IdentifierType | 'IGNORE'> = {
  PERSON: 'NAME',
  STREET_ADDRESS: 'ADDRESS',
  GPE: 'LOCATION',
  ORGANIZATION: 'IGNORE',
  CREDIT_CARD: 'ACCOUNT_NUMBER',
  DATE_TIME: 'DATE',
  TITLE: 'IGNORE',
  PHONE_NUMBER: 'PHONE',
  AGE: 'AGE_OVER_89',
  NRP: 'IGNORE',
  EMAIL_ADDRESS: 'EMAIL',
  ZIP_CODE: 'ZIP',
  DOMAIN_NAME: 'URL',
  IBAN_CODE: 'ACCOUNT_NUMBER',
  US_SSN: 'SSN',
  IP_ADDRESS: 'IP_ADDRESS',
  US_DRIVER_LICENSE: 'LICENSE_NUMBER',
};

function mapSpan(type: string, value: string, countriesAndStates: Set<string>): IdentifierType | 'IGNORE' {
  const t = MAP[type] ?? 'IGNORE';
  if (t === 'LOCATION' && countriesAndStates.has(value.trim().toLowerCase())) return 'IGNORE';
  if (t === 'AGE_OVER_89') return Number(value.replace(/\D/g, '')) > 89 ? t : 'IGNORE';
  // a year, weekday, time or relative day is not a Safe Harbor date element
  if (t === 'DATE' && !/\d{1,2}[/.-]\d{1,2}|\d{4}-\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d(st|nd|rd|th)?\s+(of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(value)) return 'IGNORE';
  return t;
}

export function loadSyntheticPii(file: string, countriesAndStates: Set<string>): EvalDoc[] {
  const records = JSON.parse(fs.readFileSync(file, 'utf8')) as PresidioRecord[];
  return records.map((r, i) => ({
    id: `synth-${i}`,
    text: r.full_text,
    gold: r.spans.map((s): GoldSpan => ({ start: s.start_position, end: s.end_position, type: mapSpan(s.entity_type, s.entity_value, countriesAndStates) })),
  }));
}
