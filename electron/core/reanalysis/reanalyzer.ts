/**
 * Stored analysis follows the engine: documents analysed by another analyzer version (or before
 * versions were recorded) are re-analysed in the background, chart by chart; then charts whose
 * documents were analysed with less than the store now knows about their patient (known_sha).
 *
 * - One chart (patient) at a time, in one transaction with its audit event: a chart is never
 *   left half re-analysed, and a chart opened meanwhile reads either all of its old analysis or all
 *   of its new one (SQLite reads see committed transactions only; the loop yields only between charts).
 * - Interruptible: stop() (or the signal) ends the run between charts; what is done stays done, and
 *   the next run carries on with the charts still behind (they are found by their stamp, so nothing
 *   else needs remembering).
 * - Progress: status() at any time (charts and documents done, documents still behind).
 * - Audited: an `analysis.rerun` event per chart (patient, documents, analyzer version), and an
 *   `analysis.rerun.run` event when a run ends (charts, documents, failures, stopped).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import { analyzerVersion } from '../chart/analyzer-version';
import { ChartWriter } from '../db/chart-writer';

export const REANALYSIS_ACTOR: AuditActor = { username: 'system:reanalysis', role: null, purpose: null };

export interface ReanalysisProgress {
  chartsDone: number;
  chartsTotal: number;
  documentsDone: number;
  failed: number;
}

export interface ReanalysisStatus {
  /** Today's analyzer version. */
  analyzerVersion: string;
  /** Documents with text (purged ones have none and are never analysed again). */
  documents: number;
  /** Of those, analysed by another version. */
  pending: number;
  running: boolean;
  /** The current run, or the last one. */
  progress: ReanalysisProgress | null;
}

export interface ReanalysisSummary extends ReanalysisProgress {
  analyzerVersion: string;
  /** Ended by stop() or the signal before every chart was done. */
  stopped: boolean;
  elapsedMs: number;
}

export interface RunOptions {
  /** Re-analyse every document, not only those behind (marks them all behind first, so a stopped run resumes). */
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: ReanalysisProgress) => void;
  /** Called after each chart (tests stop a run mid-way from here). */
  afterChart?: (patientId: number, p: ReanalysisProgress) => void;
}

/** Lets the event loop run between charts (IPC calls, chart opens). */
const breathe = (): Promise<void> => new Promise((r) => setImmediate(r));

export class Reanalyzer {
  private current: Promise<ReanalysisSummary> | null = null;
  private stopRequested = false;
  private progress: ReanalysisProgress | null = null;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly now: () => number = () => Date.now(),
  ) {}

  status(): ReanalysisStatus {
    const version = analyzerVersion();
    const r = this.db
      .prepare('SELECT count(*) AS documents, coalesce(sum(analyzer_version IS NOT ?), 0) AS pending FROM document WHERE text IS NOT NULL')
      .get(version) as { documents: number; pending: number };
    return { analyzerVersion: version, documents: r.documents, pending: r.pending, running: this.current !== null, progress: this.progress && { ...this.progress } };
  }

  /** Starts a run (or joins the one running) and resolves when it ends. */
  run(opts: RunOptions = {}): Promise<ReanalysisSummary> {
    if (this.current) return this.current;
    this.stopRequested = false;
    this.current = this.loop(opts).finally(() => {
      this.current = null;
    });
    return this.current;
  }

  /** Ends the running run after the chart in hand (a no-op when none runs). */
  stop(): void {
    this.stopRequested = true;
  }

  /** Resolves when no run is in progress. */
  async idle(): Promise<void> {
    await this.current?.catch(() => undefined);
  }

  private stopping(signal?: AbortSignal): boolean {
    return this.stopRequested || !!signal?.aborted || !this.db.open;
  }

  private async loop(opts: RunOptions): Promise<ReanalysisSummary> {
    const started = this.now();
    const version = analyzerVersion();
    if (opts.force) this.db.prepare('UPDATE document SET analyzer_version = NULL WHERE text IS NOT NULL').run();
    const charts = (
      this.db.prepare('SELECT DISTINCT patient_id AS id FROM document WHERE text IS NOT NULL AND analyzer_version IS NOT ? ORDER BY patient_id').all(version) as Array<{ id: number }>
    ).map((r) => r.id);
    const p: ReanalysisProgress = { chartsDone: 0, chartsTotal: charts.length, documentsDone: 0, failed: 0 };
    this.progress = p;
    opts.onProgress?.({ ...p });
    const writer = new ChartWriter(this.db);
    let stopped = false;
    const one = (patientId: number): number => {
      try {
        const n = this.db.transaction(() => {
          const count = writer.reanalyzeChart(patientId);
          if (count > 0) {
            this.audit.append({ ...REANALYSIS_ACTOR, action: 'U', eventType: 'analysis.rerun', outcome: 'success', patientId, detail: { documents: count, analyzer: version } });
          }
          return count;
        })();
        p.documentsDone += n;
        return n;
      } catch (e) {
        p.failed++;
        if (!this.db.open) throw e;
        const code = String((e as { code?: unknown })?.code ?? 'INTERNAL');
        this.audit.append({ ...REANALYSIS_ACTOR, action: 'U', eventType: 'analysis.rerun', outcome: 'failure', patientId, detail: { code, analyzer: version } });
        return -1;
      }
    };
    try {
      // 1. charts analysed by another engine
      for (const patientId of charts) {
        await breathe();
        if (this.stopping(opts.signal)) {
          stopped = true;
          break;
        }
        one(patientId);
        p.chartsDone++;
        opts.onProgress?.({ ...p });
        opts.afterChart?.(patientId, { ...p });
      }
      // 2. charts whose documents were analysed before the store knew all it now knows about the patient
      //    (written outside an import's batch, e.g. by the demo generator): found by their hash, a few at a time
      if (!stopped) {
        const done = new Set(charts);
        const all = (this.db.prepare('SELECT DISTINCT patient_id AS id FROM document WHERE text IS NOT NULL ORDER BY patient_id').all() as Array<{ id: number }>).map((r) => r.id);
        for (let i = 0; i < all.length; i++) {
          const patientId = all[i]!;
          if (done.has(patientId)) continue;
          if (i % 20 === 0) {
            await breathe();
            if (this.stopping(opts.signal)) {
              stopped = true;
              break;
            }
          }
          if (one(patientId) !== 0) {
            p.chartsTotal++;
            p.chartsDone++;
            opts.onProgress?.({ ...p });
            opts.afterChart?.(patientId, { ...p });
          }
        }
      }
    } catch {
      stopped = true; // the store closed under the run
    }
    const summary: ReanalysisSummary = { ...p, analyzerVersion: version, stopped, elapsedMs: Math.round(this.now() - started) };
    if (this.db.open && (p.chartsTotal > 0 || opts.force)) {
      this.audit.append({
        ...REANALYSIS_ACTOR,
        action: 'U',
        eventType: 'analysis.rerun.run',
        outcome: p.failed ? 'failure' : 'success',
        detail: { charts: p.chartsDone, chartsTotal: p.chartsTotal, documents: p.documentsDone, failed: p.failed, stopped, analyzer: version },
      });
    }
    return summary;
  }
}
