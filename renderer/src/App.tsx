import { useEffect, useState } from 'react';
import { APPROVER_ROLES, REQUESTER_ROLES } from '../../shared/access-types';
import { ROLE_LABELS, type Role } from '../../shared/roles';
import { AccessScreen } from './screens/AccessScreen';
import { CoderScreen } from './coder/CoderScreen';
import { AuditScreen } from './screens/AuditScreen';
import { DenialsScreen } from './screens/denials/DenialsScreen';
import { DisclosuresScreen } from './screens/DisclosuresScreen';
import { ChangePasswordScreen, FirstRunScreen, LockScreen, LoginScreen } from './screens/AuthScreens';
import { ImportScreen } from './screens/ImportScreen';
import { InventoryScreen } from './screens/InventoryScreen';
import { SecurityScreen } from './screens/SecurityScreen';
import { StoreStatusScreen } from './screens/StoreStatusScreen';
import { UsersScreen } from './screens/UsersScreen';
import { SignInAlertBadge } from './screens/users/sign-in-alerts';
import { useSession } from './state/session-store';
import { ALERT_POLL_MS, useAccessAlerts } from './screens/access/alerts';
import { useIdleLock } from './state/use-idle-lock';

type Tab = 'store' | 'users' | 'audit' | 'access' | 'import' | 'coding' | 'denials' | 'disclosures' | 'inventory' | 'security';
const TABS: Array<{ id: Tab; label: string; roles?: readonly Role[] }> = [
  { id: 'store', label: 'Store' },
  { id: 'coding', label: 'Coding', roles: ['coder', 'cdi', 'supervisor'] },
  { id: 'users', label: 'Users', roles: ['admin'] },
  { id: 'audit', label: 'Audit', roles: ['privacy_officer', 'admin'] },
  { id: 'access', label: 'Access', roles: REQUESTER_ROLES },
  { id: 'import', label: 'Import', roles: ['admin', 'supervisor'] },
  { id: 'denials', label: 'Denials', roles: ['biller', 'supervisor'] },
  { id: 'disclosures', label: 'Disclosures', roles: ['privacy_officer', 'admin'] },
  { id: 'inventory', label: 'Inventory', roles: ['privacy_officer', 'admin'] },
  { id: 'security', label: 'Security' },
];

export function App() {
  const { loaded, state, refresh } = useSession();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const s = state.session;
  useIdleLock(!!s && s.state === 'active', s?.idleMinutes ?? 15);

  if (!loaded) return null;
  if (state.firstRun) return <FirstRunScreen />;
  if (!s) return <LoginScreen />;
  if (s.state === 'locked') return <LockScreen />;
  if (s.mustChangePassword) return <ChangePasswordScreen />;
  return <Workspace />;
}

function Workspace() {
  const { state, lock, logout } = useSession();
  const s = state.session!;
  const tabs = TABS.filter((t) => !t.roles || t.roles.includes(s.role));
  const [tab, setTab] = useState<Tab>('store');
  const approver = APPROVER_ROLES.includes(s.role);
  const badge = useAccessAlerts((a) => a.value?.badge ?? 0);
  useEffect(() => {
    if (!approver) return;
    const refresh = () => void useAccessAlerts.getState().refresh();
    refresh();
    const timer = window.setInterval(refresh, ALERT_POLL_MS);
    return () => window.clearInterval(timer);
  }, [approver]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        void lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lock]);

  return (
    <div className="shell">
      <header className="topbar">
        <h1>Need-to-Know</h1>
        <nav aria-label="Sections" className="tabs" role="tablist">
          {tabs.map((t) => (
            <button key={t.id} role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'tab active' : 'tab'} onClick={() => setTab(t.id)}>
              {t.label}
              {t.id === 'access' && badge > 0 && (
                <span className="tab-badge" aria-label={`${badge} need attention`}>
                  {badge}
                </span>
              )}
              {t.id === 'users' && <SignInAlertBadge />}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <span className="who" data-testid="who">
          {s.displayName} · {ROLE_LABELS[s.role]}
        </span>
        <button type="button" className="ghost" onClick={() => void lock()} aria-keyshortcuts="Control+L" title="Lock (Ctrl+L)">
          Lock
        </button>
        <button type="button" className="ghost" onClick={() => void logout()}>
          Sign out
        </button>
      </header>
      <main className="content">
        {tab === 'store' && <StoreStatusScreen />}
        {tab === 'users' && <UsersScreen idleMinutes={s.idleMinutes} />}
        {tab === 'audit' && <AuditScreen />}
        {tab === 'access' && <AccessScreen role={s.role} />}
        {tab === 'import' && <ImportScreen />}
        {tab === 'coding' && <CoderScreen />}
        {tab === 'denials' && <DenialsScreen />}
        {tab === 'disclosures' && <DisclosuresScreen />}
        {tab === 'inventory' && <InventoryScreen role={s.role} />}
        {tab === 'security' && <SecurityScreen />}
      </main>
    </div>
  );
}
