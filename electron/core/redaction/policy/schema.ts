/**
 * The policy file's schema (resources/policy/default.json): role × purpose → minimum data set.
 * Every decision the view builder makes names one of these rules (id + one-line rationale).
 */
import { z } from 'zod';
import { IDENTIFIER_TYPES } from '../../../../shared/identifier-types';
import { PURPOSES } from '../../../../shared/purposes';
import { ROLES } from '../../../../shared/roles';
import { DS4P_LABELS } from '../types';

const RuleId = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'a rule id like IC-SEC');
const Rationale = z.string().min(8).max(160);
const rule = <T extends z.ZodRawShape>(shape: T) => z.object({ id: RuleId, rationale: Rationale, ...shape }).strict();

export const Rule = rule({});
const Label = z.enum(DS4P_LABELS);
const SectionCode = z.union([z.literal('*'), z.literal('unknown'), z.string().regex(/^\d{1,7}-\d$/, 'a LOINC code like 10164-2')]);
export const IdentifierMode = z.enum(['show', 'mask', 'generalize']);
export const STRUCTURED_ELEMENTS = ['diagnoses', 'procedures', 'medications', 'labs'] as const;

export const PurposePolicySchema = z
  .object({
    /** Roles that may declare this purpose. */
    roles: rule({ allow: z.array(z.enum(ROLES)) }),
    /** Which documents a chart lists: the encounter's own, or the patient's whole record. */
    documents: z.enum(['encounter', 'patient']),
    /** Allowed section codes ('*' = any) minus denied ones. */
    sections: rule({ allow: z.array(SectionCode).min(1), deny: z.array(SectionCode) }),
    structured: rule({ allow: z.array(z.enum(STRUCTURED_ELEMENTS)) }),
    /** Identifier handling per type; types not listed take the default. */
    identifiers: rule({ default: IdentifierMode, types: z.partialRecord(z.enum(IDENTIFIER_TYPES), IdentifierMode) }),
    /** Labels withheld unless granted; 'taskRelated: show' shows a label the task's own codes carry. */
    labels: rule({ withheld: z.array(Label), taskRelated: z.enum(['show', 'withhold']) }),
    /** Psychotherapy notes: 'show' only where the purpose is itself the patient's authorization. */
    psychotherapyNotes: z.enum(['show', 'withhold']),
    /** What a masked placeholder says: worded so it reveals nothing about what is hidden. */
    masked: Rule,
  })
  .strict();

export const AccessPolicySchema = z
  .object({
    grantDuration: rule({
      defaultMinutes: z.number().int().positive(),
      maxMinutes: z.number().int().positive(),
      maxMinutesByLabel: z.partialRecord(Label, z.number().int().positive()),
    }),
    breakGlass: rule({ defaultMinutes: z.number().int().positive(), maxMinutes: z.number().int().positive() }),
    review: rule({ deadlineDays: z.number().int().positive() }),
    twoApprover: rule({ labels: z.array(Label), approvers: z.number().int().min(2) }),
    privacyOfficerLabels: rule({ labels: z.array(Label) }),
    approverRoles: rule({ roles: z.array(z.enum(ROLES)).min(1) }),
  })
  .strict()
  .refine((a) => a.grantDuration.defaultMinutes <= a.grantDuration.maxMinutes, 'access.grantDuration: defaultMinutes exceeds maxMinutes')
  .refine((a) => a.breakGlass.defaultMinutes <= a.breakGlass.maxMinutes, 'access.breakGlass: defaultMinutes exceeds maxMinutes');

export const PolicySchema = z
  .object({
    version: z.literal(1),
    roles: z.array(z.enum(ROLES)),
    purposes: z.object(Object.fromEntries(PURPOSES.map((p) => [p, PurposePolicySchema])) as Record<(typeof PURPOSES)[number], typeof PurposePolicySchema>).strict(),
    rules: z.object({ psychotherapy: Rule, taskRelated: Rule, grant: Rule }).strict(),
    access: AccessPolicySchema,
    /**
     * The identifier finder's operating points: the confidence a detected span needs to count.
     * disclosure (queries, packets, de-identified export): recall first; viewing (chart-view masking),
     * which drops only weak name, place and date candidates (identifiers/operating-points.ts
     * THRESHOLDED_TYPES): number-bearing types stay masked whatever the figure.
     */
    identifierOperatingPoints: rule({ disclosure: z.number().min(0).max(1), viewing: z.number().min(0).max(1) }).optional(),
  })
  .strict();

export type Policy = z.infer<typeof PolicySchema>;
export type PurposePolicy = z.infer<typeof PurposePolicySchema>;
export type AccessPolicy = z.infer<typeof AccessPolicySchema>;
export type IdentifierMode = z.infer<typeof IdentifierMode>;
export type StructuredElement = (typeof STRUCTURED_ELEMENTS)[number];
export type PolicyRule = z.infer<typeof Rule>;
