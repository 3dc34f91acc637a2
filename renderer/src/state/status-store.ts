import { create } from 'zustand';
import type { AppInfo, StoreStatus } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import { ApiError, call } from '../../api';

interface StatusState {
  app?: AppInfo;
  status?: StoreStatus;
  error?: AppError;
  loading: boolean;
  refresh(): Promise<void>;
}

export const useStatusStore = create<StatusState>((set) => ({
  loading: false,
  async refresh() {
    set({ loading: true, error: undefined });
    try {
      const [app, status] = await Promise.all([call('appInfo', {}), call('storeStatus', {})]);
      set({ app, status, loading: false });
    } catch (e) {
      const error = e instanceof ApiError ? e.error : { code: 'INTERNAL' as const, message: 'The backend did not answer.' };
      set({ error, status: undefined, loading: false });
    }
  },
}));
