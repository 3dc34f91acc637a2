import { useEffect, useState } from 'react';
import { EXCEPTION_PURPOSES, type DisclosureRow } from '../../../shared/packets-contract';
import { PURPOSE_INFO, type Purpose } from '../../../shared/purposes';
import type { AppError } from '../../../shared/result';
import { call, errorOf } from '../../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { Field } from '../components/Field';
import { ReauthDialog } from '../components/ReauthDialog';
import { registerPhiStore } from '../state/phi-stores';
import { GridHead } from '../components/GridHead';
import { Notice } from '../components/Notice';

let clear: (() => void) | undefined;
registerPhiStore(() => clear?.());

/** Privacy officers and administrators: a patient's accounting of disclosures (45 CFR 164.528). */
export function DisclosuresScreen() {
  const [patient, setPatient] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [label, setLabel] = useState('');
  const [rows, setRows] = useState<DisclosureRow[]>();
  const [exporting, setExporting] = useState<'csv' | 'pdf'>();
  const [error, setError] = useState<AppError>();
  const [notice, setNotice] = useState('');
  useEffect(() => {
    clear = () => {
      setRows(undefined);
      setLabel('');
      setPatient('');
    };
    return () => {
      clear = undefined;
    };
  }, []);
  const query = () => ({ patient: patient.trim(), from: from || undefined, to: to || undefined });
  const show = async () => {
    setError(undefined);
    setNotice('');
    try {
      const r = await call('disclosureReport', query());
      setRows(r.rows);
      setLabel(r.patientLabel);
    } catch (e) {
      setError(errorOf(e));
    }
  };
  const exportAs = async (format: 'csv' | 'pdf') => {
    setError(undefined);
    setNotice('');
    setExporting(undefined);
    try {
      const r = await call('disclosureExport', { ...query(), format });
      setNotice(`Exported ${r.rows} disclosure(s) as ${format.toUpperCase()} to ${r.fileName}.`);
    } catch (e) {
      setError(errorOf(e));
    }
  };
  return (
    <section className="panel" aria-labelledby="disclosures-heading">
      <header className="panel-head">
        <h2 id="disclosures-heading">Accounting of disclosures</h2>
      </header>
      <form
        className="row wrap"
        onSubmit={(e) => {
          e.preventDefault();
          void show();
        }}
      >
        <Field label="Patient MRN (or #id)" value={patient} onChange={(e) => setPatient(e.target.value)} required />
        <Field label="From" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <Field label="To" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <button type="submit" disabled={!patient.trim()}>
          Show
        </button>
      </form>
      <ErrorBanner error={error} />
      <Notice text={notice} />
      {rows && (
        <>
          <p className="small">
            {label}: {rows.length} disclosure{rows.length === 1 ? '' : 's'}
            {from || to ? ` from ${from || 'the beginning'} to ${to || 'today'}` : ''}.
          </p>
          <table className="grid" aria-label="Disclosures">
            <GridHead cols={['Date', 'Recipient', 'Purpose', 'Information disclosed', 'Excerpts', 'File SHA-256']} />
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">{r.disclosedAt.slice(0, 10)}</td>
                  <td>{r.recipient}</td>
                  <td>
                    {r.purposeLabel}
                    {r.exception && <span className="badge neutral">exception</span>}
                  </td>
                  <td className="small">{r.description}</td>
                  <td className="mono small">{r.excerptIds.join(', ') || '—'}</td>
                  <td className="mono small hash">{r.sha256 ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row wrap">
            <button type="button" onClick={() => setExporting('pdf')}>
              Export PDF…
            </button>
            <button type="button" onClick={() => setExporting('csv')}>
              Export CSV…
            </button>
          </div>
          {exporting && <ReauthDialog action={`Exporting the accounting (${exporting.toUpperCase()})`} call="disclosureExport" onCancel={() => setExporting(undefined)} onConfirmed={() => void exportAs(exporting)} />}
          <RecordException
            patient={patient.trim()}
            onDone={async () => {
              await show();
              setNotice('Disclosure recorded.');
            }}
            onError={(e) => setError(e)}
          />
        </>
      )}
    </section>
  );
}

/** Disclosures made outside the packet builder under an exception purpose (to the patient, required by law, ...). */
function RecordException({ patient, onDone, onError }: { patient: string; onDone: () => Promise<void>; onError: (e: AppError) => void }) {
  const [on, setOn] = useState(new Date().toISOString().slice(0, 10));
  const [recipient, setRecipient] = useState('');
  const [purpose, setPurpose] = useState<Purpose>(EXCEPTION_PURPOSES[0]);
  const [description, setDescription] = useState('');
  return (
    <form
      className="record-disclosure"
      aria-label="Record a disclosure"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await call('recordExceptionDisclosure', { patient, disclosedOn: on, recipient, purpose, description });
          setRecipient('');
          setDescription('');
          await onDone();
        } catch (err) {
          onError(errorOf(err));
        }
      }}
    >
      <h3>Record a disclosure made under an exception</h3>
      <div className="row wrap">
        <Field label="Date" type="date" value={on} onChange={(e) => setOn(e.target.value)} required />
        <Field label="Recipient" value={recipient} onChange={(e) => setRecipient(e.target.value)} required />
        <div className="field">
          <label htmlFor="exception-purpose">Purpose</label>
          <select id="exception-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value as Purpose)}>
            {EXCEPTION_PURPOSES.map((p) => (
              <option key={p} value={p}>
                {PURPOSE_INFO[p].label}
              </option>
            ))}
          </select>
        </div>
        <Field label="Information disclosed (element names, no values)" value={description} onChange={(e) => setDescription(e.target.value)} required />
        <button type="submit" disabled={!recipient.trim() || description.trim().length < 3}>
          Record
        </button>
      </div>
    </form>
  );
}
