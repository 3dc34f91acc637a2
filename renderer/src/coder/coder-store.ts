/**
 * The coder workstation's state: worklist, the open chart (as the view builder sent it), the
 * documents opened so far, the facts the coder selected, and the query being built. Holds PHI:
 * registered with the PHI stores so lock and sign-out clear it.
 */
import { create } from 'zustand';
import type { ChartView, DocumentView } from '../../../shared/chart-contract';
import type { QueryView, WorklistFilter, WorklistRow } from '../../../shared/coder-contract';
import type { Purpose } from '../../../shared/purposes';
import { registerPhiStore } from '../state/phi-stores';

/** A selected span of a visible section. The text is for display only; the backend re-derives it. */
export interface SelectedFact {
  key: string;
  sectionId: string;
  documentId: string;
  start: number;
  end: number;
  text: string;
  documentTitle: string;
  sectionTitle: string;
  date: string | null;
}

export interface QueryDraft {
  queryId: number | null;
  question: string;
  options: string[];
}

export const EMPTY_DRAFT: QueryDraft = { queryId: null, question: '', options: ['', ''] };

export type RightTab = 'facts' | 'structured' | 'query' | 'queries';

interface CoderState {
  filter: WorklistFilter;
  rows: WorklistRow[];
  total: number;
  payers: string[];
  /** The encounter being opened and the purpose declared for it. */
  encounterId: number | null;
  purpose: Purpose | null;
  chart: ChartView | null;
  documents: Record<string, DocumentView>;
  activeDocument: string | null;
  facts: SelectedFact[];
  draft: QueryDraft;
  query: QueryView | null;
  rightTab: RightTab;
  find: { query: string; total: number; byDocument: Record<string, number>; bySection: Record<string, number> } | null;
  set(patch: Partial<CoderState>): void;
  addFact(f: Omit<SelectedFact, 'key'>): boolean;
  removeFact(key: string): void;
  closeChart(): void;
  reset(): void;
}

const INITIAL = {
  filter: { scope: 'all', limit: 500 } as WorklistFilter,
  rows: [],
  total: 0,
  payers: [],
  encounterId: null,
  purpose: null,
  chart: null,
  documents: {},
  activeDocument: null,
  facts: [],
  draft: EMPTY_DRAFT,
  query: null,
  rightTab: 'facts' as RightTab,
  find: null,
};

export const useCoder = create<CoderState>((set, get) => ({
  ...INITIAL,
  set: (patch) => set(patch),
  addFact(f) {
    const key = `${f.sectionId}:${f.start}:${f.end}`;
    const facts = get().facts;
    if (facts.some((x) => x.key === key)) return false;
    // Overlapping selections in the same section are merged into the later one's place.
    set({ facts: [...facts.filter((x) => !(x.sectionId === f.sectionId && x.start < f.end && f.start < x.end)), { ...f, key }] });
    return true;
  },
  removeFact: (key) => set({ facts: get().facts.filter((f) => f.key !== key) }),
  closeChart: () => set({ encounterId: null, purpose: null, chart: null, documents: {}, activeDocument: null, facts: [], draft: EMPTY_DRAFT, query: null, find: null, rightTab: 'facts' }),
  reset: () => set({ ...INITIAL }),
}));

registerPhiStore(() => useCoder.getState().reset());
