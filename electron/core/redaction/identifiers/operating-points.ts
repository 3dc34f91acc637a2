/**
 * Operating points of the identifier finder: one detection pass gives every span a confidence, and an
 * operating point is the confidence a span needs to count. `disclosure` (physician queries, dispute
 * packets, de-identified export, `ntk phi scan`) takes every candidate: recall first. `viewing` (what
 * chart views mask) drops the weakest candidates, because a masked clinical word hides what a coder
 * must read. The policy names them (resources/policy/default.json `identifierOperatingPoints`); these
 * are the same figures, for callers without a policy.
 *
 * The viewing threshold is type-aware: it applies only to the WORD-LIKE types, whose weak candidates
 * are ordinary words or bare calendar words a coder must read (a year alone, a month name alone, a
 * capitalised clinical word taken for a name or a place): NAME, PROVIDER_NAME, FACILITY_NAME,
 * LOCATION and DATE (every full date the finder knows is found at 0.6 or more, so the viewing point
 * drops only the bare years, months, ordinals and "9/10"-style scores). Every other type
 * (PHONE, FAX, SSN, MRN, HEALTH_PLAN_ID, ACCOUNT_NUMBER, OTHER_ID, CLAIM_NUMBER, NPI, ZIP, ADDRESS,
 * EMAIL, URL, AGE_OVER_89 ...) counts at every operating point whatever its confidence: an
 * unlabelled 6+ digit number or a phone-like digit group sits at 0.5 too, and showing it would
 * show an identifier, not a clinical word. The list is fixed here, not in the policy, so no policy
 * figure can unmask a number.
 */
import type { IdentifierType } from '../../../../shared/identifier-types';

export const OPERATING_POINTS = ['disclosure', 'viewing'] as const;
export type OperatingPoint = (typeof OPERATING_POINTS)[number];

export const DEFAULT_THRESHOLDS: Readonly<Record<OperatingPoint, number>> = { disclosure: 0, viewing: 0.6 };

/** The types an operating point's threshold may drop (see above); all others always count. */
export const THRESHOLDED_TYPES: ReadonlySet<IdentifierType> = new Set<IdentifierType>(['NAME', 'PROVIDER_NAME', 'FACILITY_NAME', 'LOCATION', 'DATE']);

/** The spans that count at a threshold (a confidence of at least `min`), whatever their type. */
export function atThreshold<T extends { confidence: number }>(spans: readonly T[], min: number): T[] {
  return min > 0 ? spans.filter((s) => s.confidence >= min) : [...spans];
}

/**
 * The spans that count at an operating point: a span of a THRESHOLDED_TYPES type needs the point's
 * threshold; any other span always counts. A span without a numeric confidence (a row stored before
 * confidences were) counts: unknown strength is masked, never shown.
 */
export function atOperatingPoint<T extends { type: IdentifierType; confidence: number }>(
  spans: readonly T[],
  point: OperatingPoint,
  thresholds: Partial<Record<OperatingPoint, number>> = DEFAULT_THRESHOLDS,
): T[] {
  const min = thresholds[point] ?? DEFAULT_THRESHOLDS[point];
  if (!(min > 0)) return [...spans];
  return spans.filter((s) => !THRESHOLDED_TYPES.has(s.type) || typeof s.confidence !== 'number' || !(s.confidence < min));
}
