import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makePerson, npiFrom, PRACTITIONERS, FACILITIES } from '../../../electron/core/ingest/synthetic/people';
import { Prng } from '../../../electron/core/ingest/synthetic/prng';
import { npiValid, ssnValid } from '../../../electron/core/redaction/identifiers/checksums';

describe('demo generator building blocks', () => {
  it('Prng: same seed, same stream; forks are independent of later draws; ranges hold', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    expect(Array.from({ length: 50 }, () => a.nextU32())).toEqual(Array.from({ length: 50 }, () => b.nextU32()));
    expect(new Prng(1).nextU32()).not.toBe(new Prng(2).nextU32());
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 100 }), (seed, lo, span) => {
        const r = new Prng(seed);
        for (let i = 0; i < 20; i++) {
          const v = r.int(lo, lo + span);
          expect(v).toBeGreaterThanOrEqual(lo);
          expect(v).toBeLessThanOrEqual(lo + span);
          const x = r.next();
          expect(x >= 0 && x < 1).toBe(true);
        }
      }),
    );
    const counts = new Array(10).fill(0);
    const r = new Prng(7);
    for (let i = 0; i < 10_000; i++) counts[r.int(0, 9)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });

  it('NPIs pass the Luhn check with prefix 80840; SSNs follow issuance rules', () => {
    fc.assert(fc.property(fc.integer({ min: 100_000_000, max: 299_999_999 }), (n) => npiValid(npiFrom(String(n)))));
    for (const p of [...PRACTITIONERS, ...FACILITIES]) expect(npiValid(p.npi), p.name).toBe(true);
    const rng = new Prng(3);
    for (let i = 0; i < 200; i++) {
      const p = makePerson(rng, i, new Date(Date.UTC(2025, 5, 30)));
      const [area, group, serial] = p.ssn.split('-');
      expect(ssnValid(area!, group!, serial!)).toBe(true);
      expect(p.mrn).toMatch(/^\d{8}$/);
      expect(p.phone).toMatch(/^\(\d{3}\) \d{3}-\d{4}$/);
    }
  });
});
