import { useEffect, useState } from 'react';
import type { AuditEventView, AuditVerifyReport } from '../../../shared/auth-contract';
import type { AppError } from '../../../shared/result';
import { call, errorOf } from '../../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { Field } from '../components/Field';
import { registerPhiStore } from '../state/phi-stores';

let clear: (() => void) | undefined;
registerPhiStore(() => clear?.());

/** Privacy officers and administrators: chain verification and the event list with filters. */
export function AuditScreen() {
  const [report, setReport] = useState<AuditVerifyReport>();
  const [events, setEvents] = useState<AuditEventView[]>([]);
  const [username, setUsername] = useState('');
  const [eventType, setEventType] = useState('');
  const [error, setError] = useState<AppError>();

  const load = async () => {
    setError(undefined);
    try {
      setEvents(await call('auditEvents', { username: username || undefined, eventType: eventType || undefined, limit: 200 }));
    } catch (e) {
      setError(errorOf(e));
    }
  };
  const verify = async () => {
    try {
      setReport(await call('auditVerify', {}));
    } catch (e) {
      setError(errorOf(e));
    }
  };
  useEffect(() => {
    clear = () => {
      setEvents([]);
      setReport(undefined);
    };
    void load();
    return () => {
      clear = undefined;
    };
  }, []);

  return (
    <section className="panel" aria-labelledby="audit-heading">
      <header className="panel-head">
        <h2 id="audit-heading">Audit trail</h2>
        <button type="button" onClick={() => void verify()}>
          Verify chain
        </button>
      </header>
      {report && (
        <p role="status" className={report.ok ? 'notice' : 'error'} data-testid="audit-verify">
          {report.ok
            ? `Chain intact: ${report.records} records; last signed checkpoint at ${report.checkpointSeq ?? 'none yet'}.`
            : `Broken at record ${report.broken!.seq} (${report.broken!.kind}): ${report.broken!.message}`}
        </p>
      )}
      <ErrorBanner error={error} />
      <form
        className="row wrap"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <Field label="User" value={username} onChange={(e) => setUsername(e.target.value)} />
        <Field label="Event type" value={eventType} onChange={(e) => setEventType(e.target.value)} placeholder="e.g. login" />
        <button type="submit">Filter</button>
      </form>
      <table className="grid" aria-label="Audit events">
        <thead>
          <tr>
            <th scope="col" className="num">#</th>
            <th scope="col">Time</th>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            <th scope="col">Event</th>
            <th scope="col">Outcome</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.seq}>
              <td className="num">{e.seq}</td>
              <td>{new Date(e.recordedAt).toLocaleString()}</td>
              <td className="mono">{e.username ?? '—'}</td>
              <td>{e.role ?? '—'}</td>
              <td className="mono">{e.eventType}</td>
              <td className={e.outcome === 'success' ? '' : 'warn'}>{e.outcome}</td>
              <td className="mono small">{e.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
