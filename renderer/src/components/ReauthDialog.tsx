import { useEffect, useRef, useState } from 'react';
import { call } from '../../api';
import { ErrorBanner } from './ErrorBanner';
import { Field } from './Field';
import { useSubmit } from './use-submit';

/** Asks for the password again before a sensitive action (exports); calls onConfirmed once it checks out. */
export function ReauthDialog({ action, onConfirmed, onCancel }: { action: string; onConfirmed: () => void; onCancel: () => void }) {
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const { busy, error, onSubmit } = useSubmit(async () => {
    await call('reauthenticate', { password, otp: otp || undefined });
    setPassword('');
    onConfirmed();
  });
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className="reauth" aria-labelledby="reauth-title" onCancel={onCancel}>
      <form onSubmit={onSubmit}>
        <h3 id="reauth-title">Confirm it is you</h3>
        <p className="muted">{action} needs your password again.</p>
        <ErrorBanner error={error} />
        <Field label="Password" type="password" autoComplete="current-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
        <Field label="Authenticator code (if enrolled)" inputMode="numeric" value={otp} onChange={(e) => setOtp(e.target.value)} />
        <div className="row">
          <button type="submit" className="primary" disabled={busy || !password}>
            Confirm
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
