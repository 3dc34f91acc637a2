import type { ChartView } from '../../../shared/chart-contract';
import type { SelectedFact } from './coder-store';

/** The facts collected so far, each with its source; Delete removes the focused one. */
export function FactsPanel({ facts, onRemove, onBuild, onShow }: { facts: SelectedFact[]; onRemove(key: string): void; onBuild(): void; onShow(f: SelectedFact): void }) {
  return (
    <div className="facts-panel">
      <p className="muted small">Select text in a visible section and press A (or the button), or move through sentences with the arrow keys and press Enter.</p>
      {facts.length === 0 ? (
        <p className="muted">No facts selected yet.</p>
      ) : (
        <ol className="fact-list" aria-label="Selected facts">
          {facts.map((f) => (
            <li key={f.key} tabIndex={0} onKeyDown={(e) => (e.key === 'Delete' || e.key === 'Backspace') && onRemove(f.key)} data-testid="fact">
              <blockquote>“{f.text}”</blockquote>
              <div className="row small">
                <button type="button" className="link muted" onClick={() => onShow(f)} title="Show in the chart">
                  {f.documentTitle} › {f.sectionTitle || 'Section'}
                  {f.date ? ` · ${f.date}` : ''}
                </button>
                <span className="spacer" />
                <button type="button" className="small-btn" onClick={() => onRemove(f.key)} aria-label={`Remove fact: ${f.text.slice(0, 40)}`}>
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <button type="button" className="primary" disabled={facts.length === 0} onClick={onBuild}>
        Build query from {facts.length} fact{facts.length === 1 ? '' : 's'}
      </button>
    </div>
  );
}

const FLAG_LABEL: Record<string, string> = { H: 'High', L: 'Low', HH: 'Critical high', LL: 'Critical low', A: 'Abnormal', N: 'Normal' };

/** Diagnoses, procedures, medications and labs (abnormal flags called out) as the view allows. */
export function StructuredLists({ chart }: { chart: ChartView }) {
  const { diagnoses, procedures, medications, labs } = chart.structured;
  const coded = (title: string, items: typeof diagnoses) => (
    <section aria-label={title}>
      <h3>
        {title} <span className="muted">({items.length})</span>
      </h3>
      {items.length === 0 ? (
        <p className="muted small">None in this view.</p>
      ) : (
        <table className="grid compact">
          <tbody>
            {items.map((d, i) => (
              <tr key={`${d.system}:${d.code}:${i}`}>
                <td className="mono">{d.code}</td>
                <td>{d.display ?? ''}</td>
                <td className="mono muted">{d.date?.slice(0, 10) ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
  return (
    <div className="structured">
      {coded('Diagnoses', diagnoses)}
      {coded('Procedures', procedures)}
      {coded('Medications', medications)}
      <section aria-label="Labs">
        <h3>
          Labs <span className="muted">({labs.length})</span>
        </h3>
        <table className="grid compact">
          <tbody>
            {labs.map((l, i) => {
              const abnormal = l.flag && l.flag !== 'N';
              return (
                <tr key={`${l.code}:${i}`} className={abnormal ? 'abnormal' : undefined}>
                  <td>{l.display ?? l.code}</td>
                  <td className="num">
                    {l.value ?? ''} {l.unit ?? ''}
                  </td>
                  <td>{l.flag ? <span className={abnormal ? 'lab-flag bad' : 'lab-flag'} title={FLAG_LABEL[l.flag] ?? l.flag}>{l.flag}</span> : null}</td>
                  <td className="mono muted">{l.date?.slice(0, 10) ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}
