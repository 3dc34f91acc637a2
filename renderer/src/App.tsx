import { useEffect } from 'react';
import { StoreStatusScreen } from './screens/StoreStatusScreen';
import { useStatusStore } from './state/status-store';

export function App() {
  const app = useStatusStore((s) => s.app);
  const refresh = useStatusStore((s) => s.refresh);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F5') {
        e.preventDefault();
        void refresh();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [refresh]);

  return (
    <div className="shell">
      <header className="topbar">
        <h1>Need-to-Know</h1>
        <span className="muted">{app ? `v${app.version}` : ''}</span>
        <span className="spacer" />
        <span className="muted">Minimum necessary, by design</span>
      </header>
      <main className="content">
        <StoreStatusScreen />
      </main>
    </div>
  );
}
