/** Demo data: an admin loads seeded synthetic charts into an empty store (first run, training, demos). */
import { z } from 'zod';

export const DEMO_UI_MAX_PATIENTS = 200;

export const DemoLoadSummary = z.object({
  patients: z.number().int(),
  encounters: z.number().int(),
  documents: z.number().int(),
  claims: z.number().int(),
});
export type DemoLoadSummary = z.infer<typeof DemoLoadSummary>;

export const demoContract = {
  loadDemoData: {
    request: z
      .object({
        patients: z.number().int().min(1).max(DEMO_UI_MAX_PATIENTS).default(20),
        seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
      })
      .strict(),
    response: DemoLoadSummary,
  },
} as const;
