import { useState } from 'react';
import { BREAK_GLASS_REASON_CODES, BREAK_GLASS_REASON_LABELS } from '../../../../shared/access-contract';
import { call } from '../../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { ReasonField } from '../../components/ReasonField';
import { useSubmit } from '../../components/use-submit';

type ReasonCode = (typeof BREAK_GLASS_REASON_CODES)[number];

/**
 * Emergency access to one encounter: the user signs in again (password, and code if enrolled), picks
 * a reason and explains it; the grant starts at once, supervisors are alerted, and a retrospective
 * review is queued. Psychotherapy notes stay closed (they need the patient's authorization).
 */
export function BreakGlassDialog({ encounterId, onClose }: { encounterId?: number; onClose: (started: boolean) => void }) {
  const [encounter, setEncounter] = useState(encounterId ? String(encounterId) : '');
  const [reasonCode, setReasonCode] = useState<ReasonCode>('patient-safety');
  const [reasonText, setReasonText] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const ready = Number(encounter) > 0 && reasonText.trim().length >= 20 && password.length > 0;
  const { busy, error, onSubmit } = useSubmit(async () => {
    await call('reauthenticate', { password, otp: otp || undefined });
    setPassword('');
    await call('breakGlass', { encounterId: Number(encounter), reasonCode, reasonText: reasonText.trim() });
    onClose(true);
  });
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose(false)}>
      <form className="panel modal" role="dialog" aria-modal="true" aria-labelledby="bg-title" onSubmit={onSubmit}>
        <h2 id="bg-title">Break glass: emergency access</h2>
        <p className="warn">Use only in an emergency. Access starts at once, supervisors are alerted now, and a reviewer will judge afterwards whether it was appropriate.</p>
        <ErrorBanner error={error} />
        <Field label="Encounter" inputMode="numeric" value={encounter} onChange={(e) => setEncounter(e.target.value)} autoFocus={!encounterId} />
        <div className="field">
          <label htmlFor="bg-reason">Reason</label>
          <select id="bg-reason" value={reasonCode} onChange={(e) => setReasonCode(e.target.value as ReasonCode)}>
            {BREAK_GLASS_REASON_CODES.map((c) => (
              <option key={c} value={c}>
                {BREAK_GLASS_REASON_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <ReasonField label="What is happening" value={reasonText} onChange={setReasonText} min={20} />
        <Field label="Your password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        <Field label="Authenticator code (if enrolled)" inputMode="numeric" autoComplete="one-time-code" value={otp} onChange={(e) => setOtp(e.target.value)} />
        <div className="row">
          <button type="submit" className="danger" disabled={!ready || busy}>
            Start emergency access
          </button>
          <button type="button" onClick={() => onClose(false)}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
