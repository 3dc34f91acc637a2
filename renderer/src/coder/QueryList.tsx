import { useEffect, useState } from 'react';
import type { QuerySummary, QueryView } from '../../../shared/coder-contract';
import type { AppError } from '../../../shared/result';
import { call, errorOf } from '../../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { GridHead } from '../components/GridHead';

/** The query log of an encounter (or all of mine): open, mark sent, record the answer, withdraw. */
export function QueryList({ encounterId, onOpen }: { encounterId?: number; onOpen(q: QueryView): void }) {
  const [list, setList] = useState<QuerySummary[]>([]);
  const [active, setActive] = useState<QueryView>();
  const [answer, setAnswer] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError>();

  const load = async () => {
    try {
      setList(await call('listQueries', encounterId ? { encounterId } : {}));
    } catch (e) {
      setError(errorOf(e));
    }
  };
  useEffect(() => {
    void load();
  }, [encounterId]);

  const act = async (fn: () => Promise<QueryView>) => {
    setError(undefined);
    try {
      setActive(await fn());
      await load();
    } catch (e) {
      setError(errorOf(e));
    }
  };
  const select = (id: number) => act(() => call('getQuery', { queryId: id }));

  return (
    <div className="query-list">
      <table className="grid compact" aria-label="Queries">
        <GridHead cols={['#', ...(encounterId ? [] : ['Encounter']), 'Status', 'Question', 'Updated']} />
        <tbody>
          {list.map((q) => (
            <tr key={q.id} className={active?.id === q.id ? 'cursor' : undefined}>
              <td>
                <button type="button" className="link" onClick={() => void select(q.id)}>
                  {q.id}
                </button>
              </td>
              {!encounterId && <td>#{q.encounterId}</td>}
              <td>
                <span className={`status status-q-${q.status}`}>{q.status}</span>
              </td>
              <td className="clip">{q.question || <span className="muted">(no question yet)</span>}</td>
              <td className="mono muted">{q.updatedAt.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length === 0 && <p className="muted small">No queries yet.</p>}
      <ErrorBanner error={error} />
      {active && (
        <div className="query-detail" aria-label={`Query ${active.id}`}>
          <p className="small">
            <strong>#{active.id}</strong> · {active.status} · {active.facts.length} indicator(s) · exported {active.exports}×
          </p>
          <p>{active.question}</p>
          {active.answer && (
            <p className="notice small">
              Answered: <strong>{active.answer.option}</strong>
              {active.answer.note ? ` — ${active.answer.note}` : ''}
            </p>
          )}
          <div className="row wrap">
            {active.status === 'draft' && (
              <>
                <button type="button" onClick={() => onOpen(active)}>
                  Edit draft
                </button>
                <button type="button" onClick={() => void act(() => call('setQueryStatus', { queryId: active.id, status: 'sent' }))}>
                  Mark sent
                </button>
              </>
            )}
            {(active.status === 'draft' || active.status === 'sent') && (
              <button type="button" onClick={() => void act(() => call('setQueryStatus', { queryId: active.id, status: 'withdrawn' }))}>
                Withdraw
              </button>
            )}
          </div>
          {active.status === 'sent' && (
            <form
              className="answer"
              aria-label="Record the provider's answer"
              onSubmit={(e) => {
                e.preventDefault();
                void act(() => call('setQueryStatus', { queryId: active.id, status: 'answered', answerOption: answer, answerNote: note || undefined }));
              }}
            >
              <label className="field">
                <span>Provider's answer</span>
                <select value={answer} onChange={(e) => setAnswer(e.target.value)}>
                  <option value="">Choose…</option>
                  {active.options.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>Note (required for Other)</span>
                <input value={note} onChange={(e) => setNote(e.target.value)} />
              </label>
              <button type="submit" disabled={!answer}>
                Record answer
              </button>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
