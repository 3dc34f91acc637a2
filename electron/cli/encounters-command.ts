/** `ntk encounters --db PATH [--patient ID] [--json]`: encounters with ids, dates, types and counts. */
import { listEncounters } from '../core/ingest/chart-lists';
import { cliActor, withCliBackend, type CliCommand } from './command';
import { UsageError } from './options';
import { encountersSpec } from './command-specs';

export const encountersCommand: CliCommand = {
  ...encountersSpec,
  run: (ctx) => {
    const raw = ctx.values.patient;
    const patientId = typeof raw === 'string' ? Number(raw) : undefined;
    if (patientId !== undefined && !(Number.isInteger(patientId) && patientId > 0)) throw new UsageError('--patient takes a patient id (a positive whole number).');
    return withCliBackend(ctx, (backend) => {
      const rows = listEncounters(backend.store.db, patientId);
      backend.audit.append({ ...cliActor(), action: 'R', eventType: 'encounter.list', outcome: 'success', patientId: patientId ?? null, detail: { rows: rows.length } });
      const text = rows.length
        ? rows.map((e) => `${String(e.id).padStart(6)}  patient ${e.patientId}  ${e.classCode ?? '-'}  ${(e.periodStart ?? '').slice(0, 10)}  ${e.type ?? '-'}  docs ${e.documents}  dx ${e.conditions}  px ${e.procedures}  claims ${e.claims}`).join('\n')
        : 'no encounters';
      return { value: rows, text };
    });
  },
};
