import type { Backend } from '../../electron/core/backend';
import { writeDemo, type DemoOptions, type DemoResult } from '../../electron/core/ingest/synthetic';

/** Writes seeded synthetic charts into the test backend's store (default: 6 patients, seed 1). */
export function seedDemo(backend: Backend, opts: Partial<DemoOptions> = {}): DemoResult {
  return writeDemo(backend.store.db, { patients: 6, seed: 1, ...opts });
}
