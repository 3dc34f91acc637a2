/**
 * Token-level scoring: a token (run of letters or digits) is PHI if a gold span covers it. Recall is
 * type-blind (a name masked as a place is still masked); per-type recall is by gold type, per-type
 * precision by predicted type. Tokens under IGNORE spans count for nothing.
 */
import type { IdentifierSpan } from '../../shared/identifier-types';
import type { EvalDoc } from './types';

interface Counts {
  tp: number;
  fn: number;
  fp: number;
}
const zero = (): Counts => ({ tp: 0, fn: 0, fp: 0 });
const r3 = (n: number) => Math.round(n * 1000) / 1000;

export class Scorer {
  overall = zero();
  typed = { same: 0, covered: 0 };
  byGold = new Map<string, Counts>();
  byPred = new Map<string, Counts>();
  falsePositives = new Map<string, number>();
  falseNegatives = new Map<string, number>();

  add(doc: EvalDoc, spans: IdentifierSpan[]): void {
    for (const m of doc.text.matchAll(/[\p{L}\p{N}]+/gu)) {
      const s = m.index;
      const e = s + m[0].length;
      const golds = doc.gold.filter((g) => g.start < e && g.end > s);
      const gold = golds.find((g) => g.type !== 'IGNORE') ?? golds[0];
      const pred = spans.find((p) => p.start < e && p.end > s);
      if (gold?.type === 'IGNORE') continue;
      if (gold) {
        const g = this.get(this.byGold, gold.type);
        if (pred) {
          this.overall.tp++;
          g.tp++;
          this.get(this.byPred, pred.type).tp++;
          this.typed.covered++;
          if (pred.type === gold.type) this.typed.same++;
        } else {
          this.overall.fn++;
          g.fn++;
          const key = `${gold.type}: ${doc.text.slice(gold.start, gold.end)}`;
          this.falseNegatives.set(key, (this.falseNegatives.get(key) ?? 0) + 1);
        }
      } else if (pred) {
        this.overall.fp++;
        this.get(this.byPred, pred.type).fp++;
        const key = `${pred.type}: ${pred.text}`;
        this.falsePositives.set(key, (this.falsePositives.get(key) ?? 0) + 1);
      }
    }
  }

  private get(map: Map<string, Counts>, k: string): Counts {
    let c = map.get(k);
    if (!c) map.set(k, (c = zero()));
    return c;
  }

  report() {
    const { tp, fn, fp } = this.overall;
    const perType: Record<string, { gold_tokens: number; recall: number | null; pred_tokens: number; precision: number | null }> = {};
    for (const k of new Set([...this.byGold.keys(), ...this.byPred.keys()])) {
      const g = this.byGold.get(k) ?? zero();
      const p = this.byPred.get(k) ?? zero();
      perType[k] = {
        gold_tokens: g.tp + g.fn,
        recall: g.tp + g.fn ? r3(g.tp / (g.tp + g.fn)) : null,
        pred_tokens: p.tp + p.fp,
        precision: p.tp + p.fp ? r3(p.tp / (p.tp + p.fp)) : null,
      };
    }
    return {
      tokens: { gold: tp + fn, predicted: tp + fp },
      recall: r3(tp / Math.max(1, tp + fn)),
      precision: r3(tp / Math.max(1, tp + fp)),
      f1: r3((2 * tp) / Math.max(1, 2 * tp + fp + fn)),
      type_agreement: r3(this.typed.same / Math.max(1, this.typed.covered)),
      per_type: Object.fromEntries(Object.entries(perType).sort()),
    };
  }

  top(map: Map<string, number>, n: number): [string, number][] {
    return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  }
}
