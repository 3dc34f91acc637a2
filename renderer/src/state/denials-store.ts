/**
 * The denial worklist and the packet being built. Holds claim data and excerpt text, so it
 * registers its reset with the PHI stores: locking or signing out clears it.
 */
import { create } from 'zustand';
import type { CallRequest, CallResponse } from '../../../shared/contract';
import type { DenialRow, PacketCheck } from '../../../shared/packets-contract';
import type { AppError } from '../../../shared/result';
import { call, errorOf } from '../../api';
import { registerPhiStore } from './phi-stores';

export type WorklistQuery = CallRequest<'denialWorklist'>;
export type Draft = CallResponse<'packetDraft'>;

export interface Pick {
  key: string;
  sectionId: string;
  document: string;
  section: string;
  start?: number;
  end?: number;
  preview: string;
  reason: string;
}

interface DenialsState {
  query: WorklistQuery;
  rows: DenialRow[];
  total: number;
  payers: string[];
  loading: boolean;
  error?: AppError;
  draft?: Draft;
  letter: string;
  recipient: string;
  picks: Pick[];
  check?: PacketCheck;
  exported?: CallResponse<'packetExport'>;
  setQuery(q: Partial<WorklistQuery>): void;
  load(): Promise<void>;
  setStatus(claimId: number, status: DenialRow['status']): Promise<void>;
  /** A stored claim, or a remittance-only claim of the worklist (an 835 alone). */
  open(claim: { claimId: number } | { remitClaimId: number }): Promise<void>;
  close(): void;
  setLetter(s: string): void;
  setRecipient(s: string): void;
  addPick(p: Omit<Pick, 'key' | 'reason'>): void;
  setReason(key: string, reason: string): void;
  removePick(key: string): void;
  runCheck(): Promise<void>;
  cancelCheck(): void;
  /** Exports the checked packet; the caller has just re-authenticated for 'packetExport'. */
  exportPacket(): Promise<void>;
  saveTemplate(): Promise<void>;
  reset(): void;
}

const INITIAL = {
  query: { sort: 'age', dir: 'desc' } as WorklistQuery,
  rows: [],
  total: 0,
  payers: [],
  loading: false,
  error: undefined,
  draft: undefined,
  letter: '',
  recipient: '',
  picks: [],
  check: undefined,
  exported: undefined,
};

let seq = 0;

export const useDenials = create<DenialsState>((set, get) => {
  const guard = async (fn: () => Promise<void>) => {
    set({ error: undefined });
    try {
      await fn();
    } catch (e) {
      set({ error: errorOf(e), loading: false });
    }
  };
  return {
    ...INITIAL,
    setQuery(q) {
      set({ query: { ...get().query, ...q } });
      void get().load();
    },
    load: () =>
      guard(async () => {
        set({ loading: true });
        const r = await call('denialWorklist', get().query);
        set({ rows: r.rows, total: r.total, payers: r.payers, loading: false });
      }),
    setStatus: (claimId, status) =>
      guard(async () => {
        await call('setDenialStatus', { claimId, status });
        await get().load();
      }),
    open: (claim) =>
      guard(async () => {
        const draft = await call('packetDraft', claim);
        set({ draft, letter: draft.letterTemplate, recipient: draft.recipient, picks: [], check: undefined, exported: undefined });
      }),
    close() {
      set({ draft: undefined, picks: [], check: undefined, exported: undefined, letter: '', recipient: '' });
      void get().load();
    },
    setLetter: (letter) => set({ letter }),
    setRecipient: (recipient) => set({ recipient }),
    addPick: (p) => set({ picks: [...get().picks, { ...p, key: `p${++seq}`, reason: '' }], check: undefined }),
    setReason: (key, reason) => set({ picks: get().picks.map((p) => (p.key === key ? { ...p, reason } : p)), check: undefined }),
    removePick: (key) => set({ picks: get().picks.filter((p) => p.key !== key), check: undefined }),
    runCheck: () =>
      guard(async () => {
        const { draft, letter, recipient, picks } = get();
        if (!draft) return;
        const check = await call('packetCheck', {
          ...claimRef(draft.summary),
          recipient,
          letter,
          excerpts: picks.map((p) => ({ sectionId: p.sectionId, start: p.start, end: p.end, reason: p.reason })),
        });
        set({ check });
      }),
    cancelCheck: () => set({ check: undefined }),
    exportPacket: () =>
      guard(async () => {
        const { check, draft } = get();
        if (!check || !draft) return;
        const exported = await call('packetExport', { checkId: check.checkId, confirmed: true });
        const history = await call('packetHistory', claimRef(draft.summary));
        set({ exported, check: undefined, draft: { ...draft, history } });
      }),
    saveTemplate: () =>
      guard(async () => {
        await call('saveLetterTemplate', { template: get().letter });
      }),
    reset: () => set({ ...INITIAL }),
  };
});

registerPhiStore(() => useDenials.getState().reset());

/** The claim a draft is about: the stored claim, else the remittance-only claim (an 835 alone). */
function claimRef(s: { claimId: number | null; remitClaimId?: number | null }): { claimId: number } | { remitClaimId: number } {
  return s.claimId !== null ? { claimId: s.claimId } : { remitClaimId: s.remitClaimId ?? 0 };
}
