import { useEffect, useRef, useState } from 'react';
import type { MnFinding, QueryView } from '../../../shared/coder-contract';
import type { AppError } from '../../../shared/result';
import { call, errorOf } from '../../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { ReauthDialog } from '../components/ReauthDialog';
import { IssueList } from './QueryBuilder';

const whereLabel = (w: string): string => {
  const [kind, n] = w.split(':');
  if (kind === 'fact') return `clinical indicator ${Number(n) + 1}`;
  if (kind === 'option') return `option ${Number(n) + 1}`;
  return w;
};

/**
 * The query as the provider will read it, the minimum-necessary check (every identifier and
 * sensitive label inside the query, each to remove or justify), and export as PDF or text after
 * confirming the password (and authenticator code) for that export. The main process writes the
 * file; this screen only learns its size and hash.
 */
export function QueryPreview({ queryId, onClose, onChanged }: { queryId: number; onClose(): void; onChanged(q: QueryView): void }) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState<QueryView>();
  const [why, setWhy] = useState<Record<string, string>>({});
  const [error, setError] = useState<AppError>();
  const [reauth, setReauth] = useState<'pdf' | 'text' | null>(null);
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
    call('previewQuery', { queryId })
      .then((r) => {
        setText(r.text);
        setQuery(r.query);
      })
      .catch((e) => setError(errorOf(e)));
  }, [queryId]);

  const blocking = query?.issues.filter((i) => i.severity === 'error') ?? [];
  const unjustified = query?.findings.filter((f) => (why[f.id] ?? '').trim().length < 5) ?? [];
  const ready = !!query && query.status !== 'withdrawn' && blocking.length === 0 && unjustified.length === 0;

  const exportAs = async (format: 'pdf' | 'text') => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const justifications = Object.fromEntries((query?.findings ?? []).map((f) => [f.id, why[f.id]!.trim()]));
      const r = await call('exportQuery', { queryId, format, justifications });
      setDone(`Exported ${format === 'pdf' ? 'PDF' : 'text'}: ${r.bytes.toLocaleString()} bytes, SHA-256 ${r.sha256.slice(0, 16)}…`);
      const q = await call('getQuery', { queryId });
      setQuery(q);
      onChanged(q);
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <section className="panel modal wide query-preview" role="dialog" aria-modal="true" aria-labelledby="preview-heading">
        <header className="panel-head">
          <h2 id="preview-heading" tabIndex={-1} ref={headingRef}>
            Preview: physician query #{queryId}
          </h2>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </header>
        <div className="preview-grid">
          <pre className="preview-text" data-testid="query-preview-text" aria-label="The query as the provider will read it">
            {text}
          </pre>
          <div className="preview-side">
            {query && <IssueList issues={query.issues} />}
            <h3>Minimum necessary</h3>
            {query && query.findings.length === 0 && <p className="notice small">No identifiers or sensitive labels in this query.</p>}
            {query && query.findings.length > 0 && (
              <>
                <p className="small">Each item below is in the query. Remove it (edit the query or drop the fact) or say why the provider needs it.</p>
                <ul className="findings" aria-label="Identifiers and sensitive labels in the query">
                  {query.findings.map((f) => (
                    <Finding key={f.id} f={f} value={why[f.id] ?? ''} onChange={(v) => setWhy({ ...why, [f.id]: v })} />
                  ))}
                </ul>
              </>
            )}
            <ErrorBanner error={error} />
            {done && (
              <p role="status" className="notice small" data-testid="export-done">
                {done}
              </p>
            )}
            {reauth && (
              <ReauthDialog
                action={`Exporting the query as ${reauth === 'pdf' ? 'PDF' : 'text'}`}
                call="exportQuery"
                onCancel={() => setReauth(null)}
                onConfirmed={() => {
                  const format = reauth;
                  setReauth(null);
                  void exportAs(format);
                }}
              />
            )}
            <div className="row end">
              <button type="button" disabled={!ready || busy} onClick={() => setReauth('text')}>
                Export text…
              </button>
              <button type="button" className="primary" disabled={!ready || busy} onClick={() => setReauth('pdf')}>
                Export PDF…
              </button>
            </div>
            {!ready && query && <p className="muted small">{blocking.length ? 'Fix the issues marked “Must fix” first.' : unjustified.length ? `${unjustified.length} item(s) still need a reason or removal.` : ''}</p>}
          </div>
        </div>
      </section>
    </div>
  );
}

function Finding({ f, value, onChange }: { f: MnFinding; value: string; onChange(v: string): void }) {
  return (
    <li className="finding">
      <div>
        <span className={`badge ${f.kind === 'label' ? 'label-badge' : 'neutral'}`}>{f.type}</span> in {whereLabel(f.where)}
        {f.excerpt && <span className="mono excerpt"> “{f.excerpt}”</span>}
      </div>
      <input aria-label={`Why the provider needs ${f.type} in ${whereLabel(f.where)}`} value={value} onChange={(e) => onChange(e.target.value)} placeholder="Reason it is needed (or remove it)" />
    </li>
  );
}
