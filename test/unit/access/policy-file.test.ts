import { describe, expect, it } from 'vitest';
import { accessPolicyFromFile, maxMinutesFor } from '../../../electron/core/access/policy';
import { defaultPolicy, loadPolicy } from '../../../electron/core/redaction/policy';

describe('access settings come from the policy file', () => {
  it('maps durations, approvers, review deadline and two-approver labels from the shipped policy', () => {
    const file = defaultPolicy();
    const p = accessPolicyFromFile(file.access);
    expect(p.defaultRequestMinutes).toBe(file.access.grantDuration.defaultMinutes);
    expect(p.maxRequestMinutes).toBe(file.access.grantDuration.maxMinutes);
    expect(p.breakGlassMinutes).toBe(file.access.breakGlass.defaultMinutes);
    expect(p.maxBreakGlassMinutes).toBe(file.access.breakGlass.maxMinutes);
    expect(p.reviewWithinDays).toBe(file.access.review.deadlineDays);
    expect(p.approverRoles).toEqual(file.access.approverRoles.roles);
    expect(p.twoApproverLabels).toEqual(file.access.twoApprover.labels);
    expect(p.privacyOfficerLabels).toEqual(file.access.privacyOfficerLabels.labels);
  });

  it('an administrator who edits the file changes what the access service enforces', () => {
    const raw = structuredClone(defaultPolicy()) as unknown as { access: { grantDuration: { defaultMinutes: number; maxMinutes: number; maxMinutesByLabel: Record<string, number> } } };
    raw.access.grantDuration = { ...raw.access.grantDuration, defaultMinutes: 30, maxMinutes: 120, maxMinutesByLabel: { HIV: 45 } };
    const p = accessPolicyFromFile(loadPolicy(raw).access);
    expect(p.defaultRequestMinutes).toBe(30);
    expect(maxMinutesFor(p, [])).toBe(120);
    expect(maxMinutesFor(p, ['PSY'])).toBe(120);
    expect(maxMinutesFor(p, ['PSY', 'HIV'])).toBe(45);
  });

  it('the tightest label cap wins; the shipped policy caps no label', () => {
    const shipped = accessPolicyFromFile(defaultPolicy().access);
    expect(maxMinutesFor(shipped, ['PSYTHPN', 'ETH'])).toBe(shipped.maxRequestMinutes);
    const p = { ...shipped, maxMinutesByLabel: { PSYTHPN: 60, ETH: 120 } };
    expect(maxMinutesFor(p, ['ETH'])).toBe(120);
    expect(maxMinutesFor(p, ['ETH', 'PSYTHPN', 'not-a-label'])).toBe(60);
  });
});
