/**
 * The coder workstation's calls: the worklist, the coder's non-PHI preferences, and physician
 * (coding) queries built from facts the coder selected in visible sections.
 *
 * A fact is sent as a section handle plus offsets into that section's visible text — never as
 * text: the main process re-derives the text from the current view, so nothing the renderer
 * claims ends up in a query.
 */
import { z } from 'zod';
import { Handle, PurposeSchema } from './chart-contract';

export const CODING_STATUSES = ['open', 'in_progress', 'complete'] as const;
export const CodingStatus = z.enum(CODING_STATUSES);
export type CodingStatus = z.infer<typeof CodingStatus>;

export const QUERY_STATUSES = ['draft', 'sent', 'answered', 'withdrawn'] as const;
export const QueryStatus = z.enum(QUERY_STATUSES);
export type QueryStatus = z.infer<typeof QueryStatus>;

/** The two answer options every compliant multiple-choice query carries (added by the backend). */
export const OTHER_OPTION = 'Other (please specify)';
export const UNDETERMINED_OPTION = 'Clinically undetermined';

const EncounterId = z.number().int().positive();
const QueryId = z.number().int().positive();

export const WorklistFilter = z
  .object({
    /** 'mine': assigned to me; 'available': unassigned; 'all': both (never others' assignments). */
    scope: z.enum(['mine', 'available', 'all']).default('all'),
    status: z.array(CodingStatus).max(3).optional(),
    classCode: z.string().trim().max(16).optional(),
    payer: z.string().trim().max(100).optional(),
    /** Matches encounter number, type or payer. */
    search: z.string().trim().max(100).optional(),
    /** Dates of service overlapping [from, to] (ISO dates). */
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    limit: z.number().int().min(1).max(1000).default(500),
  })
  .strict();
export type WorklistFilter = z.input<typeof WorklistFilter>;

export const WorklistRow = z.object({
  encounterId: z.number().int(),
  classCode: z.string().nullable(),
  type: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  /** Whole days between admission and discharge (inpatient midnights); null when open-ended. */
  lengthOfStay: z.number().int().nullable(),
  payer: z.string().nullable(),
  codingStatus: CodingStatus,
  assignedToMe: z.boolean(),
  documentCount: z.number().int(),
  openQueries: z.number().int(),
});
export type WorklistRow = z.infer<typeof WorklistRow>;

export const CoderPrefs = z.object({
  /** The purpose to declare without asking when an encounter is opened (null: ask every time). */
  rememberedPurpose: PurposeSchema.nullable(),
});
export type CoderPrefs = z.infer<typeof CoderPrefs>;

export const FactRef = z.object({
  sectionId: Handle,
  start: z.number().int().min(0),
  end: z.number().int().min(1),
}).strict().refine((f) => f.end > f.start && f.end - f.start <= 2000, 'a fact is 1 to 2000 characters');
export type FactRef = z.infer<typeof FactRef>;

export const QueryInput = z
  .object({
    question: z.string().trim().max(1000),
    /** Clinically reasonable options; "Other" and "Clinically undetermined" are added by the backend. */
    options: z.array(z.string().trim().min(1).max(200)).max(8),
    facts: z.array(FactRef).max(30),
  })
  .strict();

export const QueryIssue = z.object({
  /** 'leading-language' | 'unsupported-option' | 'missing-question' | 'missing-facts' | 'too-few-options' | 'yes-no' | 'no-provider' */
  kind: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  /** Where: 'question', 'option:2', 'fact:0'. */
  where: z.string(),
});
export type QueryIssue = z.infer<typeof QueryIssue>;

/** One identifier or sensitive label found inside the query: remove it (edit) or justify it. */
export const MnFinding = z.object({
  id: z.string(),
  kind: z.enum(['identifier', 'label']),
  /** Identifier type (NAME, DATE, MRN ...) or DS4P label (PSY, ETH ...). */
  type: z.string(),
  where: z.string(),
  /** The text found (it is already in the coder's view). Labels have none. */
  excerpt: z.string().nullable(),
});
export type MnFinding = z.infer<typeof MnFinding>;

export const QueryFactView = z.object({
  id: z.number().int(),
  ordinal: z.number().int(),
  /** Re-derived from the current view; null when the section is no longer visible (refused on export). */
  text: z.string().nullable(),
  documentTitle: z.string(),
  sectionTitle: z.string(),
  date: z.string().nullable(),
});

export const QueryView = z.object({
  id: z.number().int(),
  encounterId: z.number().int(),
  status: QueryStatus,
  question: z.string(),
  options: z.array(z.string()),
  provider: z.string().nullable(),
  facts: z.array(QueryFactView),
  issues: z.array(QueryIssue),
  findings: z.array(MnFinding),
  answer: z.object({ option: z.string(), note: z.string().nullable(), at: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
  exports: z.number().int(),
});
export type QueryView = z.infer<typeof QueryView>;

export const QuerySummary = z.object({
  id: z.number().int(),
  encounterId: z.number().int(),
  status: QueryStatus,
  question: z.string(),
  factCount: z.number().int(),
  updatedAt: z.string(),
});
export type QuerySummary = z.infer<typeof QuerySummary>;

export const Justifications = z.record(z.string().max(100), z.string().trim().min(5).max(300));

export const coderContract = {
  listWorklist: {
    request: WorklistFilter,
    response: z.object({ rows: z.array(WorklistRow), total: z.number().int(), payers: z.array(z.string()) }),
  },
  claimEncounter: {
    request: z.object({ encounterId: EncounterId, release: z.boolean().default(false) }).strict(),
    response: WorklistRow,
  },
  getCoderPrefs: { request: z.object({}).strict(), response: CoderPrefs },
  setCoderPrefs: { request: CoderPrefs.strict(), response: CoderPrefs },
  createQuery: { request: QueryInput.extend({ encounterId: EncounterId }).strict(), response: QueryView },
  /** Without `facts`, the stored facts are kept. */
  updateQuery: { request: QueryInput.extend({ queryId: QueryId, facts: z.array(FactRef).max(30).optional() }).strict(), response: QueryView },
  getQuery: { request: z.object({ queryId: QueryId }).strict(), response: QueryView },
  listQueries: {
    request: z.object({ encounterId: EncounterId.optional(), status: QueryStatus.optional() }).strict(),
    response: z.array(QuerySummary),
  },
  /** The query as the provider would read it (plain text), with the checks; nothing is written. */
  previewQuery: {
    request: z.object({ queryId: QueryId }).strict(),
    response: z.object({ text: z.string(), query: QueryView }),
  },
  /** Writes the PDF or text to a path the main process asks the user for; needs a recent re-authentication. */
  exportQuery: {
    request: z.object({ queryId: QueryId, format: z.enum(['pdf', 'text']), justifications: Justifications.default({}) }).strict(),
    response: z.object({ bytes: z.number().int(), sha256: z.string(), status: QueryStatus }),
  },
  setQueryStatus: {
    request: z
      .object({
        queryId: QueryId,
        status: z.enum(['sent', 'answered', 'withdrawn']),
        /** For 'answered': the option the provider chose, and their note (required for "Other"). */
        answerOption: z.string().trim().min(1).max(200).optional(),
        answerNote: z.string().trim().max(1000).optional(),
      })
      .strict(),
    response: QueryView,
  },
} as const;
