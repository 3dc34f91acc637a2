/**
 * Role-scoped chart views: what the renderer may receive about a chart. Built in the main process
 * by the view builder (electron/core/redaction/views/) from stored analysis + policy + grants.
 *
 * Masked content never arrives: a masked section is a placeholder with an opaque request handle, the
 * rule id and a rationale worded so it reveals nothing (no text, length, hash or sensitivity label).
 * Ids in views are opaque per-session handles, so gaps in numbering reveal nothing either.
 */
import { z } from 'zod';
import { PURPOSES } from './purposes';

export const PurposeSchema = z.enum(PURPOSES);
/** An opaque per-session handle ("d_…", "s_…", "r_…"): resolved only in the main process. */
export const Handle = z.string().regex(/^[a-z]_[A-Za-z0-9_-]{6,64}$/);

/** An identifier token in visible text: `[NAME]`, `[PHONE]`, a generalized date `2019`, ... */
export const TokenMark = z.object({
  start: z.number().int(),
  end: z.number().int(),
  type: z.string(),
  mode: z.enum(['mask', 'generalize']),
});

export const VisibleSection = z.object({
  visibility: z.literal('visible'),
  id: Handle,
  loinc: z.string(),
  title: z.string(),
  /** The section text with identifiers replaced or generalized as the policy says. */
  text: z.string(),
  tokens: z.array(TokenMark),
  /** Labels shown only when the user is entitled to see this section (it is visible to them). */
  labels: z.array(z.string()),
  ruleId: z.string(),
});

export const MaskedSection = z.object({
  visibility: z.literal('masked'),
  /** Opaque handle for "Request access"; reveals nothing about what is behind it. */
  requestHandle: Handle,
  ruleId: z.string(),
  /** e.g. "Restricted — not needed for inpatient coding". Never names a label or the content. */
  rationale: z.string(),
});

export const SectionView = z.discriminatedUnion('visibility', [VisibleSection, MaskedSection]);
export type SectionView = z.infer<typeof SectionView>;

export const DocumentSummary = z.object({
  id: Handle,
  /** 'discharge-summary' | 'history-and-physical' | 'progress-note' | 'operative-note' | 'consult' | 'result' | 'scanned' | ... */
  docType: z.string(),
  title: z.string(),
  /** Date as the policy allows (ISO date, or year when generalized). */
  date: z.string().nullable(),
  needsReview: z.boolean(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const DocumentView = DocumentSummary.extend({ sections: z.array(SectionView) });
export type DocumentView = z.infer<typeof DocumentView>;

export const CodedItem = z.object({ system: z.string(), code: z.string(), display: z.string().nullable(), date: z.string().nullable() });
export const LabItem = CodedItem.extend({
  value: z.string().nullable(),
  unit: z.string().nullable(),
  /** HL7 interpretation: 'H' | 'L' | 'HH' | 'LL' | 'A' | 'N' | null */
  flag: z.string().nullable(),
});

export const EncounterHeader = z.object({
  id: z.number().int(),
  /** Patient as the policy shows it for this purpose (e.g. "[NAME]" or initials) and the MRN when allowed. */
  patientLabel: z.string(),
  mrn: z.string().nullable(),
  classCode: z.string().nullable(),
  type: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  attending: z.string().nullable(),
});

export const ChartView = z.object({
  encounter: EncounterHeader,
  purpose: PurposeSchema,
  documents: z.array(DocumentSummary),
  structured: z.object({
    diagnoses: z.array(CodedItem),
    procedures: z.array(CodedItem),
    medications: z.array(CodedItem),
    labs: z.array(LabItem),
  }),
});
export type ChartView = z.infer<typeof ChartView>;

export const FindHit = z.object({ documentId: Handle, sectionId: Handle, count: z.number().int() });

export const chartContract = {
  /**
   * Declares the session's purpose for one encounter (its worklist or a grant must give the caller
   * that encounter); audited. Required before openChart, openDocument and findInChart of it.
   */
  declarePurpose: {
    request: z.object({ purpose: PurposeSchema, encounterId: z.number().int().positive() }).strict(),
    response: z.object({ purpose: PurposeSchema }),
  },
  openChart: {
    request: z.object({ encounterId: z.number().int().positive() }).strict(),
    response: ChartView,
  },
  openDocument: {
    request: z.object({ documentId: Handle }).strict(),
    response: DocumentView,
  },
  findInChart: {
    request: z.object({ encounterId: z.number().int().positive(), query: z.string().trim().min(2).max(200) }).strict(),
    response: z.object({ hits: z.array(FindHit), total: z.number().int() }),
  },
} as const;
