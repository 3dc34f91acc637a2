/**
 * The biller workstation's calls: the denial worklist, the dispute packet builder (draft → identifier
 * check → re-authenticated export), packet history, and the accounting of disclosures.
 *
 * Excerpts are named only by opaque section handles from the caller's current view plus optional
 * offsets into that section's visible text; the main process re-derives the text itself. The
 * renderer never sends chart text.
 */
import { z } from 'zod';
import { Handle } from './chart-contract';
import { PURPOSE_INFO, PURPOSES, type Purpose } from './purposes';

/** Purposes that lift the minimum-necessary test but are still logged as disclosures. */
export const EXCEPTION_PURPOSES = PURPOSES.filter((p) => PURPOSE_INFO[p].exception) as [Purpose, ...Purpose[]];

export const WORK_STATUSES = ['new', 'in_work', 'sent', 'won', 'lost'] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];
export const WorkStatusSchema = z.enum(WORK_STATUSES);

export const AGE_BUCKETS = ['0-30', '31-60', '61-90', '91-120', '>120'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
export const AgeBucketSchema = z.enum(AGE_BUCKETS);

export const WORKLIST_SORTS = ['age', 'billed', 'paid', 'claimNumber', 'payer', 'status', 'serviceStart'] as const;

const Money = z.number().nullable();
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const AdjustmentView = z.object({
  lineNo: z.number().int().nullable(),
  group: z.string(),
  code: z.string(),
  description: z.string(),
  amount: z.number(),
});
export const RemarkView = z.object({ lineNo: z.number().int().nullable(), code: z.string(), description: z.string() });

export const DenialRow = z.object({
  remitClaimId: z.number().int(),
  claimId: z.number().int().nullable(),
  claimNumber: z.string(),
  payerName: z.string().nullable(),
  serviceStart: z.string().nullable(),
  serviceEnd: z.string().nullable(),
  billed: Money,
  paid: Money,
  remitDate: z.string().nullable(),
  ageDays: z.number().int().nullable(),
  ageBucket: AgeBucketSchema.nullable(),
  status: WorkStatusSchema,
  statusCode: z.string().nullable(),
  adjustments: z.array(AdjustmentView),
  remarks: z.array(RemarkView),
  packets: z.number().int(),
});
export type DenialRow = z.infer<typeof DenialRow>;

export const ClaimLineView = z.object({
  lineNo: z.number().int(),
  serviceDate: z.string().nullable(),
  codeSystem: z.string().nullable(),
  code: z.string().nullable(),
  modifiers: z.array(z.string()),
  units: z.number().nullable(),
  charge: Money,
  paid: Money,
  renderingNpi: z.string().nullable(),
});

export const ClaimSummary = z.object({
  /** The stored claim; null when the claim is known only from its remittance (an 835 alone). */
  claimId: z.number().int().nullable(),
  /** The remittance claim the summary reads (the claim itself when claimId is null). */
  remitClaimId: z.number().int().nullable().optional(),
  claimNumber: z.string(),
  claimType: z.string().nullable(),
  payerName: z.string().nullable(),
  payerId: z.string().nullable(),
  payerClaimControl: z.string().nullable(),
  memberId: z.string().nullable(),
  billingNpi: z.string().nullable(),
  renderingNpi: z.string().nullable(),
  serviceStart: z.string().nullable(),
  serviceEnd: z.string().nullable(),
  totalCharge: Money,
  billed: Money,
  paid: Money,
  diagnoses: z.array(z.object({ seq: z.number().int(), system: z.string(), code: z.string() })),
  lines: z.array(ClaimLineView),
  adjustments: z.array(AdjustmentView),
  remarks: z.array(RemarkView),
  status: WorkStatusSchema,
});
export type ClaimSummary = z.infer<typeof ClaimSummary>;

export const ExcerptSourceSection = z.object({ id: Handle, title: z.string(), loinc: z.string(), text: z.string() });
export const ExcerptSourceDocument = z.object({
  id: Handle,
  title: z.string(),
  docType: z.string(),
  date: z.string().nullable(),
  sections: z.array(ExcerptSourceSection),
  /** Sections the current view withholds (count). */
  masked: z.number().int(),
  /** Their placeholders: an opaque handle for "Request access" and a rationale that reveals nothing. */
  withheld: z.array(z.object({ requestHandle: Handle, rationale: z.string() })),
});
export type ExcerptSourceDocument = z.infer<typeof ExcerptSourceDocument>;

/** One excerpt the user picked: a visible section, or a span of its visible text, and why. */
export const ExcerptPick = z
  .object({
    sectionId: Handle,
    start: z.number().int().min(0).optional(),
    end: z.number().int().min(1).optional(),
    reason: z
      .string()
      .trim()
      .min(3, 'Give a one-line reason for each excerpt.')
      .max(200)
      .regex(/^[^\r\n]*$/, 'The reason is one line.'),
  })
  .strict();
export type ExcerptPick = z.infer<typeof ExcerptPick>;

export const IdentifierFound = z.object({ type: z.string(), text: z.string(), count: z.number().int(), where: z.array(z.string()) });
export type IdentifierFound = z.infer<typeof IdentifierFound>;

export const PacketCheck = z.object({
  checkId: z.string(),
  pages: z.number().int(),
  elements: z.array(z.string()),
  identifiers: z.array(IdentifierFound),
  labels: z.array(z.string()),
  excerpts: z.array(z.object({ ref: z.string(), document: z.string(), section: z.string(), date: z.string().nullable(), reason: z.string(), text: z.string() })),
});
export type PacketCheck = z.infer<typeof PacketCheck>;

export const PacketHistoryRow = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  recipient: z.string(),
  preparedBy: z.string(),
  pages: z.number().int(),
  bytes: z.number().int(),
  sha256: z.string(),
  excerpts: z.number().int(),
});

