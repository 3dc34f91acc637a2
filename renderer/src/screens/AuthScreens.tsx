import { useState, type FormEvent } from 'react';
import { ErrorBanner } from '../components/ErrorBanner';
import { Field } from '../components/Field';
import { useSession } from '../state/session-store';

const PASSWORD_HINT = 'At least 15 characters. A passphrase of several words is easiest to remember.';

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="auth">
      <section className="panel auth-card" aria-labelledby="auth-title">
        <h1 className="brand">Need-to-Know</h1>
        <h2 id="auth-title">{title}</h2>
        {children}
      </section>
    </main>
  );
}

const submit = (fn: () => void) => (e: FormEvent) => {
  e.preventDefault();
  fn();
};

/** A new password typed twice; `ok` is false while the two differ. */
function useNewPassword() {
  const [value, setValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const mismatch = confirm.length > 0 && confirm !== value;
  return { value, setValue, confirm, setConfirm, mismatch };
}

function NewPasswordFields({ pw, label, confirmLabel }: { pw: ReturnType<typeof useNewPassword>; label: string; confirmLabel: string }) {
  return (
    <>
      <Field label={label} type="password" autoComplete="new-password" hint={PASSWORD_HINT} value={pw.value} onChange={(e) => pw.setValue(e.target.value)} required />
      <Field label={confirmLabel} type="password" autoComplete="new-password" value={pw.confirm} onChange={(e) => pw.setConfirm(e.target.value)} required />
      {pw.mismatch && <p className="error">The passwords do not match.</p>}
    </>
  );
}

export function FirstRunScreen() {
  const { setup, error, busy } = useSession();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const pw = useNewPassword();
  return (
    <Card title="Create the first administrator">
      <p className="muted">This workstation has no users yet. The account you create now administers it; there is no default password.</p>
      <form onSubmit={submit(() => !pw.mismatch && void setup(username, displayName, pw.value))}>
        <Field label="User name" autoFocus autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        <Field label="Full name" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
        <NewPasswordFields pw={pw} label="Password" confirmLabel="Confirm password" />
        <ErrorBanner error={error} />
        <button type="submit" className="primary" disabled={busy || pw.mismatch}>
          Create administrator
        </button>
      </form>
    </Card>
  );
}

export function LoginScreen() {
  const { login, error, busy } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  return (
    <Card title="Sign in">
      <form onSubmit={submit(() => void login(username, password, otp))}>
        <Field label="User name" autoFocus autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        <Field label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <Field label="Authenticator or recovery code" hint="Only if your account uses a second factor." inputMode="numeric" autoComplete="one-time-code" value={otp} onChange={(e) => setOtp(e.target.value)} />
        <ErrorBanner error={error} />
        <button type="submit" className="primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </Card>
  );
}

/** The error, the form's own action, and a way out: sign out. */
function SubmitOrSignOut({ label, disabled }: { label: string; disabled: boolean }) {
  const { error, logout } = useSession();
  return (
    <>
      <ErrorBanner error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={disabled}>
          {label}
        </button>
        <button type="button" onClick={() => void logout()}>
          Sign out
        </button>
      </div>
    </>
  );
}

export function LockScreen() {
  const { state, unlock, busy } = useSession();
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const s = state.session!;
  return (
    <Card title="Session locked">
      <p>
        Locked for <strong>{s.displayName}</strong> ({s.username}). Patient information was cleared from the screen.
      </p>
      <form onSubmit={submit(() => void unlock(password, otp))}>
        <Field label="Password" type="password" autoFocus autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <Field label="Authenticator or recovery code" hint="Only if your account uses a second factor." inputMode="numeric" value={otp} onChange={(e) => setOtp(e.target.value)} />
        <SubmitOrSignOut label="Unlock" disabled={busy} />
      </form>
    </Card>
  );
}

export function ChangePasswordScreen() {
  const { changePassword, busy } = useSession();
  const [current, setCurrent] = useState('');
  const pw = useNewPassword();
  return (
    <Card title="Choose a new password">
      <p className="muted">Your administrator set a temporary password. Choose your own before you continue.</p>
      <form onSubmit={submit(() => !pw.mismatch && void changePassword(current, pw.value))}>
        <Field label="Temporary password" type="password" autoFocus autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        <NewPasswordFields pw={pw} label="New password" confirmLabel="Confirm new password" />
        <SubmitOrSignOut label="Save password" disabled={busy || pw.mismatch} />
      </form>
    </Card>
  );
}
