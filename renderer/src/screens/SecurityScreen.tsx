import { useState } from 'react';
import type { AppError } from '../../../shared/result';
import { call, errorOf } from '../../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { Field } from '../components/Field';
import { ReauthDialog } from '../components/ReauthDialog';
import { useSession } from '../state/session-store';

type Step = { at: 'idle' } | { at: 'reauth' } | { at: 'scan'; secret: string; otpauthUri: string } | { at: 'codes'; recoveryCodes: string[] };

/** The secret in groups of four, as authenticator apps show it for typing in by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * The signed-in user's own sign-in security: enrol an authenticator app (RFC 6238 TOTP) after
 * re-authenticating, confirm it with a code, and keep the one-time recovery codes shown once.
 */
export function SecurityScreen() {
  const { state, refresh } = useSession();
  const enrolled = state.session?.secondFactor ?? false;
  const [step, setStep] = useState<Step>({ at: 'idle' });
  const [code, setCode] = useState('');
  const [error, setError] = useState<AppError>();

  const begin = async () => {
    setError(undefined);
    try {
      const r = await call('beginTotpEnrollment', {});
      setStep({ at: 'scan', ...r });
    } catch (e) {
      setError(errorOf(e));
      setStep({ at: 'idle' });
    }
  };
  const confirm = async () => {
    setError(undefined);
    try {
      const r = await call('confirmTotpEnrollment', { code: code.trim() });
      setCode('');
      setStep({ at: 'codes', recoveryCodes: r.recoveryCodes });
      await refresh();
    } catch (e) {
      setError(errorOf(e));
    }
  };

  return (
    <section className="panel security" aria-labelledby="security-heading">
      <header className="panel-head">
        <h2 id="security-heading">Sign-in security</h2>
      </header>
      <p data-testid="second-factor-status">
        Second factor: <strong>{enrolled ? 'authenticator app enrolled' : 'not enrolled'}</strong>.{' '}
        {enrolled ? 'Signing in, unlocking and confirming exports ask for a code from it.' : 'With one, your password may be as short as 8 characters.'}
      </p>
      <ErrorBanner error={error} />
      {step.at === 'idle' && (
        <button type="button" className="primary" onClick={() => setStep({ at: 'reauth' })}>
          {enrolled ? 'Replace authenticator app…' : 'Set up an authenticator app…'}
        </button>
      )}
      {step.at === 'reauth' && <ReauthDialog action="Setting up an authenticator app" call="beginTotpEnrollment" onConfirmed={() => void begin()} onCancel={() => setStep({ at: 'idle' })} />}
      {step.at === 'scan' && (
        <form
          className="enroll"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <h3>1. Add this key to your authenticator app</h3>
          <p className="muted">Choose “enter a setup key” (time-based, 6 digits) and type:</p>
          <p className="secret mono" data-testid="totp-secret" aria-label="Setup key">
            {grouped(step.secret)}
          </p>
          <details>
            <summary>Setup link (for apps that accept one)</summary>
            <p className="mono small break">{step.otpauthUri}</p>
          </details>
          <h3>2. Enter the code it shows</h3>
          <Field label="6-digit code" inputMode="numeric" autoComplete="one-time-code" autoFocus maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} />
          <div className="row">
            <button type="submit" className="primary" disabled={!/^\d{6}$/.test(code.trim())}>
              Turn on
            </button>
            <button type="button" onClick={() => setStep({ at: 'idle' })}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {step.at === 'codes' && (
        <div className="recovery" role="region" aria-label="Recovery codes">
          <h3>Recovery codes</h3>
          <p>
            Each code signs you in once if you lose the authenticator. They are shown <strong>only now</strong>: write them down and keep them apart from this
            computer.
          </p>
          <ol className="mono codes-list" data-testid="recovery-codes">
            {step.recoveryCodes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
          <button type="button" className="primary" onClick={() => setStep({ at: 'idle' })}>
            I have kept them
          </button>
        </div>
      )}
    </section>
  );
}
