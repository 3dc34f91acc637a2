import { useEffect, useState } from 'react';
import type { AuditEventView, AuditVerifyReport } from '../../../shared/auth-contract';
import type { AppError } from '../../../shared/result';
import { call, errorOf } from '../../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { Field } from '../components/Field';
import { registerPhiStore } from '../state/phi-stores';
import { FlagsPanel, MetricsPanel, TimelinePanel } from './audit/ReviewPanels';
import { defaultRange, toRequest, type DayRange } from './audit/range';
import { GridHead, num } from '../components/GridHead';
import { GRANT_LABELS } from '../../../shared/access-types';

let clear: (() => void) | undefined;
registerPhiStore(() => clear?.());

type View = 'events' | 'timeline' | 'flags' | 'metrics';
const VIEWS: Array<[View, string]> = [
  ['events', 'Events'],
  ['timeline', 'User timeline'],
  ['flags', 'Unusual access'],
  ['metrics', 'Metrics'],
];
const LABELS = ['', ...GRANT_LABELS];

interface EventFilter {
  username: string;
  eventType: string;
  patientId: string;
  label: string;
  range: DayRange;
}

/** Privacy officers and administrators: chain verification, the event list with filters, and the review views. */
export function AuditScreen() {
  const [view, setView] = useState<View>('events');
  const [report, setReport] = useState<AuditVerifyReport>();
  const [events, setEvents] = useState<AuditEventView[]>([]);
  const [filter, setFilter] = useState<EventFilter>({ username: '', eventType: '', patientId: '', label: '', range: defaultRange() });
  const [range, setRange] = useState<DayRange>(defaultRange());
  const [error, setError] = useState<AppError>();
  const [key, setKey] = useState(0);

  const load = async (f: EventFilter = filter) => {
    setError(undefined);
    try {
      const r = toRequest(f.range);
      setEvents(
        await call('auditEvents', {
          username: f.username || undefined,
          eventType: f.eventType || undefined,
          patientId: f.patientId ? Number(f.patientId) : undefined,
          label: f.label || undefined,
          from: r.from,
          to: r.to,
          limit: 500,
        }),
      );
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
  const showEvents = (username: string, day: string) => {
    const f = { ...filter, username, eventType: '', patientId: '', label: '', range: { from: day, to: day } };
    setFilter(f);
    setView('events');
    void load(f);
  };
  useEffect(() => {
    clear = () => {
      setEvents([]);
      setReport(undefined);
      setKey((k) => k + 1); // remounts the review panels, dropping what they show
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
            : report.broken!.kind === 'unverifiable'
              ? `Not proven: ${report.broken!.message}`
              : `Broken at record ${report.broken!.seq} (${report.broken!.kind}): ${report.broken!.message}`}
        </p>
      )}
      <nav className="subtabs" role="tablist" aria-label="Audit views">
        {VIEWS.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={view === id} className={view === id ? 'subtab active' : 'subtab'} onClick={() => setView(id)}>
            {label}
          </button>
        ))}
      </nav>
      <ErrorBanner error={error} />
      {view === 'events' && (
        <>
          <form
            className="row wrap"
            onSubmit={(e) => {
              e.preventDefault();
              void load();
            }}
          >
            <Field label="User" value={filter.username} onChange={(e) => setFilter({ ...filter, username: e.target.value })} />
            <Field label="Event type" value={filter.eventType} onChange={(e) => setFilter({ ...filter, eventType: e.target.value })} placeholder="e.g. login" />
            <Field label="Patient #" inputMode="numeric" className="narrow" value={filter.patientId} onChange={(e) => setFilter({ ...filter, patientId: e.target.value.replace(/\D/g, '') })} />
            <div className="field">
              <label htmlFor="audit-label">Label</label>
              <select id="audit-label" value={filter.label} onChange={(e) => setFilter({ ...filter, label: e.target.value })}>
                {LABELS.map((l) => (
                  <option key={l} value={l}>
                    {l || 'any'}
                  </option>
                ))}
              </select>
            </div>
            <Field label="From" type="date" value={filter.range.from} onChange={(e) => setFilter({ ...filter, range: { ...filter.range, from: e.target.value } })} />
            <Field label="To" type="date" value={filter.range.to} onChange={(e) => setFilter({ ...filter, range: { ...filter.range, to: e.target.value } })} />
            <button type="submit">Filter</button>
          </form>
          <table className="grid" aria-label="Audit events">
            <GridHead cols={[num('#'), 'Time', 'User', 'Role', 'Event', 'Outcome', num('Patient #'), 'Labels', 'Detail']} />
            <tbody>
              {events.map((e) => (
                <tr key={e.seq}>
                  <td className="num">{e.seq}</td>
                  <td>{new Date(e.recordedAt).toLocaleString()}</td>
                  <td className="mono">{e.username ?? '—'}</td>
                  <td>{e.role ?? '—'}</td>
                  <td className="mono">{e.eventType}</td>
                  <td className={e.outcome === 'success' ? '' : 'warn'}>{e.outcome}</td>
                  <td className="num">{e.patientId ?? ''}</td>
                  <td>{e.labels ?? ''}</td>
                  <td className="mono small">{e.detail ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {view === 'timeline' && <TimelinePanel key={key} range={range} onRange={setRange} onShowEvents={showEvents} />}
      {view === 'flags' && <FlagsPanel key={key} range={range} onRange={setRange} onShowEvents={showEvents} />}
      {view === 'metrics' && <MetricsPanel key={key} range={range} onRange={setRange} />}
    </section>
  );
}
