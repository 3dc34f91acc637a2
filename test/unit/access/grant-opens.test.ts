/**
 * Properties of the one definition of what a grant opens (access/grant-opens.ts):
 *  - isWithin (scope.ts) agrees with it both ways: a narrowing it accepts opens, for every item, no
 *    more than the scope it narrows; one it refuses opens some item the wider scope does not;
 *  - through the view builder's decide() (decide.ts), a narrowed grant makes visible a subset of
 *    what the unnarrowed grant makes visible, for random policies, sections, labels and task codes;
 *  - a grant opens no label its approvers were not entitled to, whatever its scope.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GRANT_LABELS, type ActiveGrant, type GrantLabel, type GrantScope } from '../../../shared/access-types';
import { PURPOSES, type Purpose } from '../../../shared/purposes';
import { scopeCovers, scopeOpensLabel, scopeOpensSection } from '../../../electron/core/access/grant-opens';
import { DEFAULT_ACCESS_POLICY, entitledLabels } from '../../../electron/core/access/policy';
import { isWithin, normalizeScope } from '../../../electron/core/access/scope';
import { defaultPolicy, loadPolicy, type Policy } from '../../../electron/core/redaction/policy';
import { decide, grantsCovering } from '../../../electron/core/redaction/views/decide';
import type { ViewRequest } from '../../../electron/core/redaction/views/types';

const CODES = ['10164-2', '29762-2', 'unknown'];
/** Codes items may carry: the scopes' codes and one no scope names. */
const ITEM_CODES = [...CODES, '51847-2'];
const ENCOUNTERS = [1, 2];
const DAYS = ['2024-03-01', '2024-03-10', '2024-03-20'];

const scopeArb: fc.Arbitrary<GrantScope> = fc
  .record({
    encounterId: fc.option(fc.constantFrom(...ENCOUNTERS), { nil: undefined }),
    dates: fc.option(fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS)), { nil: undefined }),
    sectionCodes: fc.oneof(fc.constant<string[]>([]), fc.subarray(CODES)),
    labels: fc.oneof(fc.constant<string[]>([]), fc.subarray([...GRANT_LABELS] as string[], { maxLength: 3 })),
  })
  .map(({ encounterId, dates, sectionCodes, labels }) => {
    const [from, to] = dates ? [...dates].sort() : [undefined, undefined];
    return normalizeScope({ patientId: 1, ...(encounterId !== undefined ? { encounterId } : {}), ...(from ? { from, to } : {}), sectionCodes, labels: labels as GrantLabel[] });
  });

/** Every kind of item a scope can tell apart: encounter (or none), date (or none), code (or a structured item), label. */
const ITEMS = (() => {
  const out: Array<{ encounterId: number | null; date: string | null; loinc: string | null; label: GrantLabel }> = [];
  const days = [null, '2024-02-28', ...DAYS, '2024-03-05', '2024-03-15', '2024-03-25'];
  for (const encounterId of [null, ...ENCOUNTERS, 3])
    for (const date of days) for (const loinc of [null, ...ITEM_CODES]) for (const label of GRANT_LABELS) out.push({ encounterId, date, loinc, label });
  return out;
})();

type Item = (typeof ITEMS)[number];
const opensSectionAt = (s: GrantScope, i: Item) => i.loinc !== null && scopeCovers(s, i.encounterId, i.date) && scopeOpensSection(s, i.loinc);
const opensLabelAt = (s: GrantScope, i: Item) => scopeCovers(s, i.encounterId, i.date) && scopeOpensLabel(s, i.loinc, i.label);
/** An item the narrow scope opens and the wide one does not (the witness that a narrowing widened). */
const widening = (narrow: GrantScope, wide: GrantScope) =>
  ITEMS.find((i) => (opensSectionAt(narrow, i) && !opensSectionAt(wide, i)) || (opensLabelAt(narrow, i) && !opensLabelAt(wide, i)));

describe('isWithin agrees with what a scope opens', () => {
  it('accepts a narrowing exactly when it opens nothing the wider scope does not', () => {
    fc.assert(
      fc.property(scopeArb, scopeArb, (narrow, wide) => {
        const witness = widening(narrow, wide);
        expect(isWithin(narrow, wide), JSON.stringify({ narrow, wide, witness })).toBe(witness === undefined);
      }),
      { numRuns: 1500 },
    );
  });

  it('a whole-encounter scope narrowed to psychotherapy notes (by label) is refused: a whole scope never opens them', () => {
    const whole = { patientId: 1, encounterId: 1 };
    expect(isWithin({ ...whole, labels: ['PSYTHPN'] }, whole)).toBe(false);
    expect(isWithin({ ...whole, labels: ['PSYTHPN', 'PSY'] }, whole)).toBe(false);
    // Narrowing to sections or to other labels stays possible.
    expect(isWithin({ ...whole, sectionCodes: ['unknown'] }, whole)).toBe(true);
    expect(isWithin({ ...whole, labels: ['PSY'] }, whole)).toBe(true);
  });
});

const MODES = ['show', 'withhold'] as const;
const policyVariant = fc.record({
  purpose: fc.constantFrom(...PURPOSES),
  allow: fc.oneof(fc.constant<string[]>(['*']), fc.subarray(ITEM_CODES, { minLength: 1 })),
  withheld: fc.subarray([...GRANT_LABELS]),
  taskRelated: fc.constantFrom(...MODES),
  psychotherapy: fc.constantFrom(...MODES),
});

