/**
 * Document kinds from LOINC document codes (C-CDA ClinicalDocument/code, FHIR DocumentReference.type)
 * or from a free-text type/title (CSV notes), as stored in `document.doc_type`.
 */
const BY_LOINC: Record<string, string> = {
  '18842-5': 'discharge-summary',
  '34117-2': 'history-and-physical',
  '11506-3': 'progress-note',
  '11504-8': 'operative-note',
  '34109-9': 'progress-note',
  '11488-4': 'consult',
  '28570-0': 'procedure-note',
  '18748-4': 'imaging-report',
  '57133-1': 'referral-note',
  '18761-7': 'transfer-summary',
  '34133-9': 'summary-of-episode',
  '52521-2': 'care-plan',
  '18776-5': 'care-plan',
  '11502-2': 'result',
  '34111-5': 'emergency-note',
  '68834-1': 'consult',
};

export function docTypeFromLoinc(code: string | null | undefined): string | null {
  return code ? (BY_LOINC[code.trim()] ?? null) : null;
}

const BY_WORDS: Array<[RegExp, string]> = [
  [/discharge/i, 'discharge-summary'],
  [/history (and|&) physical|\bh ?& ?p\b/i, 'history-and-physical'],
  [/operative|surgery|surgical/i, 'operative-note'],
  [/consult/i, 'consult'],
  [/procedure/i, 'procedure-note'],
  [/radiology|imaging/i, 'imaging-report'],
  [/progress|soap|office note|follow.?up/i, 'progress-note'],
  [/lab|pathology|result/i, 'result'],
  [/emergency/i, 'emergency-note'],
];

/** A document kind from free text (a CSV column, a title); 'note' when nothing fits. */
export function docTypeFromText(text: string | null | undefined): string {
  if (!text) return 'note';
  for (const [re, t] of BY_WORDS) if (re.test(text)) return t;
  return 'note';
}
