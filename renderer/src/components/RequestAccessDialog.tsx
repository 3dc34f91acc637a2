import { useEffect, useState } from 'react';
import { PURPOSE_INFO, PURPOSES, type Purpose } from '../../../shared/purposes';
import { call } from '../../api';
import { ModalForm } from './ModalForm';
import { ReasonField } from './ReasonField';
import { useSubmit } from './use-submit';

/**
 * Ask for more access: from a masked placeholder (its opaque `requestHandle`; the backend resolves what
 * it covers) or for an encounter from a menu. Justification of at least 20 characters; duration up to
 * the policy maximum (default 8 hours).
 */
export function RequestAccessDialog({
  requestHandle,
  encounterId,
  purpose: initialPurpose = 'inpatient_coding',
  onClose,
}: {
  requestHandle?: string;
  encounterId?: number;
  /** The purpose the user declared for the chart (preselected). */
  purpose?: Purpose;
  onClose: (requested: boolean) => void;
}) {
  const [purpose, setPurpose] = useState<Purpose>(initialPurpose);
  const [justification, setJustification] = useState('');
  const [hours, setHours] = useState(8);
  const [maxHours, setMaxHours] = useState(8);
  const { busy, error, onSubmit } = useSubmit(async () => {
    const target = requestHandle ? { requestHandle } : { encounterId: encounterId! };
    await call('requestAccess', { ...target, purpose, justification: justification.trim(), minutes: hours * 60 });
    onClose(true);
  });
  // Once per dialog: the policy's default and longest durations.
  useEffect(() => {
    void call('accessPolicy', {}).then((p) => {
      setMaxHours(Math.floor(p.maxRequestMinutes / 60));
      setHours(Math.max(1, Math.floor(p.defaultRequestMinutes / 60)));
    });
  }, []);
  const short = justification.trim().length < 20;
  return (
    <ModalForm
      title={requestHandle ? 'Request access to a restricted section' : 'Request access'}
      onSubmit={onSubmit}
      onCancel={() => onClose(false)}
      error={error}
      submitLabel="Send request"
      submitDisabled={short || busy}
    >
      <p className="muted">{requestHandle ? 'For the restricted section you selected.' : `For encounter ${encounterId}.`} A supervisor decides; everything is audited.</p>
      <div className="field">
        <label htmlFor="req-purpose">Purpose</label>
        <select id="req-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value as Purpose)}>
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {PURPOSE_INFO[p].label}
            </option>
          ))}
        </select>
      </div>
      <ReasonField label="Justification" value={justification} onChange={setJustification} min={20} autoFocus />
      <div className="field">
        <label htmlFor="req-hours">Duration</label>
        <select id="req-hours" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          {Array.from({ length: maxHours }, (_, i) => i + 1).map((h) => (
            <option key={h} value={h}>
              {h} hour{h > 1 ? 's' : ''}
            </option>
          ))}
        </select>
      </div>
    </ModalForm>
  );
}
