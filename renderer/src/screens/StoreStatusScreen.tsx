import { useEffect, useState } from 'react';
import { DemoDataCard } from '../components/DemoDataCard';
import { useSession } from '../state/session-store';
import { useStatusStore } from '../state/status-store';
import type { StoreStatus } from '../../../shared/contract';

type Analysis = NonNullable<StoreStatus['analysis']>;

/** Stored analysis against today's engine: up to date, or how much is behind and how far a run has got. */
function AnalysisState({ analysis: a }: { analysis: Analysis }) {
  const version = <span className="muted mono">(analyzer {a.analyzerVersion})</span>;
  if (a.pending === 0) return <>Up to date {version}</>;
  const p = a.progress;
  return (
    <>
      {a.pending} of {a.documents} documents to re-analyse {version}
      {a.running && p && (
        <>
          {' '}
          <progress max={p.chartsTotal || 1} value={p.chartsDone} aria-label="Re-analysis progress" /> re-analysing, {p.chartsDone} of {p.chartsTotal} charts
        </>
      )}
    </>
  );
}

export function StoreStatusScreen() {
  const { status, error, loading, refresh } = useStatusStore();
  const isAdmin = useSession((s) => s.state.session?.role === 'admin');
  const [demoLoaded, setDemoLoaded] = useState(false);
  useEffect(() => {
    void refresh();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F5') {
        e.preventDefault();
        void refresh();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [refresh]);

  return (
    <section className="panel" aria-labelledby="store-heading">
      <header className="panel-head">
        <h2 id="store-heading">Encrypted store</h2>
        <button type="button" onClick={() => void refresh()} disabled={loading} aria-keyshortcuts="F5">
          {loading ? 'Checking…' : 'Refresh'}
        </button>
      </header>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      {status && (
        <>
          <p className="badge-row">
            <span className={`badge ${status.opened ? 'good' : 'bad'}`} data-testid="store-state">
              {status.opened ? 'Opened' : 'Closed'}
            </span>
            <span className="badge neutral">SQLCipher 4 · key from {status.keySource}</span>
            <span className="badge neutral">journal {status.journalMode}</span>
          </p>
          <dl className="facts">
            <dt>Schema version</dt>
            <dd data-testid="schema-version">
              {status.schemaVersion} <span className="muted">(latest {status.latestSchemaVersion})</span>
            </dd>
            <dt>Store id</dt>
            <dd className="mono">{status.storeId}</dd>
            <dt>Created</dt>
            <dd>{new Date(status.createdAt).toLocaleString()}</dd>
            <dt>Location</dt>
            <dd>
              <span className="mono">{status.fileName}</span> <span className="muted">in this device&apos;s app data folder</span>
            </dd>
            {status.analysis && (
              <>
                <dt>Analysis</dt>
                <dd data-testid="analysis-state">
                  <AnalysisState analysis={status.analysis} />
                </dd>
              </>
            )}
          </dl>
          <table className="counts" aria-label="What this workstation holds">
            <thead>
              <tr>
                <th scope="col">Held on this device</th>
                <th scope="col" className="num">Count</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>Patients</td>
                <td className="num" data-testid="count-patients">{status.counts.patients}</td>
              </tr>
              <tr>
                <td>Encounters</td>
                <td className="num" data-testid="count-encounters">{status.counts.encounters}</td>
              </tr>
              <tr>
                <td>Documents</td>
                <td className="num" data-testid="count-documents">{status.counts.documents}</td>
              </tr>
            </tbody>
          </table>
          {isAdmin && (status.counts.patients === 0 || demoLoaded) && (
            <DemoDataCard
              onLoaded={() => {
                setDemoLoaded(true);
                void refresh();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
