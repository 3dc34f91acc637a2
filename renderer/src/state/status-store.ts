import { create } from 'zustand';
import type { AppInfo, StoreStatusView } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import { call, errorOf } from '../../api';
import { registerPhiStore } from './phi-stores';

interface StatusState {
  app?: AppInfo;
  status?: StoreStatusView;
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
      set({ error: errorOf(e), status: undefined, loading: false });
    }
  },
}));

// Counts of what the device holds are cleared with the rest on lock.
registerPhiStore(() => useStatusStore.setState({ status: undefined, error: undefined }));
