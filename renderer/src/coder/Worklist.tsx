import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CODING_STATUSES, type CodingStatus, type WorklistRow } from '../../../shared/coder-contract';
import type { AppError } from '../../../shared/result';
import { call, errorOf } from '../../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { useCoder } from './coder-store';
import { GridHead, num } from '../components/GridHead';

const STATUS_LABEL: Record<CodingStatus, string> = { open: 'Open', in_progress: 'In progress', complete: 'Complete' };
const CLASS_LABEL: Record<string, string> = { IMP: 'Inpatient', AMB: 'Outpatient', EMER: 'Emergency', OBSENC: 'Observation', SS: 'Same day' };

/** Encounters assigned to me or available, with filters; Enter or double-click opens one. */
export function Worklist({ onOpen }: { onOpen(row: WorklistRow): void }) {
  const { filter, rows, total, payers, set } = useCoder();
  const [error, setError] = useState<AppError>();
  const [cursor, setCursor] = useState(0);
  const [search, setSearch] = useState(filter.search ?? '');
  const tableRef = useRef<HTMLTableSectionElement>(null);

  const load = async (f = filter) => {
    setError(undefined);
    try {
      const r = await call('listWorklist', f);
      set({ rows: r.rows, total: r.total, payers: r.payers, filter: f });
    } catch (e) {
      setError(errorOf(e));
    }
  };
  useEffect(() => {
    void load();
  }, []);
  const update = (patch: Partial<typeof filter>) => void load({ ...filter, ...patch });

  const claim = async (row: WorklistRow, release: boolean) => {
    try {
      await call('claimEncounter', { encounterId: row.encounterId, release });
      await load();
    } catch (e) {
      setError(errorOf(e));
    }
  };

  const onKey = (e: KeyboardEvent) => {
    if (!rows.length) return;
    if (e.key === 'ArrowDown' || e.key === 'j') setCursor((c) => Math.min(rows.length - 1, c + 1));
    else if (e.key === 'ArrowUp' || e.key === 'k') setCursor((c) => Math.max(0, c - 1));
    else if (e.key === 'Enter') onOpen(rows[cursor]!);
    else return;
    e.preventDefault();
  };
  useEffect(() => {
    tableRef.current?.querySelector<HTMLElement>(`[data-row="${cursor}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  return (
    <section className="panel coder-worklist" aria-labelledby="worklist-heading">
      <header className="panel-head">
        <h2 id="worklist-heading">Worklist</h2>
        <span className="muted small" data-testid="worklist-count">
          {rows.length} of {total} encounters
        </span>
      </header>
      <form
        className="row wrap worklist-filters"
        role="search"
        aria-label="Filter the worklist"
        onSubmit={(e) => {
          e.preventDefault();
          update({ search: search.trim() || undefined });
        }}
      >
        <label className="field">
          <span>Search</span>
          <input value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Encounter #, type or payer" aria-keyshortcuts="/" />
        </label>
        <label className="field">
          <span>Show</span>
          <select value={filter.scope ?? 'all'} onChange={(e) => update({ scope: e.target.value as 'mine' | 'available' | 'all' })}>
            <option value="all">Mine and available</option>
            <option value="mine">Assigned to me</option>
            <option value="available">Available</option>
          </select>
        </label>
        <label className="field">
          <span>Status</span>
          <select
            value={filter.status?.length === 1 ? filter.status[0] : ''}
            onChange={(e) => update({ status: e.target.value ? [e.target.value as CodingStatus] : undefined })}
          >
            <option value="">Any status</option>
            {CODING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Type</span>
          <select value={filter.classCode ?? ''} onChange={(e) => update({ classCode: e.target.value || undefined })}>
            <option value="">Any type</option>
            {Object.entries(CLASS_LABEL).map(([c, l]) => (
              <option key={c} value={c}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Payer</span>
          <select value={filter.payer ?? ''} onChange={(e) => update({ payer: e.target.value || undefined })}>
            <option value="">Any payer</option>
            {payers.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Service from</span>
          <input type="date" value={filter.from ?? ''} onChange={(e) => update({ from: e.target.value || undefined })} />
        </label>
        <label className="field">
          <span>Service to</span>
          <input type="date" value={filter.to ?? ''} onChange={(e) => update({ to: e.target.value || undefined })} />
        </label>
        <button type="submit">Search</button>
      </form>
      <ErrorBanner error={error} />
      <div className="worklist-scroll">
        <table className="grid worklist" aria-label="Encounters to code" aria-describedby="worklist-help">
          <GridHead cols={['Encounter', 'Status', 'Type', 'Admitted', 'Discharged', num('LOS'), 'Payer', num('Docs'), num('Open queries'), 'Assignment']} />
          <tbody ref={tableRef} tabIndex={0} onKeyDown={onKey} aria-label="Encounters; arrows move, Enter opens">
            {rows.map((r, i) => (
              <tr key={r.encounterId} data-row={i} className={i === cursor ? 'cursor' : undefined} aria-selected={i === cursor} onClick={() => setCursor(i)} onDoubleClick={() => onOpen(r)}>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(r)} aria-label={`Open encounter ${r.encounterId}`}>
                    #{r.encounterId}
                  </button>
                </td>
                <td>
                  <span className={`status status-${r.codingStatus}`}>{STATUS_LABEL[r.codingStatus]}</span>
                </td>
                <td>
                  {CLASS_LABEL[r.classCode ?? ''] ?? r.classCode ?? '—'}
                  {r.type ? <span className="muted"> · {r.type}</span> : null}
                </td>
                <td className="mono">{r.start?.slice(0, 10) ?? '—'}</td>
                <td className="mono">{r.end?.slice(0, 10) ?? '—'}</td>
                <td className="num">{r.lengthOfStay ?? '—'}</td>
                <td>{r.payer ?? '—'}</td>
                <td className="num">{r.documentCount}</td>
                <td className="num">{r.openQueries || ''}</td>
                <td>
                  {r.assignedToMe ? (
                    <button type="button" className="small-btn" onClick={() => void claim(r, true)}>
                      Release
                    </button>
                  ) : (
                    <button type="button" className="small-btn" onClick={() => void claim(r, false)}>
                      Take
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="muted">No encounters match.</p>}
      </div>
      <p id="worklist-help" className="muted small">
        Arrow keys or j/k move, Enter opens the encounter.
      </p>
    </section>
  );
}
