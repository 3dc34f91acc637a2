import { useState, type ReactNode } from 'react';
import type { AccessFlagView, AuditMetricsView, TimelineDayView } from '../../../../shared/audit-review-contract';
import type { AppError } from '../../../../shared/result';
import { call, errorOf } from '../../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { toRequest, type DayRange } from './range';
import { GridHead, num } from '../../components/GridHead';

const FLAG_LABELS: Record<AccessFlagView['kind'], string> = {
  volume: 'Volume far above own baseline',
  'after-hours': 'After hours',
  'same-last-name': 'Shares last name',
  vip: 'VIP patient',
  employee: 'Employee patient',
  'masked-requests': 'Many masked-section requests',
};

function useLoad<T>() {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<AppError>();
  const [busy, setBusy] = useState(false);
  const load = async (fn: () => Promise<T>) => {
    setError(undefined);
    setBusy(true);
    try {
      setData(await fn());
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setBusy(false);
    }
  };
  return { data, error, busy, load, clear: () => setData(undefined) };
}

export function RangeFields({ range, onChange }: { range: DayRange; onChange: (r: DayRange) => void }) {
  return (
    <>
      <Field label="From" type="date" value={range.from} onChange={(e) => onChange({ ...range, from: e.target.value })} />
      <Field label="To" type="date" value={range.to} onChange={(e) => onChange({ ...range, to: e.target.value })} />
    </>
  );
}

/** A date-range query form: optional leading fields, From/To, the submit button, and the load's error. */
function RangeForm({
  range,
  onRange,
  busy,
  disabled,
  label,
  error,
  onSubmit,
  children,
}: {
  range: DayRange;
  onRange: (r: DayRange) => void;
  busy: boolean;
  disabled?: boolean;
  label: string;
  error: AppError | undefined;
  onSubmit: () => void;
  children?: ReactNode;
}) {
  return (
    <>
      <form
        className="row wrap"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <RangeFields range={range} onChange={onRange} />
        <button type="submit" disabled={busy || disabled}>
          {label}
        </button>
      </form>
      <ErrorBanner error={error} />
    </>
  );
}


