import type { IdentifierType } from '../../shared/identifier-types';

/** A gold span; type IGNORE marks text that is neither credited nor penalised (e.g. a country). */
export interface GoldSpan {
  start: number;
  end: number;
  type: IdentifierType | 'IGNORE';
}

export interface EvalDoc {
  id: string;
  text: string;
  gold: GoldSpan[];
  /** PHI-like text the source itself carries, unannotated (see transcribed-notes-set.ts); IGNORE spans. */
  sourcePhi?: GoldSpan[];
}

/** Deterministic PRNG (mulberry32) so the evaluation set is the same every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stable split: FNV-1a of the id; 'heldout' for about a third of ids. Never tune on heldout. */
export function split(id: string): 'dev' | 'heldout' {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h % 3 === 0 ? 'heldout' : 'dev';
}
