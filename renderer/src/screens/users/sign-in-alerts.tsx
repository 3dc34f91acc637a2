import { useEffect } from 'react';
import { create } from 'zustand';
import type { SignInAlerts } from '../../../../shared/auth-contract';
import { call } from '../../../api';
import { registerPhiStore } from '../../state/phi-stores';
import { ALERT_POLL_MS } from '../access/alerts';

interface SignInAlertsStore {
  value: SignInAlerts | null;
  refresh(): Promise<void>;
  reset(): void;
}

/** Administrators' sign-in alerts: accounts locked out now, locked unknown names, blocked sources. */
export const useSignInAlerts = create<SignInAlertsStore>((set) => ({
  value: null,
  async refresh() {
    try {
      set({ value: await call('signInAlerts', {}) });
    } catch {
      set({ value: null }); // locked, signed out or not an administrator: keep nothing
    }
  },
  reset: () => set({ value: null }),
}));

registerPhiStore(() => useSignInAlerts.getState().reset());

/** The count on the Users tab (rendered for administrators only); polls like the access alerts. */
export function SignInAlertBadge() {
  const badge = useSignInAlerts((a) => a.value?.badge ?? 0);
  useEffect(() => {
    const refresh = () => void useSignInAlerts.getState().refresh();
    refresh();
    const timer = window.setInterval(refresh, ALERT_POLL_MS);
    return () => window.clearInterval(timer);
  }, []);
  if (badge === 0) return null;
  return (
    <span className="tab-badge" aria-label={`${badge} sign-in alert${badge === 1 ? '' : 's'}`}>
      {badge}
    </span>
  );
}

/** The alert at the top of the Users screen: who is locked out, and what else looks like an attack. */
export function SignInAlertBanner() {
  const a = useSignInAlerts((s) => s.value);
  if (!a || a.badge === 0) return null;
  return (
    <div role="alert" className="warn" data-testid="sign-in-alerts">
      {a.lockedAccounts.length > 0 && (
        <p>
          Locked out after repeated failed sign-ins: {a.lockedAccounts.map((u) => `${u.username} (until ${u.lockedUntil.slice(11, 16)} UTC)`).join(', ')}. Unlock below once you know it was
          not an attack.
        </p>
      )}
      {a.lockedUnknownNames > 0 && <p>{a.lockedUnknownNames} user name(s) that match no account were locked: someone is guessing names.</p>}
      {a.blockedSources > 0 && <p>{a.blockedSources} sign-in source(s) are blocked for too many failed attempts across names.</p>}
    </div>
  );
}
