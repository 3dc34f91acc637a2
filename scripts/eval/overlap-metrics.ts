/**
 * Span scoring as the PhysioNet deid scorer (stat.pm) does it: a gold PHI is found when any predicted
 * span overlaps it (category-blind); a predicted span is a true positive when it overlaps any gold PHI.
 * Recall per gold category, precision per predicted type; misses and false alarms are grouped into
 * error classes by category/type and the text's shape (letters a/A, digits 9, runs collapsed).
 */
import type { IdentifierSpan } from '../../shared/identifier-types';

export interface OverlapGold {
  start: number;
  end: number;
  category: string;
}

interface Counts {
  hit: number;
  total: number;
}
const r3 = (n: number) => Math.round(n * 1000) / 1000;

/** "Smith" → "Aa", "green" → "a", "8/23" → "9/9", "SMITH, JOHN" → "A, A". */
export function shape(s: string): string {
  const mapped = s
    .slice(0, 40)
    .replace(/\p{Lu}/gu, 'A')
    .replace(/\p{Ll}/gu, 'a')
    .replace(/\d/g, '9')
    .replace(/\s+/g, ' ');
  return mapped.replace(/(.)\1+/g, '$1').slice(0, 16);
}

export class OverlapScorer {
  private readonly goldBy = new Map<string, Counts>();
  private readonly predBy = new Map<string, Counts>();
  readonly missClasses = new Map<string, { n: number; examples: string[] }>();
  readonly alarmClasses = new Map<string, { n: number; examples: string[] }>();

  /** `neutral`: text neither credited nor penalised (a prediction over it is left out). */
  add(text: string, gold: OverlapGold[], spans: readonly IdentifierSpan[], neutral: readonly { start: number; end: number }[] = []): void {
    const sorted = spans.filter((p) => !neutral.some((g) => g.start < p.end && g.end > p.start) || gold.some((g) => g.start < p.end && g.end > p.start));
    const overlaps = (s: number, e: number) => sorted.some((p) => p.start < e && p.end > s);
    for (const g of gold) {
      const c = this.get(this.goldBy, g.category);
      c.total++;
      if (overlaps(g.start, g.end)) c.hit++;
      else this.note(this.missClasses, `${g.category} ${shape(text.slice(g.start, g.end))}`, context(text, g.start, g.end));
    }
    for (const p of sorted) {
      const c = this.get(this.predBy, p.type);
      c.total++;
      if (gold.some((g) => g.start < p.end && g.end > p.start)) c.hit++;
      else this.note(this.alarmClasses, `${p.type} ${shape(p.text)}`, context(text, p.start, p.end));
    }
  }

  private get(map: Map<string, Counts>, k: string): Counts {
    let c = map.get(k);
    if (!c) map.set(k, (c = { hit: 0, total: 0 }));
    return c;
  }

  private note(map: Map<string, { n: number; examples: string[] }>, k: string, example: string): void {
    let c = map.get(k);
    if (!c) map.set(k, (c = { n: 0, examples: [] }));
    c.n++;
    if (c.examples.length < 3) c.examples.push(example);
  }

  report(topClasses = 8) {
    const sum = (m: Map<string, Counts>) => [...m.values()].reduce((a, c) => ({ hit: a.hit + c.hit, total: a.total + c.total }), { hit: 0, total: 0 });
    const g = sum(this.goldBy);
    const p = sum(this.predBy);
    const recall = g.total ? g.hit / g.total : 1;
    const precision = p.total ? p.hit / p.total : 1;
    const top = (m: Map<string, { n: number }>) =>
      [...m.entries()]
        .sort((a, b) => b[1].n - a[1].n)
        .slice(0, topClasses)
        .map(([k, v]) => `${v.n} ${k}`);
    return {
      gold: g.total,
      predicted: p.total,
      recall: r3(recall),
      precision: r3(precision),
      f1: r3(recall + precision ? (2 * recall * precision) / (recall + precision) : 0),
      recall_by_gold_type: Object.fromEntries([...this.goldBy.entries()].sort().map(([k, c]) => [k, `${r3(c.hit / c.total)} (${c.hit}/${c.total})`])),
      precision_by_predicted_type: Object.fromEntries([...this.predBy.entries()].sort().map(([k, c]) => [k, `${r3(c.hit / c.total)} (${c.hit}/${c.total})`])),
      top_miss_classes: top(this.missClasses),
      top_false_alarm_classes: top(this.alarmClasses),
    };
  }
}

function context(text: string, s: number, e: number): string {
  return `${text.slice(Math.max(0, s - 30), s)}[[${text.slice(s, e)}]]${text.slice(e, e + 30)}`.replace(/\s+/g, ' ');
}
