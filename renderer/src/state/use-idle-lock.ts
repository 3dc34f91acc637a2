import { useEffect } from 'react';
import { call } from '../../api';
import { useSession } from './session-store';

const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const REPORT_EVERY_MS = 30_000;

/**
 * Reports real input to the main process (at most every 30 s), which owns the
 * idle timer, and asks it for the session state when the idle limit passes —
 * so the lock screen appears, and PHI is dropped, without waiting for a click.
 */
export function useIdleLock(active: boolean, idleMinutes: number): void {
  useEffect(() => {
    if (!active) return;
    // The main process counts idle time from the last *reported* input, so this does too:
    // the screen never stays unlocked longer than the session does.
    let lastReport = Date.now();
    const onInput = () => {
      const now = Date.now();
      if (now - lastReport >= REPORT_EVERY_MS) {
        lastReport = now;
        void call('recordActivity', {}).catch(() => undefined);
      }
    };
    const idleMs = idleMinutes * 60_000;
    const timer = window.setInterval(() => {
      if (Date.now() - lastReport >= idleMs) void useSession.getState().refresh();
    }, 5_000);
    for (const ev of INPUT_EVENTS) window.addEventListener(ev, onInput, { passive: true, capture: true });
    return () => {
      window.clearInterval(timer);
      for (const ev of INPUT_EVENTS) window.removeEventListener(ev, onInput, { capture: true });
    };
  }, [active, idleMinutes]);
}
