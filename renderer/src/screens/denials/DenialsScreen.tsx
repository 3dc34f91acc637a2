import { useEffect } from 'react';
import { AGE_BUCKETS, WORK_STATUSES, type AgeBucket, type DenialRow, type WorkStatus } from '../../../../shared/packets-contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useDenials, type WorklistQuery } from '../../state/denials-store';
import { PacketBuilder } from './PacketBuilder';
import { money } from './format';

export const STATUS_LABEL: Record<WorkStatus, string> = { new: 'New', in_work: 'In work', sent: 'Sent', won: 'Won', lost: 'Lost' };

/** Billers and supervisors: denied claims from stored remittances, and the dispute packet builder. */
export function DenialsScreen() {
  const { draft, load, error } = useDenials();
  useEffect(() => {
    void load();
  }, [load]);
  if (draft) return <PacketBuilder />;
  return (
    <section className="panel" aria-labelledby="denials-heading">
      <header className="panel-head">
        <h2 id="denials-heading">Denials</h2>
      </header>
      <ErrorBanner error={error} />
      <Filters />
      <Worklist />
    </section>
  );
}

function toggle<T>(list: T[] | undefined, v: T): T[] {
  const l = list ?? [];
  return l.includes(v) ? l.filter((x) => x !== v) : [...l, v];
}

function Filters() {
  const { query, setQuery, payers, total, rows } = useDenials();
  return (
    <form className="denial-filters" aria-label="Worklist filters" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Status</legend>
        {WORK_STATUSES.map((s) => (
          <label key={s} className="check">
            <input type="checkbox" checked={!!query.status?.includes(s)} onChange={() => setQuery({ status: toggle<WorkStatus>(query.status, s) })} />
            {STATUS_LABEL[s]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Days since remit</legend>
        {AGE_BUCKETS.map((b) => (
          <label key={b} className="check">
            <input type="checkbox" checked={!!query.bucket?.includes(b)} onChange={() => setQuery({ bucket: toggle<AgeBucket>(query.bucket, b) })} />
            {b}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="denial-payer">Payer</label>
        <select id="denial-payer" value={query.payer ?? ''} onChange={(e) => setQuery({ payer: e.target.value || undefined })}>
          <option value="">All payers</option>
          {payers.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="denial-code">Code</label>
        <input id="denial-code" className="short" placeholder="CO-50, N290" value={query.code ?? ''} onChange={(e) => setQuery({ code: e.target.value || undefined })} />
      </div>
      <div className="field">
        <label htmlFor="denial-search">Claim number</label>
        <input id="denial-search" className="short" value={query.search ?? ''} onChange={(e) => setQuery({ search: e.target.value || undefined })} />
      </div>
      <p className="muted small" role="status">
        {total} denial{total === 1 ? '' : 's'}
        {rows.length < total ? ` (showing the first ${rows.length}; narrow the filters)` : ''}
      </p>
    </form>
  );
}

const COLUMNS: Array<{ key: NonNullable<WorklistQuery['sort']>; label: string; num?: boolean }> = [
  { key: 'claimNumber', label: 'Claim' },
  { key: 'payer', label: 'Payer' },
  { key: 'serviceStart', label: 'Dates of service' },
  { key: 'billed', label: 'Billed', num: true },
  { key: 'paid', label: 'Paid', num: true },
];

function SortHeader({ col }: { col: (typeof COLUMNS)[number] | { key: NonNullable<WorklistQuery['sort']>; label: string; num?: boolean } }) {
  const { query, setQuery } = useDenials();
  const active = query.sort === col.key;
  const dir = active ? query.dir : undefined;
  return (
    <th scope="col" className={col.num ? 'num' : undefined} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort" onClick={() => setQuery({ sort: col.key, dir: active && dir === 'desc' ? 'asc' : 'desc' })}>
        {col.label}
        {active ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
}

function Worklist() {
  const { rows, setStatus, open } = useDenials();
  return (
    <table className="grid denials" aria-label="Denial worklist">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <SortHeader key={c.key} col={c} />
          ))}
          <th scope="col">Denial codes</th>
          <SortHeader col={{ key: 'age', label: 'Age' }} />
          <SortHeader col={{ key: 'status', label: 'Status' }} />
          <th scope="col">Packet</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <Row key={r.remitClaimId} r={r} onStatus={(s) => r.claimId && void setStatus(r.claimId, s)} onOpen={() => void open(r.claimId ? { claimId: r.claimId } : { remitClaimId: r.remitClaimId })} />
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={9} className="muted">
              No denials match.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function Row({ r, onStatus, onOpen }: { r: DenialRow; onStatus: (s: WorkStatus) => void; onOpen: () => void }) {
  const dates = r.serviceStart ? (r.serviceEnd && r.serviceEnd !== r.serviceStart ? `${r.serviceStart} – ${r.serviceEnd}` : r.serviceStart) : '—';
  return (
    <tr>
      <td className="mono">{r.claimNumber}</td>
      <td>{r.payerName ?? '—'}</td>
      <td className="nowrap">{dates}</td>
      <td className="num">{money(r.billed)}</td>
      <td className="num">{money(r.paid)}</td>
      <td className="codes">
        {r.adjustments.map((a, i) => (
          <span key={`a${i}`} className="code" title={a.description}>
            <b>
              {a.group}-{a.code}
            </b>{' '}
            {a.description}
          </span>
        ))}
        {r.remarks.map((m, i) => (
          <span key={`m${i}`} className="code remark" title={m.description}>
            <b>{m.code}</b> {m.description}
          </span>
        ))}
      </td>
      <td className="nowrap">
        <span className={`badge age-${(r.ageBucket ?? 'none').replace('>', 'gt')}`}>{r.ageBucket ?? '—'}</span> <span className="muted small">{r.ageDays ?? '—'} d</span>
      </td>
      <td>
        <select aria-label={`Status of claim ${r.claimNumber}`} value={r.status} disabled={!r.claimId} onChange={(e) => onStatus(e.target.value as WorkStatus)}>
          {WORK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <button type="button" onClick={onOpen} aria-label={`Build packet for claim ${r.claimNumber}`}>
          Build packet{r.packets ? ` (${r.packets})` : ''}
        </button>
      </td>
    </tr>
  );
}
