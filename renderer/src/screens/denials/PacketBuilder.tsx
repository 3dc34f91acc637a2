import { useRef, useState } from 'react';
import { call, errorOf } from '../../../api';
import type { ExcerptSourceDocument } from '../../../../shared/packets-contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useDenials } from '../../state/denials-store';
import { CheckDialog } from './CheckDialog';
import { money } from './format';

/** The packet builder: the minimum set (automatic), the letter, and excerpts picked from the current view. */
export function PacketBuilder() {
  const { draft, close, error, picks, runCheck, check, exported, letter, setLetter, recipient, setRecipient, saveTemplate } = useDenials();
  const [saved, setSaved] = useState(false);
  if (!draft) return null;
  const s = draft.summary;
  const missingReason = picks.some((p) => p.reason.trim().length < 3);
  return (
    <section className="panel builder" aria-labelledby="builder-heading">
      <header className="panel-head">
        <h2 id="builder-heading">
          Dispute packet · claim <span className="mono">{s.claimNumber}</span>
        </h2>
        <button type="button" className="ghost-dark" onClick={close}>
          Back to worklist
        </button>
      </header>
      <ErrorBanner error={error} />
      {exported && (
        <p role="status" className="notice" data-testid="export-done">
          Exported {exported.fileName}: {exported.pages} pages, SHA-256 <span className="mono">{exported.sha256}</span>. Recorded in the accounting of disclosures.
        </p>
      )}
      <div className="builder-cols">
        <div>
          <h3>Minimum data set (included automatically)</h3>
          <dl className="facts compact" aria-label="Claim summary">
            <dt>Payer</dt>
            <dd>{s.payerName ?? '—'}</dd>
            <dt>Payer claim no.</dt>
            <dd className="mono">{s.payerClaimControl ?? '—'}</dd>
            <dt>Member ID</dt>
            <dd className="mono">{s.memberId ?? '—'}</dd>
            <dt>Dates of service</dt>
            <dd>
              {s.serviceStart ?? '—'}
              {s.serviceEnd && s.serviceEnd !== s.serviceStart ? ` – ${s.serviceEnd}` : ''}
            </dd>
            <dt>NPI billing / rendering</dt>
            <dd className="mono">
              {s.billingNpi ?? '—'} / {s.renderingNpi ?? '—'}
            </dd>
            <dt>Charge / paid</dt>
            <dd>
              {money(s.totalCharge ?? s.billed)} / {money(s.paid)}
            </dd>
            <dt>ICD-10-CM</dt>
            <dd className="mono">{s.diagnoses.map((d) => d.code).join(', ') || '—'}</dd>
            <dt>Lines</dt>
            <dd className="mono">
              {s.lines.map((l) => (
                <div key={l.lineNo}>
                  {l.lineNo}. {l.code ?? '—'} {l.modifiers.join(' ')} × {l.units ?? '—'} {money(l.charge)}
                </div>
              ))}
            </dd>
            <dt>Denial codes</dt>
            <dd>
              {[...s.adjustments.map((a) => `${a.group}-${a.code}`), ...s.remarks.map((r) => r.code)].join(', ') || '—'}
            </dd>
          </dl>
          <div className="field">
            <label htmlFor="packet-recipient">Recipient</label>
            <input id="packet-recipient" value={recipient} onChange={(e) => setRecipient(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="packet-letter">Cover letter</label>
            <textarea id="packet-letter" rows={12} value={letter} onChange={(e) => setLetter(e.target.value)} aria-describedby="letter-hint" />
            <small id="letter-hint" className="muted">
              Placeholders such as {'{{claimNumber}}'}, {'{{memberId}}'}, {'{{serviceDates}}'}, {'{{denialCodes}}'}, {'{{preparedBy}}'} are filled from the minimum data set.
            </small>
          </div>
          <button
            type="button"
            onClick={() => {
              void saveTemplate().then(() => setSaved(true));
            }}
          >
            Save as default letter
          </button>
          {saved && <span className="muted small"> Saved.</span>}
        </div>
        <div>
          <h3>Documentation from your current view</h3>
          <p className="muted small">Only what you add below goes into the packet, each excerpt with a one-line reason. Select text in a section to add just that span.</p>
          {draft.sources.map((d) => (
            <SourceDocument key={d.id} doc={d} />
          ))}
          {draft.sources.length === 0 && <p className="muted">No documents for this claim.</p>}
          <Picks />
        </div>
      </div>
      <footer className="builder-foot">
        <button type="button" className="primary" disabled={missingReason || !recipient.trim() || !letter.trim()} onClick={() => void runCheck()}>
          Run identifier check
        </button>
        {missingReason && <span className="muted small">Every excerpt needs a reason (at least 3 characters).</span>}
      </footer>
      {draft.history.length > 0 && (
        <>
          <h3>Packet history</h3>
          <table className="grid" aria-label="Packet history">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Date</th>
                <th scope="col">Recipient</th>
                <th scope="col">Prepared by</th>
                <th scope="col" className="num">
                  Pages
                </th>
                <th scope="col" className="num">
                  Excerpts
                </th>
                <th scope="col">SHA-256 of the file sent</th>
              </tr>
            </thead>
            <tbody>
              {draft.history.map((h) => (
                <tr key={h.id}>
                  <td>{h.id}</td>
                  <td>{new Date(h.createdAt).toLocaleString()}</td>
                  <td>{h.recipient}</td>
                  <td>{h.preparedBy}</td>
                  <td className="num">{h.pages}</td>
                  <td className="num">{h.excerpts}</td>
                  <td className="mono small hash">{h.sha256}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {check && <CheckDialog />}
    </section>
  );
}

function SourceDocument({ doc }: { doc: ExcerptSourceDocument }) {
  return (
    <details className="source-doc" open>
      <summary>
        {doc.title} <span className="muted small">{doc.date ?? 'undated'}</span>
        {doc.masked > 0 && (
          <span className="muted small">
            {' '}
            · {doc.masked} section{doc.masked === 1 ? '' : 's'} withheld by your view (request access to add them)
          </span>
        )}
      </summary>
      {doc.sections.map((s) => (
        <SourceSection key={s.id} doc={doc} section={s} />
      ))}
      {doc.withheld.map((w) => (
        <WithheldSection key={w.requestHandle} handle={w.requestHandle} rationale={w.rationale} />
      ))}
    </details>
  );
}

function SourceSection({ doc, section }: { doc: ExcerptSourceDocument; section: ExcerptSourceDocument['sections'][number] }) {
  const { addPick } = useDenials();
  const ref = useRef<HTMLPreElement>(null);
  const [hint, setHint] = useState('');
  const addSelection = () => {
    const sel = window.getSelection();
    const el = ref.current;
    if (!sel || sel.rangeCount === 0 || !el || sel.isCollapsed) return setHint('Select text in this section first.');
    const range = sel.getRangeAt(0);
    if (!el.contains(range.startContainer) || !el.contains(range.endContainer)) return setHint('The selection must lie inside this section.');
    const before = document.createRange();
    before.selectNodeContents(el);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const end = start + range.toString().length;
    setHint('');
    addPick({ sectionId: section.id, document: doc.title, section: section.title, start, end, preview: section.text.slice(start, end) });
    sel.removeAllRanges();
  };
  return (
    <div className="source-section">
      <div className="row">
        <strong>{section.title}</strong>
        <span className="spacer" />
        <button type="button" onClick={() => addPick({ sectionId: section.id, document: doc.title, section: section.title, preview: section.text })}>
          Add section
        </button>
        <button type="button" onClick={addSelection}>
          Add selected text
        </button>
      </div>
      <pre ref={ref} className="section-text" aria-label={`${section.title} text`}>
        {section.text}
      </pre>
      {hint && <p className="muted small">{hint}</p>}
    </div>
  );
}

function Picks() {
  const { picks, setReason, removePick } = useDenials();
  return (
    <div className="picks" aria-label="Selected excerpts">
      <h3>Selected excerpts ({picks.length})</h3>
      {picks.length === 0 && <p className="muted small">None yet: the packet will carry the minimum data set only.</p>}
      <ol>
        {picks.map((p) => (
          <li key={p.key}>
            <div className="row">
              <strong>{p.section}</strong>
              <span className="muted small">{p.document}</span>
              <span className="spacer" />
              <button type="button" className="ghost-dark" onClick={() => removePick(p.key)} aria-label={`Remove excerpt ${p.section}`}>
                Remove
              </button>
            </div>
            <p className="pick-preview">{p.preview.length > 240 ? `${p.preview.slice(0, 240)}…` : p.preview}</p>
            <div className="field">
              <label htmlFor={`reason-${p.key}`}>Reason (one line, required)</label>
              <input id={`reason-${p.key}`} maxLength={200} value={p.reason} onChange={(e) => setReason(p.key, e.target.value)} />
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** A placeholder for a section the view withholds: nothing about it but the rule's rationale, and a way to ask. */
function WithheldSection({ handle, rationale }: { handle: string; rationale: string }) {
  const [open, setOpen] = useState(false);
  const [why, setWhy] = useState('');
  const [state, setState] = useState('');
  const submit = async () => {
    try {
      await call('requestAccess', { requestHandle: handle, purpose: 'denial_dispute', justification: why.trim() });
      setState('Requested: once approved, reopen the claim to add this section.');
      setOpen(false);
    } catch (e) {
      setState(errorOf(e).message);
    }
  };
  return (
    <div className="source-section withheld">
      <div className="row">
        <span className="muted">Withheld section — {rationale}</span>
        <span className="spacer" />
        {!open && !state.startsWith('Requested') && (
          <button type="button" onClick={() => setOpen(true)}>
            Request access
          </button>
        )}
      </div>
      {open && (
        <div className="row wrap">
          <div className="field grow">
            <label htmlFor={`why-${handle}`}>Why this dispute needs it (at least 20 characters)</label>
            <input id={`why-${handle}`} value={why} maxLength={2000} onChange={(e) => setWhy(e.target.value)} />
          </div>
          <button type="button" disabled={why.trim().length < 20} onClick={() => void submit()}>
            Send request
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </div>
      )}
      {state && <p className="muted small" role="status">{state}</p>}
    </div>
  );
}