export function TimelinePanel({ range, onRange, onShowEvents }: { range: DayRange; onRange: (r: DayRange) => void; onShowEvents: (username: string, day: string) => void }) {
  const [username, setUsername] = useState('');
  const t = useLoad<{ user: { username: string; displayName: string }; days: TimelineDayView[] }>();
  const max = Math.max(1, ...(t.data?.days.flatMap((d) => d.hours) ?? [1]));
  return (
    <div>
      <RangeForm
        range={range}
        onRange={onRange}
        busy={t.busy}
        disabled={!username}
        label="Show timeline"
        error={t.error}
        onSubmit={() => void t.load(() => call('auditTimeline', { username, ...toRequest(range) }))}
      >
        <Field label="User name" value={username} onChange={(e) => setUsername(e.target.value)} required />
      </RangeForm>
      {t.data && (
        <>
          <p className="muted" data-testid="timeline-user">
            {t.data.user.displayName} ({t.data.user.username}): {t.data.days.length} active day(s)
          </p>
          <table className="grid timeline" aria-label="Access timeline">
            <GridHead cols={['Day', num('Events'), num('Patient access'), num('Patients'), num('After hours'), num('Denied'), 'Hours (00–23)', 'Most frequent']} />
            <tbody>
              {t.data.days.map((d) => (
                <tr key={d.day}>
                  <td className="nowrap">
                    <button type="button" className="link" onClick={() => onShowEvents(t.data!.user.username, d.day)} title="Show this day's events">
                      {d.day}
                    </button>
                  </td>
                  <td className="num">{d.events}</td>
                  <td className="num">{d.patientAccess}</td>
                  <td className="num">{d.patients}</td>
                  <td className={d.afterHours ? 'num warn' : 'num'}>{d.afterHours}</td>
                  <td className={d.denied ? 'num warn' : 'num'}>{d.denied}</td>
                  <td>
                    <span className="hours" aria-label={`Events by hour: ${d.hours.map((n, h) => (n ? `${h}:00 ${n}` : '')).filter(Boolean).join(', ')}`}>
                      {d.hours.map((n, h) => (
                        <span key={h} className={h < 7 || h >= 19 ? 'hour off' : 'hour'} style={{ opacity: n ? 0.25 + (0.75 * n) / max : 1 }} data-n={n} title={`${h}:00 — ${n}`} />
                      ))}
                    </span>
                  </td>
                  <td className="mono small">{d.byType.slice(0, 3).map((b) => `${b.eventType} ${b.count}`).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

export function FlagsPanel({ range, onRange, onShowEvents }: { range: DayRange; onRange: (r: DayRange) => void; onShowEvents: (username: string, day: string) => void }) {
  const f = useLoad<AccessFlagView[]>();
  return (
    <div>
      <RangeForm range={range} onRange={onRange} busy={f.busy} label="Find unusual access" error={f.error} onSubmit={() => void f.load(() => call('auditFlags', toRequest(range)))} />
      {f.data && (
        <>
          <p className="badge-row" aria-label="Flag counts">
            {f.data.length === 0 && <span className="badge good">No unusual access in this range</span>}
            {Object.entries(FLAG_LABELS).map(([k, label]) => {
              const n = f.data!.filter((x) => x.kind === k).length;
              return n ? (
                <span key={k} className="badge bad">
                  {label}: {n}
                </span>
              ) : null;
            })}
          </p>
          <table className="grid" aria-label="Unusual access flags">
            <GridHead cols={['Flag', 'User', 'Day', num('Patient #'), num('Count'), 'Why', 'Records']} />
            <tbody>
              {f.data.map((x, i) => (
                <tr key={`${x.kind}-${x.userId}-${x.patientId}-${x.day}-${i}`}>
                  <td>
                    <span className={`flag flag-${x.kind}`}>{FLAG_LABELS[x.kind]}</span>
                  </td>
                  <td className="mono">{x.username}</td>
                  <td className="nowrap">{x.day}</td>
                  <td className="num">{x.patientId ?? '—'}</td>
                  <td className="num">{x.count}</td>
                  <td>{x.why}</td>
                  <td className="nowrap">
                    <button type="button" className="link" onClick={() => onShowEvents(x.username, x.day)}>
                      {x.seqs.length > 2 ? `#${x.seqs.slice(0, 2).join(', #')} +${x.seqs.length - 2}` : `#${x.seqs.join(', #')}`}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

const fmtMin = (m: number | null) => (m === null ? '—' : m < 120 ? `${m} min` : `${Math.round((m / 60) * 10) / 10} h`);

export function MetricsPanel({ range, onRange }: { range: DayRange; onRange: (r: DayRange) => void }) {
  const m = useLoad<AuditMetricsView>();
  const d = m.data;
  return (
    <div>
      <RangeForm range={range} onRange={onRange} busy={m.busy} label="Compute metrics" error={m.error} onSubmit={() => void m.load(() => call('auditMetrics', toRequest(range)))} />
      {d && (
        <div className="metrics" aria-label="Audit metrics">
          <Metric label="Access requests" value={d.access ? d.access.requests.total : d.accessEvents.requests} sub={d.access ? `${d.access.requests.approved} approved · ${d.access.requests.denied} denied · ${d.access.requests.pending} pending` : `${d.accessEvents.approvals} approvals · ${d.accessEvents.denials} denials recorded`} />
          <Metric label="Masked-section requests logged" value={d.accessEvents.requests} sub="access requests in the audit trail" />
          <Metric label="Median time to decide" value={d.access ? fmtMin(d.access.medianMinutesToDecide) : 'n/a'} sub={d.access ? 'request to approval or denial' : 'needs the access service'} />
          <Metric label="Break-glass events" value={d.access ? d.access.breakGlass.events : d.accessEvents.breakGlass} sub={d.access ? `${d.access.breakGlass.unreviewed} unreviewed · ${d.access.breakGlass.overdue} overdue` : 'review status needs the access service'} warn={!!d.access?.breakGlass.unreviewed} />
          <Metric label="Time to revoke" value={d.access ? fmtMin(d.access.medianMinutesToRevoke) : 'n/a'} sub={d.access ? `${d.access.revoked} grant(s) revoked` : `${d.accessEvents.revocations} revocation(s) recorded`} />
          <Metric label="Patient access" value={d.patientAccess.events} sub={`${d.patientAccess.patients} patient(s) · ${d.patientAccess.users} user(s)`} />
          <Metric label="Sign-ins" value={d.logins.success} sub={`${d.logins.failed} failed · ${d.logins.lockouts} lockouts`} warn={d.logins.lockouts > 0} />
          <Metric label="Exports" value={d.exports} sub="audit, inventory, packets" />
          <Metric label="Purged charts" value={d.purges.patients} sub="by the retention policy" />
        </div>
      )}
    </div>
  );
}

function Metric({ label, value, sub, warn }: { label: string; value: number | string; sub: string; warn?: boolean }) {
  return (
    <div className={warn ? 'metric warn-box' : 'metric'}>
      <div className="metric-label">{label}</div>
      <div className="metric-value" data-testid={`metric-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`}>
        {value}
      </div>
      <div className="metric-sub">{sub}</div>
    </div>
  );
}
