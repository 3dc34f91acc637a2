import { useEffect, useRef, useState } from 'react';
import { useDenials } from '../../state/denials-store';
import { GridHead, num } from '../../components/GridHead';
import { ReauthDialog } from '../../components/ReauthDialog';

/** The pre-export check: every identifier and label in the packet; confirm, re-authenticate (each export), export. */
export function CheckDialog() {
  const { check, cancelCheck, exportPacket, error } = useDenials();
  const [confirmed, setConfirmed] = useState(false);
  const [reauth, setReauth] = useState(false);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && cancelCheck();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cancelCheck]);
  if (!check) return null;
  const doExport = async () => {
    setReauth(false);
    setBusy(true);
    await exportPacket();
    setBusy(false);
  };
  return (
    <div className="modal-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="check-heading" className="modal check-modal">
        <h2 id="check-heading" ref={heading} tabIndex={-1}>Identifier check before export</h2>
        <p className="small">
          {check.pages} pages. Review every identifier and label the packet carries. Nothing else is in the file.
        </p>
        <h3>Data elements</h3>
        <p className="small">{check.elements.join(' · ')}</p>
        <h3>Identifiers found ({check.identifiers.length})</h3>
        <table className="grid" aria-label="Identifiers in the packet">
          <GridHead cols={['Type', 'Value', 'Where', num('Count')]} />
          <tbody>
            {check.identifiers.map((i) => (
              <tr key={`${i.type}:${i.text}`}>
                <td className="mono small">{i.type}</td>
                <td className="mono">{i.text}</td>
                <td className="small">{i.where.join(', ')}</td>
                <td className="num">{i.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Sensitivity labels</h3>
        <p className="small" data-testid="check-labels">
          {check.labels.length ? check.labels.join(', ') : 'None.'}
        </p>
        <h3>Excerpts ({check.excerpts.length})</h3>
        <ul className="small">
          {check.excerpts.map((e) => (
            <li key={e.ref}>
              {e.ref}: {e.document} ({e.date ?? 'undated'}) — {e.section}. Reason: {e.reason}
            </li>
          ))}
        </ul>
        <form
          className="check-confirm"
          onSubmit={(e) => {
            e.preventDefault();
            setReauth(true);
          }}
        >
          <label className="check">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />I reviewed these identifiers and labels; the packet holds only what this dispute needs.
          </label>
          {error && (
            <p role="alert" className="error">
              {error.message}
            </p>
          )}
          <div className="row">
            <button type="submit" className="primary" disabled={!confirmed || busy}>
              Export PDF…
            </button>
            <button type="button" onClick={cancelCheck}>
              Cancel
            </button>
          </div>
        </form>
        {reauth && (
          <ReauthDialog
            action="Exporting the dispute packet"
            call="packetExport"
            onCancel={() => setReauth(false)}
            onConfirmed={() => void doExport()}
          />
        )}
      </div>
    </div>
  );
}
