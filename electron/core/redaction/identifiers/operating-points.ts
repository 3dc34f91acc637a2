/**
 * Operating points of the identifier finder: one detection pass gives every span a confidence, and an
 * operating point is the confidence a span needs to count. `disclosure` (physician queries, dispute
 * packets, de-identified export, `ntk phi scan`) takes every candidate: recall first. `viewing` (what
 * chart views mask) drops the weakest candidates, because a masked clinical word hides what a coder
 * must read. The policy names them (resources/policy/default.json `identifierOperatingPoints`); these
 * are the same figures, for callers without a policy.
 */
export const OPERATING_POINTS = ['disclosure', 'viewing'] as const;
export type OperatingPoint = (typeof OPERATING_POINTS)[number];

export const DEFAULT_THRESHOLDS: Readonly<Record<OperatingPoint, number>> = { disclosure: 0, viewing: 0.6 };

/** The spans that count at a threshold (a confidence of at least `min`). */
export function atThreshold<T extends { confidence: number }>(spans: readonly T[], min: number): T[] {
  return min > 0 ? spans.filter((s) => s.confidence >= min) : [...spans];
}
