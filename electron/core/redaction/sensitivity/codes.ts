/**
 * Labels from coded data: ICD-10-CM ranges (compared on the code without its dot, by prefix, so
 * `F10`–`F19` covers F10.20 and F19.99, and `O00`–`O9A` covers O9A.11), and the SNOMED CT and LOINC
 * codes listed in the sensitivity lexicon.
 */
import type { Ds4pLabel } from '../types';
import { defaultSensitivityLexicon, normalizeIcd, type SensitivityLexicon } from './lexicon';

export type CodeSystem = 'ICD-10-CM' | 'SNOMED' | 'LOINC';

export interface CodedConcept {
  system: CodeSystem;
  code: string;
}

export function icdLabels(code: string, lex: SensitivityLexicon = defaultSensitivityLexicon()): Ds4pLabel[] {
  const c = normalizeIcd(code);
  const out = new Set<Ds4pLabel>();
  for (const r of lex.icd10cm) {
    if (c.length < r.from.length) continue;
    if (c.slice(0, r.from.length) >= r.from && c.slice(0, r.to.length) <= r.to) for (const l of r.labels) out.add(l);
  }
  return [...out];
}

export function labelsForCode(concept: CodedConcept, lex: SensitivityLexicon = defaultSensitivityLexicon()): Ds4pLabel[] {
  switch (concept.system) {
    case 'ICD-10-CM':
      return icdLabels(concept.code, lex);
    case 'SNOMED':
      return [...(lex.snomed.get(concept.code.trim()) ?? [])];
    case 'LOINC':
      return [...(lex.loinc.get(concept.code.trim()) ?? [])];
  }
}

export function labelsForCodes(concepts: readonly CodedConcept[], lex: SensitivityLexicon = defaultSensitivityLexicon()): Ds4pLabel[] {
  const out = new Set<Ds4pLabel>();
  for (const c of concepts) for (const l of labelsForCode(c, lex)) out.add(l);
  return sortLabels(out);
}

const ORDER = ['ETH', 'PSY', 'PSYTHPN', 'HIV', 'STD', 'SEX', 'GDIS', 'SDV'];
export const sortLabels = (labels: Iterable<Ds4pLabel>): Ds4pLabel[] => [...labels].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
