import { create } from 'zustand';
import type { SessionState } from '../../../shared/auth-contract';
import type { AppError } from '../../../shared/result';
import { call, errorOf, onSessionLost } from '../../api';
import { clearPhiStores } from './phi-stores';

interface SessionStore {
  loaded: boolean;
  state: SessionState;
  error?: AppError;
  busy: boolean;
  refresh(): Promise<void>;
  setup(username: string, displayName: string, password: string): Promise<void>;
  login(username: string, password: string, otp?: string): Promise<void>;
  unlock(password: string, otp?: string): Promise<void>;
  changePassword(current: string, next: string): Promise<void>;
  lock(): Promise<void>;
  logout(): Promise<void>;
  clearError(): void;
}

const EMPTY: SessionState = { firstRun: false, session: null };

export const useSession = create<SessionStore>((set, get) => {
  /** Runs a sign-in style call; on success adopts the returned session. */
  const attempt = async (fn: () => Promise<SessionState['session']>) => {
    set({ busy: true, error: undefined });
    try {
      const session = await fn();
      set({ state: { firstRun: false, session }, busy: false });
    } catch (e) {
      set({ error: errorOf(e), busy: false });
    }
  };
  return {
    loaded: false,
    state: EMPTY,
    busy: false,
    async refresh() {
      try {
        const state = await call('sessionState', {});
        if (!state.session || state.session.state === 'locked') clearPhiStores();
        set({ state, loaded: true });
      } catch (e) {
        set({ error: errorOf(e), loaded: true });
      }
    },
    setup: (u, d, p) => attempt(() => call('setupFirstAdmin', { username: u, displayName: d, password: p })),
    login: (u, p, otp) => attempt(() => call('login', { username: u, password: p, otp: otp || undefined })),
    unlock: (p, otp) => attempt(() => call('unlockSession', { password: p, otp: otp || undefined })),
    changePassword: (c, n) => attempt(() => call('changePassword', { current: c, next: n })),
    async lock() {
      clearPhiStores();
      await attempt(() => call('lockSession', {}));
    },
    async logout() {
      clearPhiStores();
      await call('logout', {}).catch(() => undefined);
      set({ state: EMPTY });
      await get().refresh();
    },
    clearError: () => set({ error: undefined }),
  };
});

onSessionLost(() => {
  clearPhiStores();
  void useSession.getState().refresh();
});
