import { useEffect, useState } from 'react';
import type { AccessRequestView, ReviewView } from '../../../shared/access-contract';
import type { AppError } from '../../../shared/result';
import type { Role } from '../../../shared/roles';
import { call, errorOf } from '../../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { RequestAccessDialog } from '../components/RequestAccessDialog';
import { registerPhiStore } from '../state/phi-stores';

let clear: (() => void) | undefined;
registerPhiStore(() => clear?.());

const APPROVERS: Role[] = ['supervisor', 'privacy_officer'];

/** My requests and grants; for supervisors and privacy officers also the inbox and the break-glass review queue. */
export function AccessScreen({ role }: { role: Role }) {
  const approver = APPROVERS.includes(role);
  const [mine, setMine] = useState<AccessRequestView[]>([]);
  const [inbox, setInbox] = useState<AccessRequestView[]>([]);
  const [reviews, setReviews] = useState<ReviewView[]>([]);
  const [picked, setPicked] = useState<number[]>([]);
  const [reason, setReason] = useState('');
  const [encounter, setEncounter] = useState('');
  const [dialog, setDialog] = useState<number>();
  const [error, setError] = useState<AppError>();
  const load = async () => {
    try {
      setMine(await call('myAccessRequests', {}));
      if (approver) {
        setInbox(await call('accessInbox', { include: 'pending' }));
        setReviews(await call('breakGlassReviews', { include: 'open' }));
      }
    } catch (e) {
      setError(errorOf(e));
    }
  };
  const act = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(errorOf(e));
    }
    setPicked([]);
    await load();
  };
  useEffect(() => {
    clear = () => {
      setMine([]);
      setInbox([]);
      setReviews([]);
    };
    void load();
    return () => {
      clear = undefined;
    };
  }, []);

  return (
    <section className="panel" aria-labelledby="access-heading">
      <header className="panel-head">
        <h2 id="access-heading">Access</h2>
        <form className="row" onSubmit={(e) => (e.preventDefault(), Number(encounter) > 0 && setDialog(Number(encounter)))}>
          <label htmlFor="acc-enc">Encounter</label>
          <input id="acc-enc" className="narrow" value={encounter} onChange={(e) => setEncounter(e.target.value)} />
          <button type="submit">Request access…</button>
        </form>
      </header>
      <ErrorBanner error={error} />
      {approver && (
        <>
          <h3>Inbox</h3>
          <div className="row">
            <input aria-label="Denial reason" placeholder="Reason (for deny)" value={reason} onChange={(e) => setReason(e.target.value)} />
            <button type="button" disabled={!picked.length} onClick={() => void act(() => call('decideAccess', { requestIds: picked, decision: 'approve' }))}>
              Approve selected
            </button>
            <button type="button" disabled={!picked.length || reason.trim().length < 3} onClick={() => void act(() => call('decideAccess', { requestIds: picked, decision: 'deny', reason }))}>
              Deny selected
            </button>
          </div>
          <table className="grid" aria-label="Pending requests">
            <thead>
              <tr>
                <th scope="col">Pick</th>
                <th scope="col">#</th>
                <th scope="col">Requester</th>
                <th scope="col">Scope</th>
                <th scope="col">Purpose</th>
                <th scope="col">Justification</th>
                <th scope="col">History (30 d)</th>
                <th scope="col">Can approve</th>
              </tr>
            </thead>
            <tbody>
              {inbox.map((r) => (
                <tr key={r.id}>
                  <td>
                    <input type="checkbox" aria-label={`Select request ${r.id}`} checked={picked.includes(r.id)} onChange={(e) => setPicked(e.target.checked ? [...picked, r.id] : picked.filter((x) => x !== r.id))} />
                  </td>
                  <td className="num">{r.id}</td>
                  <td>
                    {r.requester.displayName} <span className="muted">({r.requester.role})</span>
                  </td>
                  <td>
                    {r.scope.summary}
                    {r.scopeLabels.length > 0 && <span className="badge bad">{r.scopeLabels.join(' ')}</span>}
                  </td>
                  <td>{r.purpose}</td>
                  <td className="small">{r.justification}</td>
                  <td className="small mono">{Object.entries(r.history ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}</td>
                  <td>{r.canApprove ? 'Yes' : <span className="warn">{r.cannotApproveReason}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Break-glass reviews</h3>
          <table className="grid" aria-label="Break-glass reviews">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">User</th>
                <th scope="col">Reason</th>
                <th scope="col">Due</th>
                <th scope="col">Close</th>
              </tr>
            </thead>
            <tbody>
              {reviews.map((v) => (
                <ReviewRow key={v.event.id} v={v} onDone={(verdict, notes) => void act(() => call('closeBreakGlassReview', { requestId: v.event.id, verdict, notes }))} />
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>My requests</h3>
      <table className="grid" aria-label="My requests">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Status</th>
            <th scope="col">Scope</th>
            <th scope="col">Left</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {mine.map((r) => (
            <tr key={r.id}>
              <td className="num">{r.id}</td>
              <td>{r.kind === 'break_glass' ? `break-glass · ${r.status}` : r.status}</td>
              <td>{r.scope.summary}</td>
              <td>{r.remainingMinutes !== null ? `${r.remainingMinutes} min` : ''}</td>
              <td className="small">{r.decisionReason ?? r.endReason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {dialog !== undefined && (
        <RequestAccessDialog
          encounterId={dialog}
          onClose={() => {
            setDialog(undefined);
            void load();
          }}
        />
      )}
    </section>
  );
}

function ReviewRow({ v, onDone }: { v: ReviewView; onDone: (verdict: 'appropriate' | 'inappropriate', notes: string) => void }) {
  const [notes, setNotes] = useState('');
  return (
    <tr className={v.overdue ? 'overdue' : undefined}>
      <td className="num">{v.event.id}</td>
      <td>{v.event.requester.displayName}</td>
      <td className="small">
        {v.event.reasonCode}: {v.event.justification}
      </td>
      <td>{v.overdue ? <span className="warn">Overdue</span> : new Date(v.dueAt).toLocaleDateString()}</td>
      <td className="row">
        <input aria-label={`Review notes for ${v.event.id}`} value={notes} onChange={(e) => setNotes(e.target.value)} />
        <button type="button" disabled={notes.trim().length < 10} onClick={() => onDone('appropriate', notes)}>
          Appropriate
        </button>
        <button type="button" disabled={notes.trim().length < 10} onClick={() => onDone('inappropriate', notes)}>
          Inappropriate
        </button>
      </td>
    </tr>
  );
}
