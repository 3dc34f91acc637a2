import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atOperatingPoint, DEFAULT_THRESHOLDS, detectIdentifiers, OPERATING_POINTS, THRESHOLDED_TYPES } from '../../../../electron/core/redaction/identifiers/index';
import { IDENTIFIER_TYPES } from '../../../../shared/identifier-types';
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
    expect(viewing).toEqual(all.filter((s) => !THRESHOLDED_TYPES.has(s.type) || s.confidence >= DEFAULT_THRESHOLDS.viewing));
    expect(viewing.length).toBeLessThan(all.length);
    expect(detectIdentifiers(text, { operatingPoint: 'viewing', thresholds: { viewing: 0 } })).toEqual(all);
    expect(detectIdentifiers(text, { minConfidence: 0.99 })).toEqual([]);
  });

  it('viewing drops weak names, places and dates only: an unlabelled number, a bare digit group and a weak id stay', () => {
    const text = 'Seen in clinic in March. PMH: CABG 1962. Ticket 7340192 reviewed. ID 4417 2290 31 noted. Case ZX-40117 opened.';
    const all = detectIdentifiers(text).map((s) => [s.text, s.type]);
    // The finder's own weak candidates (this test pins what views rely on: all below the viewing threshold).
    expect(all).toEqual([
      ['March', 'DATE'],
      ['1962', 'DATE'],
      ['7340192', 'OTHER_ID'],
      ['4417 2290 31', 'PHONE'],
      ['ZX-40117', 'OTHER_ID'],
    ]);
    expect(detectIdentifiers(text).every((s) => s.confidence < DEFAULT_THRESHOLDS.viewing)).toBe(true);
    expect(detectIdentifiers(text, { operatingPoint: 'viewing' }).map((s) => s.text)).toEqual(['7340192', '4417 2290 31', 'ZX-40117']);
  });

  it('at any threshold, only the name, place and date types are ever dropped, and a span of unknown strength counts', () => {
    expect([...THRESHOLDED_TYPES].sort()).toEqual(['DATE', 'FACILITY_NAME', 'LOCATION', 'NAME', 'PROVIDER_NAME']);
    const span = fc.record({ type: fc.constantFrom(...IDENTIFIER_TYPES), confidence: fc.double({ min: 0, max: 1, noNaN: true }), start: fc.nat(), end: fc.nat() });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), (spans, viewing) => {
        const kept = atOperatingPoint(spans, 'viewing', { viewing });
        expect(kept).toEqual(spans.filter((s) => !THRESHOLDED_TYPES.has(s.type) || s.confidence >= viewing));
        expect(atOperatingPoint(spans, 'disclosure', { viewing })).toEqual(spans);
      }),
    );
    const unknown = [{ type: 'NAME' as const, confidence: undefined as unknown as number }];
    expect(atOperatingPoint(unknown, 'viewing')).toEqual(unknown);
  });
});
