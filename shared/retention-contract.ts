/** Cache minimization calls: retention policy, purge, and the exposure inventory of this device. */
import { z } from 'zod';

const NoArgs = z.object({}).strict();
const Iso = z.string().nullable();

export const RetentionPolicyView = z.object({
  idleDays: z.number().int(),
  purgeOnClose: z.boolean(),
  updatedAt: Iso,
  /** How long the audit trail and the accounting of disclosures are kept (they outlive the cache). */
  auditRetentionYears: z.number().int(),
});
export type RetentionPolicyView = z.infer<typeof RetentionPolicyView>;

export const PurgeReportView = z.object({
  dryRun: z.boolean(),
  ranAt: z.string(),
  policy: z.object({ idleDays: z.number().int(), purgeOnClose: z.boolean() }),
  /** Per patient by internal id only: never a name or MRN. */
  patients: z.array(z.object({ patientId: z.number().int(), reason: z.enum(['idle', 'work-closed']), lastUsedAt: z.string(), documents: z.number().int(), rows: z.number().int() })),
  totals: z.object({ patients: z.number().int(), documents: z.number().int(), rows: z.number().int() }),
  walTruncated: z.boolean().nullable(),
});
export type PurgeReportView = z.infer<typeof PurgeReportView>;

export const InventoryPatient = z.object({
  patientId: z.number().int(),
  mrn: z.string().nullable(),
  encounters: z.number().int(),
  documents: z.number().int(),
  labels: z.array(z.string()),
  oldest: Iso,
  newest: Iso,
  lastUsedAt: Iso,
});
export type InventoryPatient = z.infer<typeof InventoryPatient>;

/**
 * 'counts': totals and counts by label only (an administrator: enough to run the device and the
 * retention policy). 'patients': also each patient by MRN with its labels (the privacy officer,
 * for a breach risk assessment), and every patient listed is named in the audit trail.
 */
export const InventoryScope = z.enum(['counts', 'patients']);
export type InventoryScope = z.infer<typeof InventoryScope>;

export const ExposureInventory = z.object({
  scope: InventoryScope,
  generatedAt: z.string(),
  storeId: z.string(),
  totals: z.object({ patients: z.number().int(), encounters: z.number().int(), documents: z.number().int(), purgedPatients: z.number().int() }),
  labels: z.array(z.object({ label: z.string(), documents: z.number().int(), patients: z.number().int() })),
  oldest: Iso,
  newest: Iso,
  patients: z.array(InventoryPatient),
});
export type ExposureInventory = z.infer<typeof ExposureInventory>;

export const retentionContract = {
  retentionPolicy: { request: NoArgs, response: RetentionPolicyView },
  setRetentionPolicy: {
    request: z.object({ idleDays: z.number().int().min(1).max(3650), purgeOnClose: z.boolean() }).strict(),
    response: RetentionPolicyView,
  },
  runRetention: { request: z.object({ dryRun: z.boolean() }).strict(), response: PurgeReportView },
  exposureInventory: { request: NoArgs, response: ExposureInventory },
  exportInventory: {
    request: z.object({ format: z.enum(['csv', 'pdf']) }).strict(),
    /** saved: false when the person cancelled the save dialog. */
    response: z.object({ saved: z.boolean(), patients: z.number().int() }),
  },
} as const;
