/** The exposure inventory on screen (it lists MRNs): cleared on lock and sign-out. */
import { create } from 'zustand';
import type { ExposureInventory, PurgeReportView, RetentionPolicyView } from '../../../shared/retention-contract';
import { registerPhiStore } from './phi-stores';

interface InventoryState {
  inventory?: ExposureInventory;
  policy?: RetentionPolicyView;
  preview?: PurgeReportView;
  set(p: Partial<Omit<InventoryState, 'set' | 'reset'>>): void;
  reset(): void;
}

export const useInventory = create<InventoryState>((set) => ({
  set: (p) => set(p),
  reset: () => set({ inventory: undefined, policy: undefined, preview: undefined }),
}));

registerPhiStore(() => useInventory.getState().reset());
