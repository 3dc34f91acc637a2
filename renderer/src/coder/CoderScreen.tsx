import { useEffect, useRef, useState } from 'react';
import type { DocumentView } from '../../../shared/chart-contract';
import type { QueryView, WorklistRow } from '../../../shared/coder-contract';
import { PURPOSE_INFO, type Purpose } from '../../../shared/purposes';
import type { AppError } from '../../../shared/result';
import { call, errorOf } from '../../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { useCoder, type RightTab } from './coder-store';
import { DocumentPane } from './DocumentPane';
import { DocumentTree } from './DocumentTree';
import { PurposeDialog } from './PurposeDialog';
import { QueryBuilder } from './QueryBuilder';
import { RequestAccessDialog } from '../components/RequestAccessDialog';
import { QueryList } from './QueryList';
import { QueryPreview } from './QueryPreview';
import { FactsPanel, StructuredLists } from './SidePanels';
import { Worklist } from './Worklist';

/** The coder workstation: worklist, then the chart under a declared purpose, facts and queries. */
export function CoderScreen() {
  const chart = useCoder((s) => s.chart);
  const [asking, setAsking] = useState<WorklistRow | null>(null);
  const [error, setError] = useState<AppError>();
  const set = useCoder((s) => s.set);

  const open = async (encounterId: number, purpose: Purpose) => {
    setError(undefined);
    performance.mark('ntk:chart-open');
    try {
      await call('declarePurpose', { purpose, encounterId });
      const view = await call('openChart', { encounterId });
      useCoder.getState().closeChart();
      set({ encounterId, purpose, chart: view });
      const first = firstDocument(view.documents);
      if (first) await openDocument(first);
    } catch (e) {
      setError(errorOf(e));
    }
  };

  const choose = async (row: WorklistRow) => {
    try {
      const prefs = await call('getCoderPrefs', {});
      if (prefs.rememberedPurpose) await open(row.encounterId, prefs.rememberedPurpose);
      else setAsking(row);
    } catch (e) {
      setError(errorOf(e));
    }
  };

  return (
    <div className="coder">
      <ErrorBanner error={error} />
      {chart ? <ChartWorkspace /> : <WorklistHome onOpen={(r) => void choose(r)} />}
      {asking && (
        <PurposeDialog
          encounterId={asking.encounterId}
          onCancel={() => setAsking(null)}
          onChoose={(p, remember) => {
            const id = asking.encounterId;
            setAsking(null);
            void (async () => {
              if (remember) await call('setCoderPrefs', { rememberedPurpose: p }).catch(() => undefined);
              await open(id, p);
            })();
          }}
        />
      )}
    </div>
  );
}

async function openDocument(id: string): Promise<DocumentView> {
  const { documents, set } = useCoder.getState();
  const cached = documents[id];
  if (cached) {
    set({ activeDocument: id });
    return cached;
  }
  const doc = await call('openDocument', { documentId: id });
  set({ documents: { ...useCoder.getState().documents, [id]: doc }, activeDocument: id });
  return doc;
}

const PREFERRED = ['discharge-summary', 'history-and-physical', 'operative-note', 'progress-note'];
function firstDocument(docs: Array<{ id: string; docType: string; date: string | null }>): string | null {
  for (const t of PREFERRED) {
    const d = docs.filter((x) => x.docType === t).sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))[0];
    if (d) return d.id;
  }
  return docs[0]?.id ?? null;
}

function WorklistHome({ onOpen }: { onOpen(r: WorklistRow): void }) {
  const [prefs, setPrefs] = useState<Purpose | null>(null);
  useEffect(() => {
    call('getCoderPrefs', {})
      .then((p) => setPrefs(p.rememberedPurpose))
      .catch(() => undefined);
  }, []);
  return (
    <div className="coder-home">
      <Worklist onOpen={onOpen} />
      <div className="row small muted">
        {prefs ? (
          <>
            Charts open for <strong>&nbsp;{PURPOSE_INFO[prefs].label}&nbsp;</strong> without asking.
            <button type="button" className="small-btn" onClick={() => void call('setCoderPrefs', { rememberedPurpose: null }).then(() => setPrefs(null))}>
              Ask every time
            </button>
          </>
        ) : (
          'You will be asked for the purpose of use each time you open a chart.'
        )}
      </div>
      <section className="panel" aria-labelledby="my-queries">
        <h2 id="my-queries">My queries</h2>
        <QueryList onOpen={() => undefined} />
      </section>
    </div>
  );
}

