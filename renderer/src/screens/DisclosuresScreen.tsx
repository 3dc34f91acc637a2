import { useEffect, useState } from 'react';
import type { DisclosureRow } from '../../../shared/packets-contract';
import type { AppError } from '../../../shared/result';
import { call, errorOf } from '../../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { Field } from '../components/Field';
import { downloadBase64 } from '../state/denials-store';
import { registerPhiStore } from '../state/phi-stores';

let clear: (() => void) | undefined;
registerPhiStore(() => clear?.());

/** Privacy officers and administrators: a patient's accounting of disclosures (45 CFR 164.528). */
export function DisclosuresScreen() {
  const [patient, setPatient] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [label, setLabel] = useState('');
  const [rows, setRows] = useState<DisclosureRow[]>();
  const [password, setPassword] = useState('');
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
    try {
      await call('reauthenticate', { password });
      const r = await call('disclosureExport', { ...query(), format });
      downloadBase64(r.base64, r.fileName, r.mime);
      setNotice(`Exported ${r.rows} disclosure(s) as ${format.toUpperCase()}.`);
      setPassword('');
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
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {rows && (
        <>
          <p className="small">
            {label}: {rows.length} disclosure{rows.length === 1 ? '' : 's'}
            {from || to ? ` from ${from || 'the beginning'} to ${to || 'today'}` : ''}.
          </p>
          <table className="grid" aria-label="Disclosures">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Recipient</th>
                <th scope="col">Purpose</th>
                <th scope="col">Information disclosed</th>
                <th scope="col">Excerpts</th>
                <th scope="col">File SHA-256</th>
              </tr>
            </thead>
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
          <form
            className="row wrap"
            onSubmit={(e) => {
              e.preventDefault();
              void exportAs('pdf');
            }}
          >
            <Field label="Your password (to export)" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
            <button type="submit" disabled={!password}>
              Export PDF
            </button>
            <button type="button" disabled={!password} onClick={() => void exportAs('csv')}>
              Export CSV
            </button>
          </form>
        </>
      )}
    </section>
  );
}
