import { useEffect, useState, type FormEvent } from 'react';
import type { UserSummary } from '../../../shared/auth-contract';
import type { AppError } from '../../../shared/result';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/roles';
import { call, errorOf } from '../../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { Field } from '../components/Field';
import { GridHead } from '../components/GridHead';
import { Notice } from '../components/Notice';
import { SignInAlertBanner, useSignInAlerts } from './users/sign-in-alerts';

/** Administrators: add, disable (never delete), change roles, reset passwords, unlock, idle limit. */
export function UsersScreen({ idleMinutes }: { idleMinutes: number }) {
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [error, setError] = useState<AppError>();
  const [notice, setNotice] = useState('');

  const act = async (fn: () => Promise<unknown>, done?: string) => {
    setError(undefined);
    setNotice('');
    try {
      await fn();
      setUsers(await call('listUsers', {}));
      void useSignInAlerts.getState().refresh();
      if (done) setNotice(done);
    } catch (e) {
      setError(errorOf(e));
    }
  };
  useEffect(() => {
    void act(async () => undefined);
  }, []);

  return (
    <section className="panel" aria-labelledby="users-heading">
      <header className="panel-head">
        <h2 id="users-heading">Users</h2>
        <IdleSetting current={idleMinutes} onSave={(m) => act(() => call('setIdleMinutes', { minutes: m }), `Idle lock set to ${m} minutes.`)} />
      </header>
      <SignInAlertBanner />
      <ErrorBanner error={error} />
      <Notice text={notice} />
      <table className="grid" aria-label="Users">
        <GridHead cols={['User name', 'Name', 'Role', 'Status', 'Actions']} />
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={u.disabled ? 'dim' : undefined}>
              <td className="mono">{u.username}</td>
              <td>{u.displayName}</td>
              <td>
                <select
                  aria-label={`Role of ${u.username}`}
                  value={u.role}
                  onChange={(e) => void act(() => call('setUserRole', { userId: u.id, role: e.target.value as Role }), `${u.username} is now ${ROLE_LABELS[e.target.value as Role]}.`)}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABELS[r]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {u.disabled ? 'Disabled' : u.lockedOut ? 'Locked out' : 'Active'}
                {u.mustChangePassword && !u.disabled ? ' · must change password' : ''}
                {u.secondFactor ? ' · 2FA' : ''}
              </td>
              <td className="row">
                <button type="button" onClick={() => void act(() => call('setUserDisabled', { userId: u.id, disabled: !u.disabled }), `${u.username} ${u.disabled ? 'enabled' : 'disabled'}.`)}>
                  {u.disabled ? 'Enable' : 'Disable'}
                </button>
                {u.lockedOut && (
                  <button type="button" onClick={() => void act(() => call('unlockUser', { userId: u.id }), `${u.username} unlocked.`)}>
                    Unlock
                  </button>
                )}
                <ResetPassword user={u} onReset={(pw) => act(() => call('resetUserPassword', { userId: u.id, password: pw }), `Temporary password set for ${u.username}.`)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddUser onAdd={(u) => act(() => call('addUser', u), `Added ${u.username}; they choose their own password at first sign-in.`)} />
    </section>
  );
}

function ResetPassword({ user, onReset }: { user: UserSummary; onReset(pw: string): Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [pw, setPw] = useState('');
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Reset password
      </button>
    );
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        void onReset(pw).then(() => setOpen(false));
      }}
    >
      <input aria-label={`Temporary password for ${user.username}`} type="password" value={pw} onChange={(e) => setPw(e.target.value)} autoFocus />
      <button type="submit">Set</button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}

function AddUser({ onAdd }: { onAdd(u: { username: string; displayName: string; role: Role; password: string }): Promise<void> }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('coder');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onAdd({ username, displayName, role, password }).then(() => {
      setUsername('');
      setDisplayName('');
      setPassword('');
    });
  };
  return (
    <form className="add-user" onSubmit={submit} aria-label="Add a user">
      <h3>Add a user</h3>
      <div className="row wrap">
        <Field label="User name" value={username} onChange={(e) => setUsername(e.target.value)} required />
        <Field label="Full name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
        <div className="field">
          <label htmlFor="new-role">Role</label>
          <select id="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <Field label="Temporary password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </div>
      <button type="submit" className="primary">
        Add user
      </button>
    </form>
  );
}

function IdleSetting({ current, onSave }: { current: number; onSave(m: number): Promise<void> }) {
  const [m, setM] = useState(current);
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(m);
      }}
    >
      <label htmlFor="idle-minutes">Idle lock after</label>
      <input id="idle-minutes" type="number" min={1} max={60} value={m} onChange={(e) => setM(Number(e.target.value))} className="narrow" />
      <span>minutes</span>
      <button type="submit">Save</button>
    </form>
  );
}
