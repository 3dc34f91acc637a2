import { useEffect, useRef, useState } from 'react';
import type { Purpose } from '../../../shared/purposes';
import type { AppError } from '../../../shared/result';
import { call, errorOf } from '../../api';
import { ErrorBanner } from '../components/ErrorBanner';

/**
 * "Request access" for a masked section: sends the placeholder's opaque handle and the coder's
 * reason to the access service, which resolves what it covers in the main process. (The access
 * area's fuller RequestAccessDialog replaces this when it is part of the build.)
 */
export function RequestAccess({ requestHandle, purpose, onClose }: { requestHandle: string; encounterId: number; purpose: Purpose; onClose(): void }) {
  const [why, setWhy] = useState('');
  const [sent, setSent] = useState<number>();
  const [error, setError] = useState<AppError>();
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const send = async () => {
    setError(undefined);
    try {
      const r = await call('requestAccess', { requestHandle, purpose, justification: why.trim() });
      setSent(r.id);
    } catch (e) {
      setError(errorOf(e));
    }
  };
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form
        className="panel modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="ra-heading"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <h2 id="ra-heading">Request access to a restricted section</h2>
        <p className="small muted">A privacy officer reviews the request. You will not see the section unless it is approved; the request is recorded in the audit trail.</p>
        <label className="field">
          <span>Why you need it for this work (at least 20 characters)</span>
          <textarea ref={ref} rows={4} value={why} onChange={(e) => setWhy(e.target.value)} disabled={sent !== undefined} />
        </label>
        <ErrorBanner error={error} />
        {sent !== undefined && (
          <p role="status" className="notice small">
            Request #{sent} sent for review.
          </p>
        )}
        <div className="row end">
          <button type="button" onClick={onClose}>
            {sent !== undefined ? 'Close' : 'Cancel'}
          </button>
          {sent === undefined && (
            <button type="submit" className="primary" disabled={why.trim().length < 20}>
              Send request
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
