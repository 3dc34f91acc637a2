/**
 * Invented people, places and organisations for the demo charts: small hand-written pools (no
 * real patients, nothing from ../shared), plus identifiers that pass their checks (NPI Luhn, SSN
 * issuance rules) so the identifier detector treats them like real ones.
 */
import { npiValid, luhnValid } from '../../redaction/identifiers/checksums';
import type { Prng } from './prng';

export const GIVEN_FEMALE = [
  'Marisol', 'Henrietta', 'Priyanka', 'Josephine', 'Delphine', 'Rosalind', 'Imogen', 'Beatriz', 'Wilhelmina', 'Odessa',
  'Tamsin', 'Evangeline', 'Leonora', 'Marguerite', 'Ximena', 'Philippa', 'Cordelia', 'Annika', 'Lucinda', 'Genevieve',
] as const;
export const GIVEN_MALE = [
  'Thaddeus', 'Bartholomew', 'Cornelius', 'Anselm', 'Leopold', 'Percival', 'Rafferty', 'Ignatius', 'Ezekiel', 'Florian',
  'Montgomery', 'Desmond', 'Augustin', 'Lysander', 'Barnaby', 'Casimir', 'Evander', 'Octavio', 'Fitzgerald', 'Sebastian',
] as const;
export const FAMILY = [
  'Okonkwo', 'Vanderhoeven', 'Castellanos', 'Abernathy', 'Szymanski', 'Delacroix', 'Whitlock', 'Fairweather', 'Ravensworth',
  'Quintanilla', 'Blackwood', 'Thistlewaite', 'Montgomery-Hale', 'Kowalczyk', 'Ashcombe', 'Pendergast', 'Halvorsen',
  'Marchetti', 'Oyelaran', 'Lindqvist', 'Featherstone', 'Dragomir', 'Villanueva', 'Hargreaves', 'Nakashima',
] as const;
const STREETS = ['Juniper Hollow Road', 'Larkspur Lane', 'Old Mill Court', 'Briarcliff Avenue', 'Harbor View Drive', 'Chestnut Ridge Way', 'Wexford Street', 'Sycamore Bend', 'Tanager Circle', 'Foxglove Terrace'] as const;
const CITIES = [
  { city: 'Millbrook', state: 'MA', zip: '01742', area: '978' },
  { city: 'Cedar Falls', state: 'OH', zip: '44212', area: '330' },
  { city: 'Port Ellery', state: 'ME', zip: '04101', area: '207' },
  { city: 'Granite Springs', state: 'NH', zip: '03301', area: '603' },
  { city: 'Willow Bend', state: 'IL', zip: '60187', area: '630' },
  { city: 'Riverton', state: 'NJ', zip: '08077', area: '856' },
] as const;
const RELATIVES = ['wife', 'husband', 'daughter', 'son', 'sister', 'partner'] as const;

export interface DemoPerson {
  givenName: string;
  familyName: string;
  sex: 'female' | 'male';
  birthDate: string;
  addressLine: string;
  city: string;
  state: string;
  postalCode: string;
  phone: string;
  mrn: string;
  ssn: string;
  /** Emergency contact named in the notes (a relative's name is PHI too). */
  contactName: string;
  contactRelation: string;
  contactPhone: string;
  flags: string[];
}

export interface DemoParty {
  key: string;
  name: string;
  npi: string;
  specialty: string;
}

export interface DemoPayer {
  key: string;
  name: string;
  payerId: string;
  plan: string;
  memberPrefix: string;
}

/** Completes 9 digits (starting 1 or 2) into a Luhn-valid NPI. */
export function npiFrom(nine: string): string {
  for (let d = 0; d <= 9; d++) if (npiValid(nine + d)) return nine + d;
  throw new Error('unreachable: one check digit always fits');
}

function phone(rng: Prng, area: string): string {
  return `(${area}) ${rng.int(201, 989)}-${rng.digits(4)}`;
}

function ssn(rng: Prng): string {
  const area = String(rng.int(101, 665)).padStart(3, '0');
  return `${area}-${String(rng.int(10, 99))}-${String(rng.int(1000, 9999))}`;
}

