import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, detectIdentifiers, OPERATING_POINTS } from '../../../../electron/core/redaction/identifiers/index';
import { defaultPolicy, loadPolicy, PolicyError } from '../../../../electron/core/redaction/policy/index';
import raw from '../../../../resources/policy/default.json' with { type: 'json' };

describe('identifier operating points', () => {
  it('are named in the policy, with the thresholds the finder defaults to', () => {
    const p = defaultPolicy().identifierOperatingPoints!;
    expect(p.id).toBe('ID-OP');
    for (const point of OPERATING_POINTS) expect(p[point]).toBe(DEFAULT_THRESHOLDS[point]);
    expect(p.disclosure).toBeLessThan(p.viewing);
  });

  it('a policy threshold outside [0, 1] is a startup error naming the field', () => {
    const bad = { ...raw, identifierOperatingPoints: { ...raw.identifierOperatingPoints, viewing: 2 } };
    expect(() => loadPolicy(bad)).toThrow(PolicyError);
    expect(() => loadPolicy(bad)).toThrow(/identifierOperatingPoints\.viewing/);
  });

  it('one pass: viewing keeps the disclosure spans at or above its threshold, and a caller may pass its own thresholds', () => {
    const text = 'Transferred to MWH on 8/23. PMH: CABG 1962. son timothy at bedside. Dr. Fenwick aware.';
    const all = detectIdentifiers(text);
    const viewing = detectIdentifiers(text, { operatingPoint: 'viewing' });
    expect(viewing).toEqual(all.filter((s) => s.confidence >= DEFAULT_THRESHOLDS.viewing));
    expect(viewing.length).toBeLessThan(all.length);
    expect(detectIdentifiers(text, { operatingPoint: 'viewing', thresholds: { viewing: 0 } })).toEqual(all);
    expect(detectIdentifiers(text, { minConfidence: 0.99 })).toEqual([]);
  });
});
