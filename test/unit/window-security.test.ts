import { describe, expect, it } from 'vitest';
import { denyAllPermissions, guardContents, isTrustedSender, windowOptions } from '../../electron/adapters/window-security';
import { guardedHandler, registerIpc } from '../../electron/adapters/ipc';
import { CALL_NAMES, channelOf } from '../../shared/contract';

describe('window factory', () => {
  it('isolates and sandboxes the renderer', () => {
    const w = windowOptions('/app/preload.cjs').webPreferences!;
    expect(w).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('navigation, new windows and permissions', () => {
  it('prevents every navigation and redirect, and denies new windows', () => {
    const listeners = new Map<string, (e: { preventDefault(): void }) => void>();
    let openHandler: (() => { action: string }) | undefined;
    const fake = {
      on: (ev: string, fn: (e: { preventDefault(): void }) => void) => listeners.set(ev, fn),
      setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn),
    };
    guardContents(fake as never);
    for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      listeners.get(ev)!({ preventDefault: () => (prevented = true) });
      expect(prevented, ev).toBe(true);
    }
    expect(openHandler!()).toEqual({ action: 'deny' });
  });

  it('denies permission requests and checks by default', () => {
    const answers: boolean[] = [];
    const fake = {
      setPermissionRequestHandler: (fn: (wc: unknown, p: string, cb: (ok: boolean) => void) => void) => {
        for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) fn({}, p, (ok) => answers.push(ok));
      },
      setPermissionCheckHandler: (fn: () => boolean) => answers.push(fn()),
      setDevicePermissionHandler: (fn: () => boolean) => answers.push(fn()),
    };
    denyAllPermissions(fake as never);
    expect(answers).toEqual([false, false, false, false, false, false]);
  });
});

describe('IPC sender check', () => {
  it('trusts only the top-level app://ntk document', () => {
    expect(isTrustedSender({ url: 'app://ntk/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://ntk/index.html', parent: {} })).toBe(false); // a subframe
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/x.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://ntk.evil/index.html', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  it('registers one handler per contract call and refuses untrusted senders before dispatch', async () => {
    const registered = new Map<string, (e: unknown, arg: unknown) => Promise<unknown>>();
    let dispatched = 0;
    const seen: unknown[] = [];
    const dispatch = async (_ch: string, _arg: unknown, ctx: unknown) => {
      seen.push(ctx);
      dispatched++;
      return { ok: true as const, value: 1 };
    };
    registerIpc({ handle: (ch: string, fn: never) => registered.set(ch, fn) } as never, dispatch);
    expect([...registered.keys()].sort()).toEqual(CALL_NAMES.map(channelOf).sort());

    const handler = guardedHandler(dispatch, channelOf('storeStatus'));
    const denied = await handler({ senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 1 } } as never, {});
    expect(denied).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'This window may not call the backend.' } });
    expect(dispatched).toBe(0);
    await handler({ senderFrame: { url: 'app://ntk/index.html', parent: null }, sender: { id: 7 } } as never, {});
    expect(dispatched).toBe(1);
    expect(seen).toEqual([{ transport: 'ipc', sessionKey: 'wc:7' }]);
  });
});
