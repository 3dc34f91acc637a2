/**
 * `ntk disclosures --db PATH --patient ID [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format csv|pdf --out FILE]`
 *
 * The patient's accounting of disclosures (45 CFR 164.528) for a date range: packet exports and the
 * exception disclosures the policy logs. Without --format: the rows as JSON (or a short table).
 */
import { disclosuresCsv, disclosuresPdf, findPatient, queryDisclosures } from '../core/packets/disclosures';
import { patientLabel } from '../core/packets/handlers';
import { writeExportFile } from '../core/save-path';
import { cliActor, withCliBackend, type CliCommand } from './command';
import { UsageError } from './options';
import { disclosuresSpec } from './command-specs';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const disclosuresCommand: CliCommand = {
  ...disclosuresSpec,
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`Unexpected argument: ${ctx.args[0]}`);
    const patient = ctx.values.patient as string | undefined;
    const from = ctx.values.from as string | undefined;
    const to = ctx.values.to as string | undefined;
    const format = ctx.values.format as string | undefined;
    const out = ctx.values.out as string | undefined;
    if (!patient) throw new UsageError('--patient MRN or #ID is required.');
    for (const d of [from, to]) if (d !== undefined && !DAY.test(d)) throw new UsageError('--from and --to take dates as YYYY-MM-DD.');
    if (format !== undefined && format !== 'csv' && format !== 'pdf') throw new UsageError('--format is csv or pdf.');
    if (format && !out) throw new UsageError('--format needs --out FILE.');
    return withCliBackend(ctx, async (backend) => {
      const db = backend.store.db;
      const p = findPatient(db, patient);
      const rows = queryDisclosures(db, p.id, from, to);
      backend.audit.append({ ...cliActor(), action: format ? 'E' : 'R', eventType: format ? 'disclosures.export' : 'disclosures.read', outcome: 'success', patientId: p.id, detail: { rows: rows.length, format: format ?? null } });
      if (format && out) {
        const body = format === 'csv' ? disclosuresCsv(rows) : await disclosuresPdf(rows, patientLabel(p), { from, to }, new Date());
        writeExportFile(out, body);
        return { value: { out, format, rows: rows.length }, text: `wrote ${rows.length} disclosure(s) to ${out}` };
      }
      const text = rows.length
        ? rows.map((r) => `${r.disclosedAt.slice(0, 10)}  ${r.purposeLabel}${r.exception ? ' (exception)' : ''}  to ${r.recipient}: ${r.description}`).join('\n')
        : 'no disclosures recorded for that patient and period';
      return { value: { patient: patientLabel(p), rows }, text };
    });
  },
};
