/**
 * `ntk purge --db PATH [--dry-run] [--json]`: applies the retention policy now (or, with
 * --dry-run, only reports what would go), per patient by internal id, never by name or MRN.
 * `ntk inventory --db PATH [--json] [--format csv|pdf --out FILE]`: what this device holds now.
 * Neither runs the start-up purge first: a dry run and an inventory change no chart data.
 */
import { buildInventory, inventoryAuditEvents } from '../core/retention/inventory';
import { inventoryCsv, inventoryPdf } from '../core/retention/inventory-export';
import { writeExportFile } from '../core/save-path';
import type { PurgeReport } from '../core/retention/retention-service';
import type { ExposureInventory } from '../../shared/retention-contract';
import { cliActor, withCliBackend, type CliCommand } from './command';
import { UsageError } from './options';
import { purgeSpec, inventorySpec } from './command-specs';

/** These commands report on or run the purge themselves: opening the store must not purge first. */
const NO_START_PURGE = { purgeOnStart: false } as const;

export function formatPurge(r: PurgeReport): string {
  const verb = r.dryRun ? 'would purge' : 'purged';
  const head = `${verb} ${r.totals.patients} patient(s), ${r.totals.documents} document(s), ${r.totals.rows} row(s) (retention ${r.policy.idleDays} days${r.policy.purgeOnClose ? ', and when work closes' : ''})`;
  const lines = r.patients.map((p) => `  patient #${p.patientId}  ${p.reason.padEnd(11)}  last used ${p.lastUsedAt.slice(0, 10)}  ${p.documents} document(s)  ${p.rows} row(s)`);
  return [head, ...lines].join('\n');
}

export const purgeCommand: CliCommand = {
  ...purgeSpec,
  run: (ctx) =>
    withCliBackend(ctx, (b) => {
      if (ctx.args.length) throw new UsageError(`Unexpected argument: ${ctx.args[0]}`);
      const report = b.retention.runDue({ dryRun: ctx.values['dry-run'] === true, actor: cliActor() });
      return { value: report, text: formatPurge(report) };
    }, NO_START_PURGE),
};

export function formatInventory(inv: ExposureInventory): string {
  const lines = [
    `${inv.totals.patients} patient(s), ${inv.totals.encounters} encounter(s), ${inv.totals.documents} document(s) held; ${inv.totals.purgedPatients} purged stub(s)`,
    `dates ${inv.oldest ?? '-'} .. ${inv.newest ?? '-'}; labels ${inv.labels.map((l) => `${l.label}:${l.documents}`).join(' ') || 'none'}`,
    ...inv.patients.map((p) => `  ${(p.mrn ?? `#${p.patientId}`).padEnd(16)} ${String(p.encounters).padStart(3)} enc ${String(p.documents).padStart(4)} docs  ${p.labels.join(',') || '-'}  ${p.oldest ?? '-'}..${p.newest ?? '-'}`),
  ];
  return lines.join('\n');
}

export const inventoryCommand: CliCommand = {
  ...inventorySpec,
  run: (ctx) =>
    withCliBackend(ctx, async (b) => {
      const format = ctx.values.format as string | undefined;
      const out = ctx.values.out as string | undefined;
      if (format !== undefined && format !== 'csv' && format !== 'pdf') throw new UsageError('--format must be csv or pdf.');
      if (!!format !== !!out) throw new UsageError('--format and --out go together.');
      // The command line holds the store key (the privacy office's tool): the full list, each patient named in the audit.
      const inv = buildInventory(b.store.db, new Date(), 'patients');
      if (format && out) {
        writeExportFile(out, format === 'csv' ? inventoryCsv(inv) : await inventoryPdf(inv, { workstation: b.audit.workstationName }));
        b.audit.appendMany(inventoryAuditEvents(inv, cliActor(), 'export', { format, via: 'cli' }));
        return { value: { patients: inv.totals.patients, out, format }, text: `wrote the inventory of ${inv.totals.patients} patient(s) to ${out}` };
      }
      b.audit.appendMany(inventoryAuditEvents(inv, cliActor(), 'read', { via: 'cli' }));
      return { value: inv, text: formatInventory(inv) };
    }, NO_START_PURGE),
};
