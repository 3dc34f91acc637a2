/**
 * The idle lock's main-process half. A window's real keyboard and mouse input, as Electron's main
 * process sees it (`before-input-event`, `before-mouse-event`), counts as the user's activity; the
 * renderer's own reports then no longer do (see core/auth/sessions.ts), so a renderer that never
 * reports, or reports activity it never had, cannot keep a session open. A timer locks sessions
 * idle past the limit whether or not the window calls, and reloads that window so nothing it
 * showed stays in memory or on screen: it starts again at the lock screen.
 */
import type { WebContents } from 'electron';

/** The session key the IPC adapter gives a window's calls (adapters/ipc.ts). */
export const windowSessionKey = (webContentsId: number): string => `wc:${webContentsId}`;

export interface IdleAuth {
  sessions: { watchInput(key: string): void; touch(key: string, from: 'input'): void };
  callerGone(key: string): void;
  lockIdle(): string[];
}

type Contents = Pick<WebContents, 'id'> & {
  on(event: 'before-input-event' | 'before-mouse-event', listener: () => void): unknown;
  once(event: 'destroyed', listener: () => void): unknown;
};

/** Counts `contents`' input as activity for its session, and ends that session when it is destroyed. */
export function watchWindowInput(contents: Contents, auth: IdleAuth): void {
  const key = windowSessionKey(contents.id);
  auth.sessions.watchInput(key);
  const touch = () => auth.sessions.touch(key, 'input');
  contents.on('before-input-event', touch);
  contents.on('before-mouse-event', touch);
  contents.once('destroyed', () => auth.callerGone(key));
}

export const IDLE_SWEEP_MS = 15_000;

/** Every `everyMs`, locks idle sessions and reloads their windows; returns the stop function. */
export function startIdleSweep(auth: IdleAuth, windowOf: (webContentsId: number) => Pick<WebContents, 'reload'> | undefined, everyMs = IDLE_SWEEP_MS): () => void {
  const sweep = () => {
    for (const key of auth.lockIdle()) {
      const m = /^wc:(\d+)$/.exec(key);
      if (m) windowOf(Number(m[1]))?.reload();
    }
  };
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
