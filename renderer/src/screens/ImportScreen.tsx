import { useEffect, useRef, useState } from 'react';
import type { ImportStatus } from '../../../shared/ingest-contract';
import { call, errorOf } from '../../api';
import { FileScanDialog } from './FileScanDialog';
import { GridHead } from '../components/GridHead';

/**
 * Import (admin, supervisor): the main process opens its own file picker; this screen only starts
 * the import and polls its progress. Per-file results (base names, reasons) live in component state
 * and vanish when the workspace unmounts (lock, sign-out).
 */
export function ImportScreen() {
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filing, setFiling] = useState<{ result: number; file: string } | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const poll = async () => {
    try {
      const s = await call('importProgress', {});
      setStatus(s);
      if (s.state === 'running') timer.current = window.setTimeout(() => void poll(), 250);
    } catch (e) {
      setError(errorOf(e).message);
    }
  };
  useEffect(() => {
    void poll();
    return () => window.clearTimeout(timer.current);
  }, []);

  const start = async (folder: boolean) => {
    setError(null);
    try {
      const r = await call('importFiles', { folder });
      if (r.started) void poll();
    } catch (e) {
      setError(errorOf(e).message);
    }
  };

  const cancel = async () => {
    try {
      await call('importCancel', {});
    } catch (e) {
      setError(errorOf(e).message);
    }
  };

  const running = status?.state === 'running';
  const finished = status?.state === 'done' || status?.state === 'cancelled';
  const pct = status && status.bytesTotal > 0 ? Math.round((100 * status.bytesDone) / status.bytesTotal) : status?.state === 'done' ? 100 : 0;
  const imported = status?.results.filter((r) => r.outcome === 'imported').length ?? 0;
  return (
    <section className="panel" aria-labelledby="import-heading">
      <header className="panel-head">
        <h2 id="import-heading">Import chart files</h2>
        <div className="row">
          <button type="button" onClick={() => void start(false)} disabled={running}>
            {running ? 'Importing…' : 'Choose files…'}
          </button>
          <button type="button" onClick={() => void start(true)} disabled={running}>
            Choose folder…
          </button>
          {running && (
            <button type="button" onClick={() => void cancel()} title="Stops after the file being imported; the files already imported are kept">
              Cancel import
            </button>
          )}
        </div>
      </header>
      <p className="hint">
        FHIR R4 (JSON, NDJSON), C-CDA (XML), X12 835 remittances, scanned pages (PNG, JPEG, TIFF, PDF; read by OCR) and plain-text notes (.txt, CSV, JSONL). Re-importing a
        file updates it; a bad file imports nothing and the others still import.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {status && status.state !== 'idle' && (
        <div className="import-progress">
          <progress max={100} value={pct} aria-label="Import progress" data-testid="import-progress" />
          <span data-testid="import-files">
            {status.filesDone}/{status.filesTotal} files · {size(status.bytesDone)} of {size(status.bytesTotal)}
            {running && status.etaMs !== null ? ` · about ${Math.ceil(status.etaMs / 1000)} s left` : ''}
          </span>
        </div>
      )}
      {finished && (
        <p data-testid="import-summary">
          {status.state === 'cancelled' ? `Cancelled after ${status.results.length} of ${status.filesTotal} files; the files not listed were not read. ` : ''}
          Imported {imported} of {status.results.length} files
          {Object.keys(status.counts).length ? ` — ${Object.entries(status.counts).map(([k, v]) => `${k.replace(/_/g, ' ')} ${v}`).join(', ')}` : ''}
        </p>
      )}
      {status?.state === 'failed' && <p role="alert" className="error">{status.error}</p>}
      {!!status?.results.length && (
        <table className="import-results" data-testid="import-results">
          <GridHead cols={['File', 'Format', 'Result']} />
          <tbody>
            {status.results.map((r, i) => (
              <tr key={i} className={r.outcome}>
                <td>{r.file}</td>
                <td>{r.format ?? '—'}</td>
                <td>
                  {r.outcome === 'imported' ? `Imported (${Object.entries(r.counts).filter(([k]) => !k.startsWith('skipped:')).reduce((s, [, v]) => s + v, 0)} rows)` : `Rejected: ${r.reason}`}
                  {r.unfiled && (
                    <button type="button" className="small-btn" onClick={() => setFiling({ result: i, file: r.file })}>
                      File under patient…
                    </button>
                  )}
                  {r.unfiled === false && <span className="muted"> · filed under a patient</span>}
                  {!!r.warnings?.length && (
                    <ul className="import-warnings" data-testid="import-warnings">
                      {r.warnings.map((w, k) => (
                        <li key={k}>{w}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {filing && (
        <FileScanDialog
          result={filing.result}
          file={filing.file}
          onCancel={() => setFiling(null)}
          onDone={() => {
            setFiling(null);
            void poll();
          }}
        />
      )}
    </section>
  );
}

/** Bytes as people read them (KB under a megabyte). */
function size(bytes: number): string {
  return bytes < 1e6 ? `${Math.max(1, Math.round(bytes / 1e3))} KB` : `${(bytes / 1e6).toFixed(1)} MB`;
}
