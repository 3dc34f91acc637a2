/** Shared shapes of the redaction engine's section analysis. Offsets are UTF-16 indices into the original text. */

/** DS4P (HL7 v3 ActCode) sensitivity labels this engine assigns. */
export const DS4P_LABELS = ['ETH', 'PSY', 'PSYTHPN', 'HIV', 'STD', 'SEX', 'GDIS', 'SDV'] as const;
export type Ds4pLabel = (typeof DS4P_LABELS)[number];

/** A LOINC document-section code such as '10164-2', or 'unknown'. */
export type SectionCode = string;
export const UNKNOWN_SECTION: SectionCode = 'unknown';

/** One section of a note: [start, end) tiles the text together with its neighbours. */
export interface Segment {
  start: number;
  end: number;
  /** End of the header (after its `:` or `:,`); equals start for the preamble. The body is [bodyStart, end). */
  bodyStart: number;
  /** The header as written, trimmed (`HISTORY OF PRESENT ILLNESS`); '' for the preamble. */
  title: string;
  loinc: SectionCode;
}

export interface SensitiveSpan {
  start: number;
  end: number;
  labels: Ds4pLabel[];
  /** What matched: the lexicon term, or `ICD-10-CM F10.20`. */
  term: string;
  source: 'text' | 'code';
  /** A negated mention ('denies alcohol use'): recorded, but it does not make the section label-positive. */
  negated: boolean;
  /** 'family' when the mention is about a relative ('mother had ...', or inside the family-history section). */
  experiencer: 'patient' | 'family';
}

export interface AnalyzedSection {
  start: number;
  end: number;
  bodyStart: number;
  loinc: SectionCode;
  title: string;
  labels: Ds4pLabel[];
  spans: SensitiveSpan[];
}
