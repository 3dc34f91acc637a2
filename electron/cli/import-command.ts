/**
 * `ntk import --db PATH FILE_OR_DIR... [--map text=COL,title=COL,...] [--max-file-mb N]`
 * Imports FHIR, C-CDA and plain-text notes (and the formats other importers add) through the same
 * pipeline as the app. Prints a summary (counts per resource type, rejected files with reasons,
 * elapsed time); progress goes to stderr so `--json` stdout stays one JSON object.
 * Exit 0 when every file imported, 65 (data error) when any was rejected. Ctrl-C stops after the
 * file in hand (a file imports whole or not at all), prints what was done and exits 130.
 */
import { createImporters } from '../core/ingest/importers';
import { importPaths, type ImportProgress, type ImportSummary } from '../core/ingest/pipeline';
import { parseColumnMap } from '../core/ingest/text/column-map';
import { cliActor, withCliBackend, type CliCommand } from './command';
import { EXIT_CODES } from './exit-codes';
import { UsageError } from './options';
import { importSpec } from './command-specs';

const fmtMb = (n: number): string => (n / 1024 / 1024).toFixed(1);
const fmtSecs = (ms: number): string => (ms >= 60_000 ? `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`);

export function formatProgress(p: ImportProgress): string {
  return `import: ${p.filesDone}/${p.filesTotal} files, ${fmtMb(p.bytesDone)}/${fmtMb(p.bytesTotal)} MB${p.etaMs !== null && p.filesDone < p.filesTotal ? `, about ${fmtSecs(p.etaMs)} left` : ''}`;
}

export function formatSummary(s: ImportSummary): string {
  const lines = [`imported ${s.imported} of ${s.files} files (${fmtMb(s.bytes)} MB) in ${fmtSecs(s.elapsedMs)}${s.cancelled ? ` — cancelled; the other ${s.files - s.results.length} files were not read` : ''}`];
  const counts = Object.entries(s.counts).sort(([a], [b]) => a.localeCompare(b));
  if (counts.length) lines.push(...counts.map(([k, v]) => `  ${k.padEnd(16)} ${v}`));
  const skipped = Object.entries(s.skipped);
  if (skipped.length) lines.push(`not imported: ${skipped.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const r of s.results) for (const w of r.warnings ?? []) lines.push(`warning ${r.file}: ${w}`);
  for (const r of s.rejected) lines.push(`rejected ${r.file}: ${r.reason} (${r.code})`);
  return lines.join('\n');
}

export const importCommand: CliCommand = {
  ...importSpec,
  async run(ctx) {
    if (!ctx.args.length) throw new UsageError('import: at least one FILE or folder is required.');
    const textMap = typeof ctx.values.map === 'string' ? parseColumnMap(ctx.values.map) : undefined;
    let maxFileBytes: number | undefined;
    if (typeof ctx.values['max-file-mb'] === 'string') {
      const n = Number(ctx.values['max-file-mb']);
      if (!Number.isFinite(n) || n <= 0) throw new UsageError('--max-file-mb takes a positive number.');
      maxFileBytes = Math.round(n * 1024 * 1024);
    }
    const quiet = ctx.values.quiet === true;
    let lastPrinted = 0;
    let lastFiles = -1;
    const stop = new AbortController();
    const onInterrupt = (): void => {
      if (!stop.signal.aborted) ctx.stderr('import: stopping after the current file (Ctrl-C again to quit now)');
      else process.exit(130);
      stop.abort();
    };
    process.on('SIGINT', onInterrupt);
    const summary = await withCliBackend(ctx, (backend) =>
      importPaths({ db: backend.store.db, audit: backend.audit }, ctx.args, {
        importers: createImporters({ textMap }),
        actor: cliActor(),
        maxFileBytes,
        signal: stop.signal,
        onProgress: (p) => {
          if (quiet) return;
          const t = Date.now();
          const last = p.filesDone === p.filesTotal;
          if (last ? p.filesDone === lastFiles : t - lastPrinted < 1000) return;
          lastPrinted = t;
          lastFiles = p.filesDone;
          ctx.stderr(formatProgress(p));
        },
      }),
    ).finally(() => process.off('SIGINT', onInterrupt));
    const { results, ...rest } = summary;
    const warned = results.flatMap((r) => (r.warnings?.length ? [{ file: r.file, warnings: r.warnings }] : []));
    const value = warned.length ? { ...rest, warnings: warned } : rest;
    const exitCode = summary.cancelled ? 130 : summary.rejected.length ? EXIT_CODES.BAD_INPUT : 0;
    return { value, text: formatSummary(summary), exitCode };
  },
};
