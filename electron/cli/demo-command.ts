/**
 * `ntk demo --db PATH --patients N --seed S [--big-chart N]`: writes seeded synthetic charts
 * (electron/core/ingest/synthetic) into the store and prints a summary of counts only: never a
 * name, MRN or note text. Audits one 'demo.generate' event as the CLI actor.
 */
import type { CliCommand } from './command';
import { cliActor, withCliBackend } from './command';
import { UsageError } from './options';
import { demoSpec } from './command-specs';
import { writeDemo } from '../core/ingest/synthetic';

function intOption(value: unknown, name: string, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  const s = String(value);
  if (!/^-?\d+$/.test(s)) throw new UsageError(`demo: ${name} must be an integer.`);
  return Number(s);
}

export const demoCommand: CliCommand = {
  ...demoSpec,
  async run(ctx) {
    const patients = intOption(ctx.values.patients, '--patients', 20)!;
    const seed = intOption(ctx.values.seed, '--seed', 1)!;
    const bigChartDocuments = intOption(ctx.values['big-chart'], '--big-chart');
    if (patients < 1) throw new UsageError('demo: --patients must be at least 1.');
    return withCliBackend(ctx, (backend) => {
      const started = Date.now();
      const r = writeDemo(backend.store.db, { patients, seed, bigChartDocuments });
      const ms = Date.now() - started;
      backend.audit.append({
        ...cliActor(),
        action: 'C',
        eventType: 'demo.generate',
        outcome: 'success',
        detail: { patients, seed, bigChartDocuments: bigChartDocuments ?? null, documents: r.counts.document ?? 0, claims: r.counts.claim ?? 0 },
      });
      const value = { patients: r.patients.length, seed, bigChartDocuments: bigChartDocuments ?? null, counts: r.counts, canaries: r.canaries.length, ms };
      const text = [`wrote demo data for ${r.patients.length} patients (seed ${seed}) in ${ms} ms`, ...Object.entries(r.counts).map(([k, v]) => `  ${k.padEnd(24)} ${v}`)].join('\n');
      return { value, text };
    });
  },
};
