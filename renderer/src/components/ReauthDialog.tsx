import { useEffect, useRef } from 'react';
import type { ReauthAction } from '../../../shared/auth-contract';
import { ErrorBanner } from './ErrorBanner';
import { Field } from './Field';
import { useReauth } from './use-reauth';
import { useSubmit } from './use-submit';

/**
 * Asks for the password (and the authenticator code, when enrolled) before a sensitive action
 * (exports, enrolment); calls onConfirmed once it checks out. The main process then allows that one
 * call (`call`) once: every export asks again, and signing in never counts.
 */
export function ReauthDialog({ action, call: forCall, onConfirmed, onCancel }: { action: string; call: ReauthAction; onConfirmed: () => void; onCancel: () => void }) {
  const { password, setPassword, otp, setOtp, confirm } = useReauth(forCall);
  const { busy, error, onSubmit } = useSubmit(async () => {
    await confirm();
    onConfirmed();
  });
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    // Escape closes this dialog only, not the screen or modal it opened over.
    <dialog ref={ref} className="reauth" aria-labelledby="reauth-title" onCancel={onCancel} onKeyDown={(e) => e.key === 'Escape' && e.stopPropagation()}>
      <form onSubmit={onSubmit}>
        <h3 id="reauth-title">Confirm it is you</h3>
        <p className="muted">{action} needs your password again.</p>
        <ErrorBanner error={error} />
        <Field label="Password" type="password" autoComplete="current-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
        <Field label="Authenticator code (if enrolled)" inputMode="numeric" autoComplete="one-time-code" value={otp} onChange={(e) => setOtp(e.target.value)} />
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
