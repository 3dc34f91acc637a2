import { useState } from 'react';
import { OTHER_OPTION, UNDETERMINED_OPTION, type QueryIssue, type QueryView } from '../../../shared/coder-contract';
import type { AppError } from '../../../shared/result';
import { call, errorOf } from '../../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { useCoder, type SelectedFact } from './coder-store';

const factRefs = (facts: SelectedFact[]) => facts.map((f) => ({ sectionId: f.sectionId, start: f.start, end: f.end }));

/**
 * The physician query builder: clinical indicators are the selected facts (quoted with their
 * source), a neutral question, clinically reasonable options plus "Other" and "Clinically
 * undetermined" (always added), addressed to the encounter's attending. Saving runs the
 * compliance checks in the backend and shows what they found.
 */
export function QueryBuilder({ encounterId, onPreview }: { encounterId: number; onPreview(q: QueryView): void }) {
  const { facts, draft, query, set, removeFact } = useCoder();
  const [error, setError] = useState<AppError>();
  const [busy, setBusy] = useState(false);
  const editable = !query || query.status === 'draft';
  const setDraft = (patch: Partial<typeof draft>) => set({ draft: { ...draft, ...patch } });
  const usesStoredFacts = !!query && facts.length === 0;

  const save = async (): Promise<QueryView | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      const options = draft.options.map((o) => o.trim()).filter(Boolean);
      const q = query
        ? await call('updateQuery', { queryId: query.id, question: draft.question, options, facts: usesStoredFacts ? undefined : factRefs(facts) })
        : await call('createQuery', { encounterId, question: draft.question, options, facts: factRefs(facts) });
      set({ query: q, draft: { ...draft, queryId: q.id } });
      return q;
    } catch (e) {
      setError(errorOf(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const indicators = usesStoredFacts
    ? query!.facts.map((f) => ({ key: String(f.id), text: f.text ?? 'No longer visible to you', source: `${f.documentTitle} › ${f.sectionTitle}${f.date ? ` · ${f.date}` : ''}`, removable: false }))
    : facts.map((f) => ({ key: f.key, text: f.text, source: `${f.documentTitle} › ${f.sectionTitle || 'Section'}${f.date ? ` · ${f.date}` : ''}`, removable: editable }));

  return (
    <form
      className="query-builder"
      aria-label="Physician query"
      onSubmit={(e) => {
        e.preventDefault();
        void save().then((q) => q && onPreview(q));
      }}
    >
      <div className="row small">
        <strong>To:</strong> <span data-testid="query-provider">{query?.provider ?? 'The attending provider of this encounter'}</span>
        <span className="spacer" />
        {query && <span className={`status status-q-${query.status}`}>Query #{query.id} · {query.status}</span>}
      </div>
      <h3>Clinical indicators</h3>
      {indicators.length === 0 && <p className="muted small">Select facts in the chart first.</p>}
      <ol className="fact-list compact">
        {indicators.map((f) => (
          <li key={f.key}>
            <blockquote>“{f.text}”</blockquote>
            <div className="row small muted">
              {f.source}
              <span className="spacer" />
              {f.removable && (
                <button type="button" className="small-btn" onClick={() => removeFact(f.key)}>
                  Remove
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
      <label className="field">
        <span>Question to the provider</span>
        <textarea
          rows={3}
          value={draft.question}
          disabled={!editable}
          onChange={(e) => setDraft({ question: e.target.value })}
          placeholder="Based on the clinical indicators above, can the diagnosis be further specified?"
        />
      </label>
      <fieldset className="options" disabled={!editable}>
        <legend>Answer options</legend>
        {draft.options.map((o, i) => (
          <div key={i} className="row">
            <input aria-label={`Option ${i + 1}`} value={o} onChange={(e) => setDraft({ options: draft.options.map((x, j) => (j === i ? e.target.value : x)) })} />
            <button type="button" className="small-btn" aria-label={`Remove option ${i + 1}`} onClick={() => setDraft({ options: draft.options.filter((_, j) => j !== i) })}>
              ×
            </button>
          </div>
        ))}
        <button type="button" className="small-btn" disabled={draft.options.length >= 8} onClick={() => setDraft({ options: [...draft.options, ''] })}>
          Add option
        </button>
        <p className="fixed-options small muted">
          Always offered: <em>{OTHER_OPTION}</em> · <em>{UNDETERMINED_OPTION}</em>
        </p>
      </fieldset>
      {query && <IssueList issues={query.issues} />}
      <ErrorBanner error={error} />
      <div className="row end">
        {editable && (
          <button type="button" disabled={busy} onClick={() => void save()}>
            Save draft
          </button>
        )}
        <button type="submit" className="primary" disabled={busy || (!query && facts.length === 0)}>
          Check and preview
        </button>
      </div>
    </form>
  );
}

export function IssueList({ issues }: { issues: QueryIssue[] }) {
  if (!issues.length)
    return (
      <p className="notice small" data-testid="query-checks">
        No compliance issues found.
      </p>
    );
  return (
    <ul className="issues" aria-label="Compliance checks" data-testid="query-checks">
      {issues.map((i, n) => (
        <li key={n} className={i.severity}>
          <strong>{i.severity === 'error' ? 'Must fix' : 'Warning'}:</strong> {i.message}
        </li>
      ))}
    </ul>
  );
}
