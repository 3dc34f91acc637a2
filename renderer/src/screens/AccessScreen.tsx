import { useEffect, useState } from 'react';
import { BREAK_GLASS_REASON_LABELS, type AccessAlerts, type AccessRequestView, type ReviewView } from '../../../shared/access-contract';
import { APPROVER_ROLES, REQUESTER_ROLES } from '../../../shared/access-types';
import type { AppError } from '../../../shared/result';
import type { Role } from '../../../shared/roles';
import { call, errorOf } from '../../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { GridHead } from '../components/GridHead';
import { RequestAccessDialog } from '../components/RequestAccessDialog';
import { registerPhiStore } from '../state/phi-stores';
import { BreakGlassDialog } from './access/BreakGlassDialog';
import { useAccessAlerts } from './access/alerts';

let clear: (() => void) | undefined;
registerPhiStore(() => clear?.());

const reasonLabel = (code: string | null) => (code && code in BREAK_GLASS_REASON_LABELS ? BREAK_GLASS_REASON_LABELS[code as keyof typeof BREAK_GLASS_REASON_LABELS] : (code ?? ''));

/** My requests and grants; for supervisors and privacy officers also the inbox and the break-glass review queue. */
export function AccessScreen({ role }: { role: Role }) {
  const approver = APPROVER_ROLES.includes(role);
  const [mine, setMine] = useState<AccessRequestView[]>([]);
  const [inbox, setInbox] = useState<AccessRequestView[]>([]);
  const [reviews, setReviews] = useState<ReviewView[]>([]);
  const [active, setActive] = useState<AccessRequestView[]>([]);
  const [breakGlass, setBreakGlass] = useState(false);
  const alerts = useAccessAlerts();
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
        setActive((await call('accessInbox', { include: 'recent' })).filter((r) => r.status === 'approved' && (r.remainingMinutes ?? 0) > 0));
      }
      await alerts.refresh();
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
      setActive([]);
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
          {REQUESTER_ROLES.includes(role) && (
            <button type="button" className="danger" onClick={() => setBreakGlass(true)}>
              Break glass…
            </button>
          )}
        </form>
      </header>
      <ErrorBanner error={error} />
      {approver && alerts.value && alerts.value.breakGlass.length > 0 && <BreakGlassAlerts alerts={alerts.value} onAcknowledge={() => void act(() => call('acknowledgeAccessAlerts', {}))} />}
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
            <GridHead cols={['Pick', '#', 'Requester', 'Scope', 'Purpose', 'Justification', 'History (30 d)', 'Can approve']} />
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
          <h3>Active grants</h3>
          <ActiveGrants rows={active} onRevoke={(id, why) => void act(() => call('revokeAccess', { requestId: id, reason: why }))} />
          <h3>Break-glass reviews</h3>
          <table className="grid" aria-label="Break-glass reviews">
            <GridHead cols={['#', 'User', 'Reason', 'Due', 'Close']} />
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
        <GridHead cols={['#', 'Status', 'Scope', 'Left', 'Decision', <span className="sr-only">Actions</span>]} />
        <tbody>
          {mine.map((r) => (
            <tr key={r.id}>
              <td className="num">{r.id}</td>
              <td>{r.kind === 'break_glass' ? `break-glass · ${r.status}` : r.status}</td>
              <td>{r.scope.summary}</td>
              <td>{r.remainingMinutes !== null ? `${r.remainingMinutes} min` : ''}</td>
              <td className="small">{r.decisionReason ?? r.endReason ?? ''}</td>
              <td>
                {r.status === 'pending' && (
                  <button type="button" className="small-btn" onClick={() => void act(() => call('withdrawAccessRequest', { requestId: r.id }))}>
                    Withdraw
                  </button>
                )}
                {r.status === 'approved' && (r.remainingMinutes ?? 0) > 0 && (
                  <button type="button" className="small-btn" onClick={() => void act(() => call('revokeAccess', { requestId: r.id, reason: 'Finished with it' }))}>
                    End now
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {breakGlass && (
        <BreakGlassDialog
          onClose={() => {
            setBreakGlass(false);
            void load();
          }}
        />
      )}
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

function BreakGlassAlerts({ alerts, onAcknowledge }: { alerts: AccessAlerts; onAcknowledge: () => void }) {
  return (
    <div className="alert-box" role="alert" aria-label="Break-glass alerts">
      <strong>Emergency access started</strong>
      <ul>
        {alerts.breakGlass.map((a) => (
          <li key={a.alertId}>
            {a.username} · {reasonLabel(a.reasonCode)} · encounter {a.encounterId ?? '—'} · {new Date(a.startedAt).toLocaleString()}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onAcknowledge}>
        Acknowledge
      </button>
    </div>
  );
}

function ActiveGrants({ rows, onRevoke }: { rows: AccessRequestView[]; onRevoke: (id: number, reason: string) => void }) {
  const [why, setWhy] = useState<Record<number, string>>({});
  if (!rows.length) return <p className="muted">No grant is running.</p>;
  return (
    <table className="grid" aria-label="Active grants">
      <GridHead cols={['#', 'User', 'Scope', 'Left', 'Revoke']} />
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td className="num">{r.id}</td>
            <td>
              {r.requester.displayName} {r.kind === 'break_glass' && <span className="badge bad">break-glass</span>}
            </td>
            <td>{r.scope.summary}</td>
            <td>{r.remainingMinutes} min</td>
            <td className="row">
              <input aria-label={`Revoke reason for ${r.id}`} placeholder="Reason" value={why[r.id] ?? ''} onChange={(e) => setWhy({ ...why, [r.id]: e.target.value })} />
              <button type="button" disabled={(why[r.id] ?? '').trim().length < 3} onClick={() => onRevoke(r.id, why[r.id]!.trim())}>
                Revoke
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
