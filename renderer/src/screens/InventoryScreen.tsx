import { useEffect, useState } from 'react';
import type { Role } from '../../../shared/roles';
import type { AppError } from '../../../shared/result';
import { call, errorOf } from '../../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { ReauthDialog } from '../components/ReauthDialog';
import { useInventory } from '../state/inventory-store';
import { GridHead, num } from '../components/GridHead';
import { Notice } from '../components/Notice';

/**
 * What this device holds right now (the first thing a privacy officer needs if the laptop is lost),
 * the retention policy that bounds it, and the purge. Exports ask for the password again and go to
 * a path the main process asks the person for.
 */
export function InventoryScreen({ role }: { role: Role }) {
  const { inventory, policy, preview, set } = useInventory();
  const [error, setError] = useState<AppError>();
  const [notice, setNotice] = useState<string>();
  const [exporting, setExporting] = useState<'csv' | 'pdf'>();
  const [idleDays, setIdleDays] = useState('');
  const [purgeOnClose, setPurgeOnClose] = useState(true);
  const isAdmin = role === 'admin';

  const run = async (fn: () => Promise<void>) => {
    setError(undefined);
    setNotice(undefined);
    try {
      await fn();
    } catch (e) {
      setError(errorOf(e));
    }
  };
  const load = () =>
    run(async () => {
      const [inv, pol] = await Promise.all([call('exposureInventory', {}), call('retentionPolicy', {})]);
      set({ inventory: inv, policy: pol });
      setIdleDays(String(pol.idleDays));
      setPurgeOnClose(pol.purgeOnClose);
    });
  useEffect(() => {
    void load();
  }, []);

  const doExport = (format: 'csv' | 'pdf') =>
    run(async () => {
      setExporting(undefined);
      const r = await call('exportInventory', { format });
      setNotice(r.saved ? `Saved the inventory of ${r.patients} patient(s) as ${format.toUpperCase()}.` : 'Export cancelled.');
    });

  return (
    <section className="panel inventory" aria-labelledby="inventory-heading">
      <header className="panel-head">
        <h2 id="inventory-heading">Exposure inventory — PHI cached on this device</h2>
        <div className="row">
          <button type="button" onClick={() => void load()}>
            Refresh
          </button>
          <button type="button" onClick={() => setExporting('csv')} disabled={!inventory}>
            Export CSV…
          </button>
          <button type="button" onClick={() => setExporting('pdf')} disabled={!inventory}>
            Export PDF…
          </button>
        </div>
      </header>
      <ErrorBanner error={error} />
      <Notice text={notice} />
      {exporting && <ReauthDialog action={`Exporting the inventory (${exporting.toUpperCase()})`} call="exportInventory" onCancel={() => setExporting(undefined)} onConfirmed={() => void doExport(exporting)} />}
      {inventory && (
        <>
          <dl className="inv-totals" aria-label="Totals">
            <div>
              <dt>Patients</dt>
              <dd data-testid="inv-patients">{inventory.totals.patients}</dd>
            </div>
            <div>
              <dt>Encounters</dt>
              <dd data-testid="inv-encounters">{inventory.totals.encounters}</dd>
            </div>
            <div>
              <dt>Documents</dt>
              <dd data-testid="inv-documents">{inventory.totals.documents}</dd>
            </div>
            <div>
              <dt>Dates held</dt>
              <dd data-testid="inv-dates">
                {inventory.oldest ?? '—'} → {inventory.newest ?? '—'}
              </dd>
            </div>
            <div>
              <dt>Purged stubs</dt>
              <dd data-testid="inv-purged">{inventory.totals.purgedPatients}</dd>
            </div>
          </dl>
          <p className="badge-row" aria-label="Sensitivity labels present">
            <span className="muted">Sensitivity labels held:</span>
            {inventory.labels.length === 0 && <span className="badge neutral">none</span>}
            {inventory.labels.map((l) => (
              <span key={l.label} className="badge bad" title={`${l.documents} documents, ${l.patients} patients`}>
                {l.label} · {l.documents} docs · {l.patients} pts
              </span>
            ))}
          </p>
          {inventory.scope === 'counts' && (
            <p className="muted small" data-testid="inv-counts-only">
              Counts only: the list of patients (MRNs with their sensitivity labels) is for the privacy officer, under the minimum necessary standard.
            </p>
          )}
          {inventory.scope === 'patients' && (
            <div className="inv-table">
              <table className="grid" aria-label="Patients held">
                <GridHead cols={['MRN', num('Encounters'), num('Documents'), 'Labels', 'Oldest', 'Newest', 'Last opened']} />
                <tbody>
                  {inventory.patients.length === 0 && (
                    <tr>
                      <td colSpan={7} className="muted">
                        No cached chart content on this device.
                      </td>
                    </tr>
                  )}
                  {inventory.patients.map((p) => (
                    <tr key={p.patientId}>
                      <td className="mono">{p.mrn ?? `#${p.patientId}`}</td>
                      <td className="num">{p.encounters}</td>
                      <td className="num">{p.documents}</td>
                      <td>{p.labels.join(' ') || '—'}</td>
                      <td>{p.oldest ?? '—'}</td>
                      <td>{p.newest ?? '—'}</td>
                      <td>{p.lastUsedAt ? new Date(p.lastUsedAt).toLocaleDateString() : 'never'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {policy && (
        <section className="retention" aria-labelledby="retention-heading">
          <h3 id="retention-heading">Retention</h3>
          <p className="muted small">
            Cached clinical content is purged {policy.idleDays} days after its last use{policy.purgeOnClose ? ', and as soon as the work that needed it closes' : ''}. The audit trail and the
            accounting of disclosures are kept {policy.auditRetentionYears} years, with only the identifiers they need.
            {policy.updatedAt ? ` Policy last changed ${new Date(policy.updatedAt).toLocaleString()}.` : ''}
          </p>
          {isAdmin && (
            <form
              className="row wrap"
              onSubmit={(e) => {
                e.preventDefault();
                void run(async () => {
                  const p = await call('setRetentionPolicy', { idleDays: Number(idleDays), purgeOnClose });
                  set({ policy: p });
                  setNotice(`Retention set to ${p.idleDays} days.`);
                });
              }}
            >
              <div className="field">
                <label htmlFor="idle-days">Purge after (days unused)</label>
                <input id="idle-days" className="narrow" type="number" min={1} max={3650} value={idleDays} onChange={(e) => setIdleDays(e.target.value)} />
              </div>
              <label className="check">
                <input type="checkbox" checked={purgeOnClose} onChange={(e) => setPurgeOnClose(e.target.checked)} /> Purge when coding is complete and denials are closed
              </label>
              <button type="submit">Save policy</button>
              <button type="button" onClick={() => void run(async () => set({ preview: await call('runRetention', { dryRun: true }) }))}>
                Preview purge
              </button>
              <button
                type="button"
                disabled={!preview || preview.totals.patients === 0}
                title="Preview first: purges what the preview lists as due"
                onClick={() =>
                  void run(async () => {
                    const r = await call('runRetention', { dryRun: false });
                    setNotice(`Purged ${r.totals.patients} patient(s), ${r.totals.documents} document(s).`);
                    set({ preview: undefined, inventory: await call('exposureInventory', {}) });
                  })
                }
              >
                Purge now
              </button>
            </form>
          )}
          {preview && (
            <p role="status" className="notice" data-testid="purge-preview">
              Would purge {preview.totals.patients} patient(s), {preview.totals.documents} document(s)
              {preview.patients.length > 0 && ': ' + preview.patients.map((p) => `#${p.patientId} (${p.reason})`).join(', ')}.
            </p>
          )}
        </section>
      )}
    </section>
  );
}