function policyFrom(v: { purpose: Purpose; allow: string[]; withheld: string[]; taskRelated: 'show' | 'withhold'; psychotherapy: 'show' | 'withhold' }): Policy {
  const json = JSON.parse(JSON.stringify(defaultPolicy())) as Policy;
  const pp = json.purposes[v.purpose];
  pp.sections.allow = v.allow;
  pp.sections.deny = [];
  pp.labels.withheld = v.withheld as never;
  pp.labels.taskRelated = v.taskRelated;
  pp.psychotherapyNotes = v.psychotherapy;
  return loadPolicy(json);
}

const sectionArb = fc.record({
  encounterId: fc.constantFrom(...ENCOUNTERS),
  date: fc.constantFrom(null, ...DAYS, '2024-03-15'),
  loinc: fc.constantFrom(...ITEM_CODES),
  labels: fc.oneof(fc.constant(['PSYTHPN' as GrantLabel]), fc.subarray([...GRANT_LABELS], { maxLength: 3 })),
  structured: fc.boolean(),
});

/** What an approver's narrowing does (decideAccess): the request's scope with some of its lists or dates replaced. */
const narrowingOf = (wide: GrantScope): fc.Arbitrary<GrantScope> =>
  fc
    .record({
      sectionCodes: fc.option(fc.subarray(CODES), { nil: undefined }),
      labels: fc.option(fc.subarray([...GRANT_LABELS], { maxLength: 3 }), { nil: undefined }),
      dates: fc.option(fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS)), { nil: undefined }),
    })
    .map(({ sectionCodes, labels, dates }) => {
      const [from, to] = dates ? [...dates].sort() : [wide.from, wide.to];
      return normalizeScope({ ...wide, from, to, ...(sectionCodes ? { sectionCodes } : {}), ...(labels ? { labels: labels as GrantLabel[] } : {}) });
    });

describe('decide(): a narrowed grant shows a subset of what the unnarrowed grant shows', () => {
  it('for random policies, scopes, narrowings, sections, labels, task codes and entitlements', () => {
    fc.assert(
      fc.property(
        policyVariant,
        scopeArb.chain((wide) => fc.tuple(fc.constant(wide), fc.oneof(narrowingOf(wide), scopeArb))),
        fc.array(sectionArb, { minLength: 1, maxLength: 6 }),
        fc.subarray([...GRANT_LABELS]),
        fc.subarray([...GRANT_LABELS]),
        fc.constantFrom('request' as const, 'break_glass' as const),
        (variant, [wide, narrowCandidate], sections, task, entitled, kind) => {
          const policy = policyFrom(variant);
          const grant = (scope: GrantScope): ActiveGrant => ({ id: 1, userId: 5, purpose: variant.purpose, kind, scope, entitledLabels: entitled as GrantLabel[] });
          const req = (g: ActiveGrant[]): ViewRequest => ({ policy, purpose: variant.purpose, role: 'coder', userId: 5, patientId: 1, encounterId: 1, taskLabels: new Set(task), grants: g });
          const visible = (g: ActiveGrant[]) =>
            sections.map((s) => decide(req(g), s.structured ? null : s.loinc, s.labels, grantsCovering(g, s.encounterId, s.date)).visible);
          const none = visible([]);
          const underWide = visible([grant(wide)]);
          // A grant only ever adds to what the policy shows.
          none.forEach((v, i) => v && expect(underWide[i]).toBe(true));
          if (!isWithin(narrowCandidate, wide)) return;
          const underNarrow = visible([grant(narrowCandidate)]);
          underNarrow.forEach((v, i) => v && expect(underWide[i], JSON.stringify({ wide, narrowCandidate, section: sections[i] })).toBe(true));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('a grant opens no label beyond its approvers entitlement, and a supervisor alone is not entitled to V labels', () => {
    const supervisorOnly = entitledLabels(DEFAULT_ACCESS_POLICY, ['supervisor']);
    expect(supervisorOnly).not.toContain('ETH');
    expect(supervisorOnly).not.toContain('PSYTHPN');
    expect(entitledLabels(DEFAULT_ACCESS_POLICY, ['supervisor', 'privacy_officer'])).toEqual([...GRANT_LABELS]);
    const twoFor = { ...DEFAULT_ACCESS_POLICY, twoApproverLabels: ['HIV' as const] };
    expect(entitledLabels(twoFor, ['privacy_officer'])).not.toContain('HIV');
    expect(entitledLabels(twoFor, ['supervisor', 'privacy_officer'])).toContain('HIV');

    fc.assert(
      fc.property(policyVariant, scopeArb, sectionArb, fc.subarray([...GRANT_LABELS]), (variant, scope, s, entitled) => {
        const policy = policyFrom({ ...variant, allow: ['*'] });
        const g: ActiveGrant = { id: 1, userId: 5, purpose: variant.purpose, kind: 'request', scope, entitledLabels: entitled as GrantLabel[] };
        const req: ViewRequest = { policy, purpose: variant.purpose, role: 'coder', userId: 5, patientId: 1, encounterId: 1, taskLabels: new Set(), grants: [g] };
        const d = decide(req, s.loinc, s.labels, grantsCovering([g], s.encounterId, s.date));
        const pp = policy.purposes[variant.purpose];
        const closed = s.labels.filter((l) => (l === 'PSYTHPN' ? pp.psychotherapyNotes !== 'show' : pp.labels.withheld.includes(l)));
        // Visible only if every label the policy closes is one the approvers were entitled to.
        if (d.visible) expect(closed.every((l) => entitled.includes(l))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
