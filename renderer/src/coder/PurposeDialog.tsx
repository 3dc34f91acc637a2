import { useEffect, useRef, useState } from 'react';
import { PURPOSE_INFO, PURPOSES, type Purpose } from '../../../shared/purposes';

/** The purposes a coder normally works under, offered first. */
const CODING: Purpose[] = ['inpatient_coding', 'profee_coding', 'claim_edit', 'quality_review', 'compliance_inquiry'];

/** Asks for the purpose of use before a chart opens; can remember the choice (a non-PHI preference). */
export function PurposeDialog({ encounterId, onChoose, onCancel }: { encounterId: number; onChoose(p: Purpose, remember: boolean): void; onCancel(): void }) {
  const [purpose, setPurpose] = useState<Purpose>('inpatient_coding');
  const [remember, setRemember] = useState(false);
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const others = PURPOSES.filter((p) => !CODING.includes(p));
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <form
        className="panel modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="purpose-heading"
        onSubmit={(e) => {
          e.preventDefault();
          onChoose(purpose, remember);
        }}
        onKeyDown={(e) => {
          // Enter on the purpose list confirms it (a select does not submit its form by itself).
          if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
            e.preventDefault();
            onChoose(purpose, remember);
          }
        }}
      >
        <h2 id="purpose-heading">Purpose of use for encounter #{encounterId}</h2>
        <p className="muted small">The chart shows only what this purpose needs. Your choice is recorded in the audit trail.</p>
        <label className="field">
          <span>Purpose</span>
          <select ref={ref} value={purpose} onChange={(e) => setPurpose(e.target.value as Purpose)}>
            <optgroup label="Coding work">
              {CODING.map((p) => (
                <option key={p} value={p}>
                  {PURPOSE_INFO[p].label}
                </option>
              ))}
            </optgroup>
            <optgroup label="Exceptions (logged as disclosures)">
              {others.map((p) => (
                <option key={p} value={p}>
                  {PURPOSE_INFO[p].label}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> Use this purpose without asking next time
        </label>
        <div className="row end">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Open chart
          </button>
        </div>
      </form>
    </div>
  );
}
