import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startIdleSweep, watchWindowInput, windowSessionKey } from '../../../electron/adapters/idle-input';
import { guardedHandler } from '../../../electron/adapters/ipc';
import { withUsers } from '../../support/backend';
import { signIn } from '../../support/sign-in';

/** The idle lock does not depend on the renderer: the main process sees input and locks on its own. */

const MIN = 60_000;

/** A stand-in for a window's webContents: an event emitter with an id (Electron does not run under vitest). */
const fakeContents = (id: number) => Object.assign(new EventEmitter(), { id, reloads: 0, reload() { this.reloads++; } });

const idleLocks = (t: Awaited<ReturnType<typeof withUsers>>) =>
  (t.backend.store.db.prepare("SELECT count(*) AS n FROM audit_event WHERE event_type = 'session.lock' AND detail LIKE '%idle%'").get() as { n: number }).n;

describe('idle lock without the renderer', () => {
  it('locks a session whose renderer never reports or calls, from the main-process sweep', async () => {
    const t = await withUsers([['carol', 'coder']]);
    await signIn(t, 'cw', 'carol');
    t.clock.advance(14 * MIN);
    expect(t.backend.auth.lockIdle()).toEqual([]);
    t.clock.advance(1 * MIN);
    expect(t.backend.auth.lockIdle()).toEqual(['admin', 'cw']); // no call came in from either window
    expect(idleLocks(t)).toBe(2);
    expect(t.backend.auth.lockIdle()).toEqual([]); // once
    expect(await t.raw('cw')('storeStatus', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });

  it("ignores a watched window's own activity reports: only input the main process saw keeps the session open", async () => {
    const t = await withUsers([['carol', 'coder']]);
    const win = fakeContents(7);
    const key = windowSessionKey(7);
    watchWindowInput(win, t.backend.auth);
    await signIn(t, key, 'carol');
    // Main-process input keeps it open past the limit…
    for (let i = 0; i < 4; i++) {
      t.clock.advance(10 * MIN);
      win.emit(i % 2 ? 'before-mouse-event' : 'before-input-event');
    }
    expect(await t.raw(key)('storeStatus', {})).toMatchObject({ ok: true });
    // …a renderer claiming activity it never had does not.
    for (let i = 0; i < 3; i++) {
      t.clock.advance(5 * MIN);
      if (i < 2) expect(await t.raw(key)('recordActivity', {})).toMatchObject({ ok: true });
    }
    expect(await t.raw(key)('storeStatus', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });

  it('the sweep reloads the locked window (dropping what it showed); a closed window ends its session', async () => {
    const t = await withUsers([['carol', 'coder']]);
    const win = fakeContents(9);
    watchWindowInput(win, t.backend.auth);
    await signIn(t, windowSessionKey(9), 'carol');
    const windows = new Map([[9, win]]);
    const stop = startIdleSweep(t.backend.auth, (id) => windows.get(id), 10);
    t.clock.advance(15 * MIN);
    await new Promise((r) => setTimeout(r, 40));
    stop();
    expect(win.reloads).toBe(1);
    expect(await t.as(windowSessionKey(9))('sessionState', {})).toMatchObject({ session: { state: 'locked' } });
    win.emit('destroyed');
    expect(await t.as(windowSessionKey(9))('sessionState', {})).toMatchObject({ session: null });
  });

  it('watches the same key the IPC adapter gives the window', async () => {
    let seen = '';
    const handler = guardedHandler(async (_c, _a, ctx) => ((seen = ctx.sessionKey), { ok: true, value: null }), 'ntk:x', () => true);
    await handler({ senderFrame: null, sender: { id: 42 } } as never, {});
    expect(seen).toBe(windowSessionKey(42));
  });
});
