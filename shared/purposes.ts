/**
 * Declared purposes of use. A session always works under one; the policy maps each to its
 * minimum data set. Codes follow HL7 v3 PurposeOfUse where one fits (HMARKT, TREAT, ...);
 * the rest are local codes of this product. Exceptions lift the minimum-necessary test
 * (164.502(b)(2)) but are still logged as disclosures.
 */
export const PURPOSES = [
  'inpatient_coding',
  'profee_coding',
  'claim_edit',
  'denial_dispute',
  'quality_review',
  'compliance_inquiry',
  'treatment',
  'patient_request',
  'authorization',
  'hhs',
  'required_by_law',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export interface PurposeInfo {
  label: string;
  /** HL7 v3 PurposeOfUse code (v3-ActReason), or a local code. */
  hl7: string;
  /** An exception to the minimum-necessary standard (still logged as a disclosure). */
  exception: boolean;
}

export const PURPOSE_INFO: Record<Purpose, PurposeInfo> = {
  inpatient_coding: { label: 'Inpatient coding', hl7: 'HOPERAT', exception: false },
  profee_coding: { label: 'Professional-fee coding', hl7: 'HOPERAT', exception: false },
  claim_edit: { label: 'Claim edit', hl7: 'CLMATTCH', exception: false },
  denial_dispute: { label: 'Denial dispute', hl7: 'CLMATTCH', exception: false },
  quality_review: { label: 'Quality review (de-identified)', hl7: 'HQUALIMP', exception: false },
  compliance_inquiry: { label: 'Compliance inquiry', hl7: 'HOPERAT', exception: false },
  treatment: { label: 'Treatment', hl7: 'TREAT', exception: true },
  patient_request: { label: 'Disclosure to the patient', hl7: 'PATRQT', exception: true },
  authorization: { label: 'Disclosure under written authorization', hl7: 'PATADMIN', exception: true },
  hhs: { label: 'Disclosure to HHS', hl7: 'HCOMPL', exception: true },
  required_by_law: { label: 'Disclosure required by law', hl7: 'LEGAL', exception: true },
};

export const isPurpose = (s: string): s is Purpose => (PURPOSES as readonly string[]).includes(s);
