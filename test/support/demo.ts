import type { Backend } from '../../electron/core/backend';
import { writeDemo, type DemoCanary, type DemoOptions, type DemoResult } from '../../electron/core/ingest/synthetic';

/** Writes seeded synthetic charts into the test backend's store (default: 6 patients, seed 1). */
export function seedDemo(backend: Backend, opts: Partial<DemoOptions> = {}): DemoResult {
  return writeDemo(backend.store.db, { patients: 6, seed: 1, ...opts });
}

/**
 * The first canary with this label that is (or is not) related to its encounter's diagnoses.
 * seedDemo's first patient always opens with a pneumonia admission whose PSY history is unrelated.
 */
export function demoCanary(r: DemoResult, label: string, unrelated: boolean): DemoCanary {
  const c = r.canaries.find((x) => x.labels.includes(label) && x.unrelatedToEncounter === unrelated);
  if (!c) throw new Error(`no ${unrelated ? 'unrelated' : 'related'} ${label} canary in this demo; seed more patients`);
  return c;
}
