/**
 * Code systems by the short names stored in `code_system` columns, and the FHIR system URIs and
 * HL7 OIDs (C-CDA `codeSystem`) that name them. A system we do not know keeps its URI/OID.
 */
export const CODE_SYSTEMS = ['ICD-10-CM', 'ICD-10-PCS', 'ICD-10', 'ICD-9-CM', 'SNOMED', 'CPT', 'HCPCS', 'LOINC', 'RxNorm', 'CVX', 'NDC'] as const;
export type CodeSystemName = (typeof CODE_SYSTEMS)[number];

const FHIR_URIS: Record<string, CodeSystemName> = {
  'http://snomed.info/sct': 'SNOMED',
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD-10-CM',
  'http://hl7.org/fhir/sid/icd-10': 'ICD-10',
  'http://hl7.org/fhir/sid/icd-9-cm': 'ICD-9-CM',
  'http://www.cms.gov/medicare/coding/icd10': 'ICD-10-PCS',
  'http://hl7.org/fhir/sid/icd-10-pcs': 'ICD-10-PCS',
  'http://www.icd10data.com/icd10pcs': 'ICD-10-PCS',
  'http://www.ama-assn.org/go/cpt': 'CPT',
  'http://ama-assn.org/go/cpt': 'CPT',
  'https://www.cms.gov/medicare/coding/hcpcsreleasecodesets': 'HCPCS',
  'http://www.cms.gov/medicare/coding/hcpcsreleasecodesets': 'HCPCS',
  'urn:oid:2.16.840.1.113883.6.285': 'HCPCS',
  'http://loinc.org': 'LOINC',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RxNorm',
  'http://hl7.org/fhir/sid/cvx': 'CVX',
  'http://hl7.org/fhir/sid/ndc': 'NDC',
};

const OIDS: Record<string, CodeSystemName> = {
  '2.16.840.1.113883.6.96': 'SNOMED',
  '2.16.840.1.113883.6.90': 'ICD-10-CM',
  '2.16.840.1.113883.6.3': 'ICD-10',
  '2.16.840.1.113883.6.4': 'ICD-10-PCS',
  '2.16.840.1.113883.6.103': 'ICD-9-CM',
  '2.16.840.1.113883.6.12': 'CPT',
  '2.16.840.1.113883.6.285': 'HCPCS',
  '2.16.840.1.113883.6.14': 'HCPCS',
  '2.16.840.1.113883.6.1': 'LOINC',
  '2.16.840.1.113883.6.88': 'RxNorm',
  '2.16.840.1.113883.12.292': 'CVX',
  '2.16.840.1.113883.6.69': 'NDC',
};

/** The short name for a FHIR `Coding.system` (URI or urn:oid), or the URI itself when unknown. */
export function systemFromFhir(uri: string | undefined | null): string {
  if (!uri) return 'unknown';
  const u = uri.trim();
  const known = FHIR_URIS[u.toLowerCase().replace(/\/+$/, '')];
  if (known) return known;
  if (u.startsWith('urn:oid:')) return OIDS[u.slice(8)] ?? u;
  return u;
}

/** The short name for an HL7 OID (C-CDA `codeSystem`), or `urn:oid:<oid>` when unknown. */
export function systemFromOid(oid: string | undefined | null): string {
  if (!oid) return 'unknown';
  const o = oid.trim();
  return OIDS[o] ?? `urn:oid:${o}`;
}
