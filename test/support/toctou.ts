/**
 * Time-of-check / time-of-use: every `use` works before `change` (so the test can fail), and every
 * one is refused after it, with one of the expected codes and a reply that carries none of the
 * given strings. Used across capabilities (charts, queries, packets, grants).
 */
import { expect } from 'vitest';
import type { Result } from '../../shared/result';

export interface RefusedAfterOptions {
  /** Acceptable refusal codes after the change. */
  refusedWith: string[];
  /** Text that must not be in any reply after the change (PHI the use would have returned). */
  mustNotContain?: string[];
  /** Skip the "works before" run (for uses that may run only once, e.g. an export). */
  noBeforeRun?: boolean;
}

export async function refusedAfter(change: () => unknown, uses: Array<() => Promise<Result<unknown>>>, o: RefusedAfterOptions): Promise<void> {
  if (!o.noBeforeRun) {
    const before = await Promise.all(uses.map((u) => u()));
    expect(before.map((r) => (r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`))).toEqual(uses.map(() => 'ok'));
  }
  await change();
  for (const use of uses) {
    const r = await use();
    expect(r.ok ? 'ok' : r.error.code).toSatisfy((c: string) => o.refusedWith.includes(c));
    const text = JSON.stringify(r);
    for (const s of o.mustNotContain ?? []) expect(text).not.toContain(s);
  }
}
