/**
 * Time, injected. Wall time stamps records; the monotonic clock measures idle
 * time and expiries, so changing the system clock neither extends nor ends them.
 */
export interface Clock {
  /** Wall-clock time, for timestamps people read. */
  now(): Date;
  /** Milliseconds from an arbitrary origin that only moves forward. */
  monotonicMs(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
};

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2026-01-05T09:00:00Z')): Clock & { advance(ms: number): void; setWall(ms: number): void } {
  let wall = start;
  let mono = 0;
  return {
    now: () => new Date(wall),
    monotonicMs: () => mono,
    advance(ms) {
      wall += ms;
      mono += ms;
    },
    setWall(ms) {
      wall = ms;
    },
  };
}
