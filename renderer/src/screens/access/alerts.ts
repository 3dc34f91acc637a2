import { create } from 'zustand';
import type { AccessAlerts } from '../../../../shared/access-contract';
import { call } from '../../../api';
import { registerPhiStore } from '../../state/phi-stores';

/** How often supervisors' clients ask for new access alerts (break-glass, pending requests, overdue reviews). */
export const ALERT_POLL_MS = 15_000;

interface AlertsStore {
  value: AccessAlerts | null;
  refresh(): Promise<void>;
  reset(): void;
}

/** The access alerts of the signed-in user: the badge count and unacknowledged break-glass events. */
export const useAccessAlerts = create<AlertsStore>((set) => ({
  value: null,
  async refresh() {
    try {
      set({ value: await call('accessAlerts', {}) });
    } catch {
      // Locked or signed out: the session screens take over; keep nothing.
      set({ value: null });
    }
  },
  reset: () => set({ value: null }),
}));

registerPhiStore(() => useAccessAlerts.getState().reset());