export const DisclosureRow = z.object({
  id: z.number().int(),
  disclosedAt: z.string(),
  recipient: z.string(),
  purpose: z.string(),
  purposeLabel: z.string(),
  exception: z.boolean(),
  description: z.string(),
  excerptIds: z.array(z.string()),
  packetId: z.number().int().nullable(),
  sha256: z.string().nullable(),
  disclosedBy: z.string().nullable(),
});
export type DisclosureRow = z.infer<typeof DisclosureRow>;

const DisclosureQuery = {
  /** The patient's MRN, or "#<internal id>". */
  patient: z.string().trim().min(1).max(64),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
};

const LetterTemplate = z.string().max(8000);
const ClaimId = z.number().int().positive();
/** A stored claim (claimId) or a remittance-only claim of the worklist (its remitClaimId): exactly one. */
const ClaimRefFields = { claimId: ClaimId.optional(), remitClaimId: ClaimId.optional() };
const oneClaimRef = (r: { claimId?: number; remitClaimId?: number }) => (r.claimId === undefined) !== (r.remitClaimId === undefined);
const ONE_CLAIM_REF = { message: 'Name the claim by claimId or remitClaimId (one of them).' };

export const packetsContract = {
  denialWorklist: {
    request: z
      .object({
        status: z.array(WorkStatusSchema).max(5).optional(),
        bucket: z.array(AgeBucketSchema).max(5).optional(),
        payer: z.string().trim().max(100).optional(),
        code: z.string().trim().max(10).optional(),
        search: z.string().trim().max(64).optional(),
        sort: z.enum(WORKLIST_SORTS).default('age'),
        dir: z.enum(['asc', 'desc']).default('desc'),
        limit: z.number().int().min(1).max(5000).default(1000),
      })
      .strict(),
    response: z.object({ rows: z.array(DenialRow), total: z.number().int(), payers: z.array(z.string()) }),
  },
  setDenialStatus: {
    request: z.object({ claimId: ClaimId, status: WorkStatusSchema }).strict(),
    response: z.object({ claimId: z.number().int(), status: WorkStatusSchema }),
  },
  packetDraft: {
    request: z.object(ClaimRefFields).strict().refine(oneClaimRef, ONE_CLAIM_REF),
    response: z.object({
      summary: ClaimSummary,
      letterTemplate: LetterTemplate,
      recipient: z.string(),
      sources: z.array(ExcerptSourceDocument),
      history: z.array(PacketHistoryRow),
    }),
  },
  saveLetterTemplate: {
    request: z.object({ template: LetterTemplate.min(1) }).strict(),
    response: z.object({ template: LetterTemplate }),
  },
  packetCheck: {
    request: z
      .object({
        ...ClaimRefFields,
        recipient: z.string().trim().min(1).max(200),
        letter: LetterTemplate.min(1),
        excerpts: z.array(ExcerptPick).max(50),
      })
      .strict()
      .refine(oneClaimRef, ONE_CLAIM_REF),
    response: PacketCheck,
  },
  packetExport: {
    request: z.object({ checkId: z.string().min(8).max(64), confirmed: z.literal(true) }).strict(),
    response: z.object({
      packetId: z.number().int(),
      sha256: z.string(),
      pages: z.number().int(),
      bytes: z.number().int(),
      /** The name of the file the main process wrote where the user chose (no path). */
      fileName: z.string(),
    }),
  },
  packetHistory: {
    request: z.object(ClaimRefFields).strict().refine(oneClaimRef, ONE_CLAIM_REF),
    response: z.array(PacketHistoryRow),
  },
  disclosureReport: {
    request: z.object(DisclosureQuery).strict(),
    response: z.object({ patientLabel: z.string(), rows: z.array(DisclosureRow) }),
  },
  recordExceptionDisclosure: {
    request: z
      .object({
        patient: DisclosureQuery.patient,
        disclosedOn: IsoDate,
        recipient: z.string().trim().min(1).max(200),
        purpose: z.enum(EXCEPTION_PURPOSES),
        description: z.string().trim().min(3).max(500),
      })
      .strict(),
    response: z.object({ id: z.number().int() }),
  },
  disclosureExport: {
    request: z.object({ ...DisclosureQuery, format: z.enum(['csv', 'pdf']) }).strict(),
    response: z.object({ fileName: z.string(), rows: z.number().int() }),
  },
} as const;
