import { useState } from 'react';
import type { DemoLoadSummary } from '../../../shared/demo-contract';
import type { AppError } from '../../../shared/result';
import { call, errorOf } from '../../api';

const DEMO_PATIENTS = 20;

/** First-run helper for admins: fills an empty store with seeded synthetic charts (no real patients). */
export function DemoDataCard({ onLoaded }: { onLoaded: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError>();
  const [done, setDone] = useState<DemoLoadSummary>();

  const load = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setDone(await call('loadDemoData', { patients: DEMO_PATIENTS, seed: 1 }));
      onLoaded();
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <p className="notice demo-card" role="status" data-testid="demo-loaded">
        Loaded demo data: {done.patients} synthetic patients, {done.encounters} encounters, {done.documents} documents, {done.claims} claims.
      </p>
    );
  return (
    <div className="demo-card" aria-labelledby="demo-heading">
      <h3 id="demo-heading">No charts yet</h3>
      <p className="muted">
        Load {DEMO_PATIENTS} invented patients with notes, codes, claims and denials to try the app. Demo data can only be loaded into an empty store.
      </p>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      <button type="button" onClick={() => void load()} disabled={busy}>
        {busy ? 'Loading demo data…' : 'Load demo data'}
      </button>
    </div>
  );
}