/** Luhn-valid 8-digit MRN (as many hospitals use), unique per index. */
function mrn(rng: Prng, index: number): string {
  const body = `${rng.int(1, 9)}${String(index % 1000).padStart(3, '0')}${rng.digits(3)}`;
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  return body + '0';
}

export function makePerson(rng: Prng, index: number, asOf: Date, female?: boolean): DemoPerson {
  const drawn = rng.chance(0.52) ? 'female' : 'male';
  const sex = female ? 'female' : drawn;
  const givenName = rng.pick(sex === 'female' ? GIVEN_FEMALE : GIVEN_MALE);
  const familyName = rng.pick(FAMILY);
  // Every seventh patient is over 89 (ages over 89 are identifiers of their own).
  const age = index % 7 === 3 ? rng.int(90, 97) : rng.int(19, 84);
  const birth = new Date(Date.UTC(asOf.getUTCFullYear() - age - 1, rng.int(0, 11), rng.int(1, 28)));
  const place = rng.pick(CITIES);
  const flags: string[] = [];
  if (index % 9 === 4) flags.push('VIP');
  if (index % 11 === 5) flags.push('EMPLOYEE');
  const contactGiven = rng.pick(rng.chance(0.5) ? GIVEN_FEMALE : GIVEN_MALE);
  return {
    givenName,
    familyName,
    sex,
    birthDate: birth.toISOString().slice(0, 10),
    addressLine: `${rng.int(12, 9870)} ${rng.pick(STREETS)}`,
    city: place.city,
    state: place.state,
    postalCode: place.zip,
    phone: phone(rng, place.area),
    mrn: mrn(rng, index),
    ssn: ssn(rng),
    contactName: `${contactGiven} ${familyName}`,
    contactRelation: rng.pick(RELATIVES),
    contactPhone: phone(rng, place.area),
    flags,
  };
}

/** Fixed reference data (the same for every seed, so re-running upserts them in place). */
export const PRACTITIONERS: readonly DemoParty[] = [
  ['Eleanor Vasquez-Moreau', 'Internal Medicine', '123456789'],
  ['Rupert Alderidge', 'Hospital Medicine', '134567890'],
  ['Simone Achterberg', 'Orthopaedic Surgery', '145678901'],
  ['Kwame Oduya', 'General Surgery', '156789012'],
  ['Harriet Lindgren', 'Psychiatry', '167890123'],
  ['Mateo Brightwater', 'Infectious Disease', '178901234'],
  ['Constance Okafor', 'Obstetrics and Gynecology', '189012345'],
  ['Dashiell Penhallow', 'Emergency Medicine', '190123456'],
  ['Ingrid Solvang', 'Medical Genetics', '112233445'],
  ['Ambrose Kettering', 'Cardiology', '122334455'],
].map(([name, specialty, nine], i) => ({ key: `practitioner-${i + 1}`, name: name!, specialty: specialty!, npi: npiFrom(nine!) }));

export const FACILITIES: readonly DemoParty[] = [
  { key: 'facility-1', name: 'Saint Brendan Regional Medical Center', specialty: 'hospital', npi: npiFrom('198765432') },
  { key: 'facility-2', name: 'Harborview Family Health Clinic', specialty: 'clinic', npi: npiFrom('187654321') },
];

export const PAYERS: readonly DemoPayer[] = [
  { key: 'payer-1', name: 'Aetna Better Health', payerId: '60054', plan: 'Aetna Choice POS II', memberPrefix: 'W' },
  { key: 'payer-2', name: 'Blue Cross Blue Shield of Massachusetts', payerId: '00700', plan: 'Blue Care Elect PPO', memberPrefix: 'XJB' },
  { key: 'payer-3', name: 'Medicare Part A and B', payerId: '14212', plan: 'Original Medicare', memberPrefix: '1EG4' },
  { key: 'payer-4', name: 'UnitedHealthcare', payerId: '87726', plan: 'Choice Plus', memberPrefix: 'U' },
];

export const practitionerBySpecialty = (specialty: string): DemoParty =>
  PRACTITIONERS.find((p) => p.specialty === specialty) ?? PRACTITIONERS[0]!;
