import { describe, expect, it } from 'vitest';
import { inParallel } from '../support/concurrency';

describe('inParallel (test/support/concurrency.ts)', () => {
  it('starts every call before any finishes and tallies replies, refusals and throws by code', async () => {
    let started = 0;
    let startedWhenFirstFinished = -1;
    const r = await inParallel(6, async (i) => {
      started++;
      await new Promise((res) => setTimeout(res, 5));
      if (startedWhenFirstFinished < 0) startedWhenFirstFinished = started;
      if (i === 0) return { ok: true, value: 1 };
      if (i === 1) return { ok: false, error: { code: 'THROTTLED', message: '' } };
      if (i === 2) throw Object.assign(new Error('x'), { code: 'AUTH_FAILED' });
      if (i === 3) throw new Error('no code');
      if (i === 4) return { ok: false, error: {} };
      return 'a plain value';
    });
    expect(startedWhenFirstFinished).toBe(6);
    expect(r.outcomes).toEqual(['ok', 'THROTTLED', 'AUTH_FAILED', 'threw', 'threw', 'ok']);
    expect(r.counts).toEqual({ ok: 2, THROTTLED: 1, AUTH_FAILED: 1, threw: 2 });
    expect(r.count('NOT_FOUND')).toBe(0);
    expect(r.indicesOf('threw')).toEqual([3, 4]);
  });
});