function ChartWorkspace() {
  const { chart, documents, activeDocument, facts, rightTab, find, purpose, encounterId, set, addFact, removeFact, closeChart } = useCoder();
  const [findText, setFindText] = useState('');
  const [error, setError] = useState<AppError>();
  const [preview, setPreview] = useState<number | null>(null);
  const [requesting, setRequesting] = useState<string | null>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const doc = activeDocument ? documents[activeDocument] : undefined;

  useEffect(() => {
    performance.mark('ntk:chart-ready');
    // Keyboard users land in the document tree.
    document.querySelector<HTMLElement>('[data-testid="doc-tree"]')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        findRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!chart || encounterId === null) return null;
  const e = chart.encounter;

  const runFind = async () => {
    setError(undefined);
    const q = findText.trim();
    if (q.length < 2) return set({ find: null });
    try {
      const r = await call('findInChart', { encounterId, query: q });
      const byDocument: Record<string, number> = {};
      const bySection: Record<string, number> = {};
      for (const h of r.hits) {
        byDocument[h.documentId] = (byDocument[h.documentId] ?? 0) + h.count;
        bySection[h.sectionId] = h.count;
      }
      set({ find: { query: q, total: r.total, byDocument, bySection } });
      // Show a document with hits when the open one has none.
      const current = useCoder.getState().activeDocument;
      const first = r.hits[0]?.documentId;
      if (first && (!current || !byDocument[current])) show(first);
    } catch (err) {
      setError(errorOf(err));
    }
  };

  const show = (id: string) => void openDocument(id).catch((err) => setError(errorOf(err)));
  const tab = (id: RightTab, label: string) => (
    <button type="button" role="tab" aria-selected={rightTab === id} className={rightTab === id ? 'rtab active' : 'rtab'} onClick={() => set({ rightTab: id })}>
      {label}
    </button>
  );

  return (
    <div className="chart-ws">
      <header className="chart-head">
        <button type="button" onClick={closeChart} title="Back to the worklist (the chart is closed)">
          ← Worklist
        </button>
        <h2>
          Encounter #{e.id} <span className="muted">· {e.patientLabel}</span>
        </h2>
        <span className="muted small">
          {e.classCode ?? ''} {e.type ? `· ${e.type}` : ''} · {e.start?.slice(0, 10) ?? '?'} → {e.end?.slice(0, 10) ?? 'open'}
          {e.attending ? ` · ${e.attending}` : ''}
        </span>
        {purpose && (
          <span className="badge neutral" data-testid="purpose-badge" title="Declared purpose of use">
            {PURPOSE_INFO[purpose].label}
          </span>
        )}
        <span className="spacer" />
        <form
          role="search"
          className="row find"
          onSubmit={(ev) => {
            ev.preventDefault();
            void runFind();
          }}
        >
          <input ref={findRef} aria-label="Find in chart" aria-keyshortcuts="Control+F" placeholder="Find in chart (Ctrl+F)" value={findText} onChange={(ev) => setFindText(ev.target.value)} />
          <button type="submit">Find</button>
          {find && (
            <>
              <span className="small" data-testid="find-count" role="status">
                {find.total} hit{find.total === 1 ? '' : 's'} in {Object.keys(find.byDocument).length} document{Object.keys(find.byDocument).length === 1 ? '' : 's'}
              </span>
              <button type="button" className="small-btn" onClick={() => (set({ find: null }), setFindText(''))}>
                Clear
              </button>
            </>
          )}
        </form>
      </header>
      <ErrorBanner error={error} />
      <div className="chart-cols">
        <nav className="chart-left" aria-label="Chart documents">
          <div className="small muted tree-head">{chart.documents.length} documents</div>
          <DocumentTree documents={chart.documents} active={activeDocument} hits={find?.byDocument ?? null} onOpen={show} />
        </nav>
        <main className="chart-center">
          {doc ? (
            <DocumentPane
              doc={doc}
              facts={facts}
              findQuery={find?.query ?? ''}
              onAddFact={(s, span) => {
                addFact({ sectionId: s.id, documentId: doc.id, start: span.start, end: span.end, text: s.text.slice(span.start, span.end), documentTitle: doc.title, sectionTitle: s.title, date: doc.date?.slice(0, 10) ?? null });
                set({ rightTab: 'facts' });
              }}
              onRequestAccess={(m) => setRequesting(m.requestHandle)}
            />
          ) : (
            <p className="muted pad">Choose a document on the left.</p>
          )}
        </main>
        <aside className="chart-right" aria-label="Coding tools">
          <div role="tablist" className="rtabs">
            {tab('facts', `Facts (${facts.length})`)}
            {tab('structured', 'Structured')}
            {tab('query', 'Query')}
            {tab('queries', 'Queries')}
          </div>
          <div className="rpanel">
            {rightTab === 'facts' && <FactsPanel facts={facts} onRemove={removeFact} onBuild={() => set({ rightTab: 'query' })} onShow={(f) => show(f.documentId)} />}
            {rightTab === 'structured' && <StructuredLists chart={chart} />}
            {rightTab === 'query' && <QueryBuilder encounterId={encounterId} onPreview={(q) => setPreview(q.id)} />}
            {rightTab === 'queries' && (
              <QueryList
                encounterId={encounterId}
                onOpen={(q: QueryView) => set({ query: q, draft: { queryId: q.id, question: q.question, options: q.options.slice(0, -2) }, facts: [], rightTab: 'query' })}
              />
            )}
          </div>
        </aside>
      </div>
      {preview !== null && <QueryPreview queryId={preview} onClose={() => setPreview(null)} onChanged={(q) => set({ query: q })} />}
      {requesting && purpose && <RequestAccessDialog requestHandle={requesting} purpose={purpose} onClose={() => setRequesting(null)} />}
    </div>
  );
}
