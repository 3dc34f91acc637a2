/**
 * The identifier vocabulary of the redaction engine: the 18 Safe Harbor identifiers of
 * 45 CFR 164.514(b)(2)(i)(A)–(R), split where a purpose needs finer control (provider and
 * facility names, revenue-cycle ids). Pure data: imported by core, renderer and policy alike.
 */
export const IDENTIFIER_TYPES = [
  'NAME', // (A) patient, relatives, employers, household members
  'PROVIDER_NAME', // (A) clinicians: their own type, since some purposes keep them
  'FACILITY_NAME', // hospitals, clinics: their own type
  'ADDRESS', // (B) street address, PO box
  'LOCATION', // (B) city, county, town, other geographic unit smaller than a state
  'ZIP', // (B) ZIP code
  'DATE', // (C) dates (other than year) directly related to the individual
  'AGE_OVER_89', // (C) ages over 89
  'PHONE', // (D)
  'FAX', // (E)
  'EMAIL', // (F)
  'SSN', // (G)
  'MRN', // (H)
  'HEALTH_PLAN_ID', // (I) health plan beneficiary / member / subscriber / policy / group number
  'ACCOUNT_NUMBER', // (J) patient account, billing account, card and bank numbers
  'LICENSE_NUMBER', // (K) certificate / license numbers, DEA
  'VEHICLE_ID', // (L) VIN, licence plate
  'DEVICE_ID', // (M) device identifiers and serial numbers, UDI
  'URL', // (N)
  'IP_ADDRESS', // (O)
  'BIOMETRIC_ID', // (P) finger / voice prints
  'PHOTO', // (Q) full-face photographs and comparable images
  'OTHER_ID', // (R) any other unique identifying number, characteristic or code
  'CLAIM_NUMBER', // revenue cycle: payer claim / ICN / DCN
  'PRIOR_AUTH_NUMBER', // revenue cycle: prior authorization / referral number
  'NPI', // revenue cycle: National Provider Identifier (Luhn-checked with prefix 80840)
] as const;

export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** Letter of 164.514(b)(2)(i) each type falls under. */
export const SAFE_HARBOR_CATEGORY: Record<IdentifierType, string> = {
  NAME: 'A',
  PROVIDER_NAME: 'A',
  FACILITY_NAME: 'B',
  ADDRESS: 'B',
  LOCATION: 'B',
  ZIP: 'B',
  DATE: 'C',
  AGE_OVER_89: 'C',
  PHONE: 'D',
  FAX: 'E',
  EMAIL: 'F',
  SSN: 'G',
  MRN: 'H',
  HEALTH_PLAN_ID: 'I',
  ACCOUNT_NUMBER: 'J',
  LICENSE_NUMBER: 'K',
  VEHICLE_ID: 'L',
  DEVICE_ID: 'M',
  URL: 'N',
  IP_ADDRESS: 'O',
  BIOMETRIC_ID: 'P',
  PHOTO: 'Q',
  OTHER_ID: 'R',
  CLAIM_NUMBER: 'R',
  PRIOR_AUTH_NUMBER: 'R',
  NPI: 'R',
};

/** The placeholder a masked identifier of each type becomes in a view. */
export const MASK_TOKEN: Record<IdentifierType, string> = Object.fromEntries(
  IDENTIFIER_TYPES.map((t) => [t, `[${t}]`]),
) as Record<IdentifierType, string>;

/** One detected identifier: text === source.slice(start, end). confidence in (0, 1]. */
export interface IdentifierSpan {
  start: number;
  end: number;
  type: IdentifierType;
  text: string;
  confidence: number;
}

export const isIdentifierType = (s: string): s is IdentifierType => (IDENTIFIER_TYPES as readonly string[]).includes(s);
