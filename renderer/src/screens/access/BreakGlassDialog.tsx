import { useState } from 'react';
import { BREAK_GLASS_REASON_CODES, BREAK_GLASS_REASON_LABELS } from '../../../../shared/access-contract';
import { call } from '../../../api';
import { ModalForm } from '../../components/ModalForm';
import { Field } from '../../components/Field';
import { ReasonField } from '../../components/ReasonField';
import { useReauth } from '../../components/use-reauth';
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
  const { password, setPassword, otp, setOtp, confirm } = useReauth('breakGlass');
  const ready = Number(encounter) > 0 && reasonText.trim().length >= 20 && password.length > 0;
  const { busy, error, onSubmit } = useSubmit(async () => {
    await confirm(); // a proof for this one break-glass call, used at once
    await call('breakGlass', { encounterId: Number(encounter), reasonCode, reasonText: reasonText.trim() });
    onClose(true);
  });
  return (
    <ModalForm
      title="Break glass: emergency access"
      onSubmit={onSubmit}
      onCancel={() => onClose(false)}
      error={error}
      submitLabel="Start emergency access"
      submitClass="danger"
      submitDisabled={!ready || busy}
    >
      <p className="warn">Use only in an emergency. Access starts at once, supervisors are alerted now, and a reviewer will judge afterwards whether it was appropriate.</p>
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
    </ModalForm>
  );
}
