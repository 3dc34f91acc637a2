/**
 * `ntk reanalyze --db PATH [--all] [--status] [--json]`: brings the stored analysis up to this
 * engine (documents analysed by another analyzer version), chart by chart, with progress on
 * stderr. Ctrl-C stops between charts; run it again to carry on. `--all` re-analyses every
 * document; `--status` only reports how many are behind.
 */
import type { ReanalysisProgress } from '../core/reanalysis/reanalyzer';
import { withCliBackend, type CliCommand } from './command';
import { reanalyzeSpec } from './command-specs';
import { UsageError } from './options';

const line = (p: ReanalysisProgress) => `re-analysed ${p.chartsDone}/${p.chartsTotal} chart(s), ${p.documentsDone} document(s)${p.failed ? `, ${p.failed} failed` : ''}`;

export const reanalyzeCommand: CliCommand = {
  ...reanalyzeSpec,
  run: (ctx) =>
    withCliBackend(ctx, async (b) => {
      if (ctx.args.length) throw new UsageError(`Unexpected argument: ${ctx.args[0]}`);
      if (ctx.values.status === true) {
        const s = b.reanalyzer.status();
        return { value: s, text: `analyzer ${s.analyzerVersion}: ${s.pending} of ${s.documents} document(s) to re-analyse` };
      }
      const stop = () => b.reanalyzer.stop();
      process.once('SIGINT', stop);
      try {
        // about a hundred progress lines at most, however many charts
        const onProgress = (p: ReanalysisProgress) => {
          const every = Math.max(1, Math.floor(p.chartsTotal / 100));
          if (p.chartsTotal && (p.chartsDone % every === 0 || p.chartsDone === p.chartsTotal)) ctx.stderr(line(p));
        };
        const summary = await b.reanalyzer.run({ force: ctx.values.all === true, onProgress });
        const left = b.reanalyzer.status().pending;
        const text = `${line(summary)} with analyzer ${summary.analyzerVersion}${summary.stopped ? `; stopped, ${left} document(s) left (run again to resume)` : ''}`;
        return { value: { ...summary, pending: left }, text, exitCode: summary.failed ? 1 : 0 };
      } finally {
        process.off('SIGINT', stop);
      }
    }),
};
