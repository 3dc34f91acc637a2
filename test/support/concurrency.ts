/**
 * "N parallel calls on one backend": starts every call in the same tick (so they interleave at
 * each await, as a hostile renderer's burst would), waits for all with Promise.allSettled, and
 * tallies the outcomes. An outcome is 'ok', or the error code of a `{ok:false}` reply or of a
 * thrown `{code}` (what TestBackend.as throws), or 'threw' for anything else.
 */
export type Outcome = string;

export interface Tally<T> {
  /** Each call's outcome, in the order the calls were started. */
  outcomes: Outcome[];
  /** How many calls ended with each outcome. */
  counts: Record<Outcome, number>;
  /** The settled results, in order. */
  settled: PromiseSettledResult<T>[];
  /** How many calls ended with `outcome` (0 when none). */
  count(outcome: Outcome): number;
  /** The indices of the calls that ended with `outcome`. */
  indicesOf(outcome: Outcome): number[];
}

const codeOf = (v: unknown): string | undefined => {
  const c = (v as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
};

/** The outcome of one settled call (see the module comment). */
export function outcomeOf(r: PromiseSettledResult<unknown>): Outcome {
  if (r.status === 'rejected') return codeOf(r.reason) ?? 'threw';
  const v = r.value as { ok?: unknown; error?: unknown } | null;
  if (v && typeof v === 'object' && v.ok === false) return codeOf(v.error) ?? 'threw';
  return 'ok';
}

/** Starts `n` calls at once (`start(i)` for i = 0 … n-1) and tallies how they ended. */
export async function inParallel<T>(n: number, start: (i: number) => Promise<T>): Promise<Tally<T>> {
  const settled = await Promise.allSettled(Array.from({ length: n }, (_, i) => start(i)));
  const outcomes = settled.map(outcomeOf);
  const counts: Record<Outcome, number> = {};
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
  return {
    outcomes,
    counts,
    settled,
    count: (o) => counts[o] ?? 0,
    indicesOf: (o) => outcomes.flatMap((x, i) => (x === o ? [i] : [])),
  };
}
