/**
 * Import calls (admin and supervisor). The renderer never names files: `importFiles` asks the main
 * process to open its own file picker and import what the user chose; `importProgress` is polled
 * for the running import's progress and, when done, its per-file results (base names only, for
 * the person who picked them and shown to nobody else; never stored or logged); `importCancel`
 * stops it between files.
 */
import { z } from 'zod';

const NoArgs = z.object({}).strict();
const Counts = z.record(z.string(), z.number().int());

export const ImportFileResult = z.object({
  file: z.string(),
  format: z.string().nullable(),
  outcome: z.enum(['imported', 'rejected']),
  code: z.string().optional(),
  reason: z.string().optional(),
  bytes: z.number().int(),
  counts: Counts,
  /** Imported with something to check (e.g. an 835 whose envelope counts do not match); never file content. */
  warnings: z.array(z.string().max(1000)).max(100).optional(),
  /** A scan filed under a placeholder patient (no sidecar named one): it can be filed under a patient by MRN. */
  unfiled: z.boolean().optional(),
});

export const ImportStatus = z.object({
  /** 'cancelled': stopped at the user's request; `results` holds the files finished before it. */
  state: z.enum(['idle', 'running', 'done', 'failed', 'cancelled']),
  filesDone: z.number().int(),
  filesTotal: z.number().int(),
  bytesDone: z.number().int(),
  bytesTotal: z.number().int(),
  etaMs: z.number().int().nullable(),
  results: z.array(ImportFileResult),
  counts: Counts,
  error: z.string().nullable(),
});
export type ImportStatus = z.infer<typeof ImportStatus>;

export const ingestContract = {
  /** `folder: true` asks for a folder (imported with everything below it) instead of files. */
  importFiles: { request: z.object({ folder: z.boolean().default(false) }).strict(), response: z.object({ started: z.boolean(), files: z.number().int() }) },
  importProgress: { request: NoArgs, response: ImportStatus },
  /** Stops the running import after the file in hand (each file imports whole or not at all). */
  importCancel: { request: NoArgs, response: z.object({ cancelling: z.boolean() }) },
  /** Files a scan of the caller's last import (by its place in the results) under the patient with this MRN. */
  fileScan: {
    request: z.object({ result: z.number().int().min(0).max(1_000_000), mrn: z.string().trim().min(1).max(64) }).strict(),
    response: z.object({ filed: z.literal(true) }),
  },
} as const;
