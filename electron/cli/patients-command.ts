/** `ntk patients --db PATH [--json]`: imported patients with ids, counts and birth year (no names). */
import { listPatients } from '../core/ingest/chart-lists';
import { cliActor, withCliBackend, type CliCommand } from './command';
import { patientsSpec } from './command-specs';

export const patientsCommand: CliCommand = {
  ...patientsSpec,
  run: (ctx) =>
    withCliBackend(ctx, (backend) => {
      const rows = listPatients(backend.store.db);
      backend.audit.append({ ...cliActor(), action: 'R', eventType: 'patient.list', outcome: 'success', detail: { rows: rows.length } });
      const text = rows.length
        ? rows.map((p) => `${String(p.id).padStart(6)}  ${p.sourceSystem.padEnd(6)} ${p.mrn ?? '-'}  ${p.sex ?? '-'} ${p.birthYear ?? '----'}  enc ${p.encounters}  docs ${p.documents}  dx ${p.conditions}  claims ${p.claims}`).join('\n')
        : 'no patients';
      return { value: rows, text };
    }),
};
