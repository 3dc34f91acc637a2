import { describe, expect, it } from 'vitest';
import { CALL_NAMES, channelOf } from '../../shared/contract';
import { NtkError } from '../../electron/core/errors';
import { createDispatcher, type Authorize, type Handlers } from '../../electron/core/ipc/dispatch';

const status = {
  opened: true,
  fileName: 'store.ntk',
  schemaVersion: 2,
  latestSchemaVersion: 2,
  cipher: 'sqlcipher' as const,
  journalMode: 'wal',
  keySource: 'keyFile' as const,
  storeId: 'abc',
  createdAt: '2026-01-01T00:00:00Z',
  counts: { patients: 1, encounters: 2, documents: 3 },
};
const ctx = { transport: 'test', sessionKey: 't1' };
type StatusFn = () => typeof status;

/** Every call public except storeStatus, which this fake authorizer refuses when `signedIn` is false. */
function setup(storeStatus: StatusFn = () => status, log?: Parameters<typeof createDispatcher>[2], signedIn = true) {
  const handlers = Object.fromEntries(CALL_NAMES.map((n) => [n, { access: 'public', run: () => ({}) }])) as unknown as Handlers;
  handlers.appInfo = { access: 'public', run: () => ({ name: 'Need-to-Know', version: '1' }) };
  handlers.storeStatus = { access: 'signed-in', run: storeStatus };
  const authorize: Authorize = (access) => {
    if (access !== 'public' && !signedIn) throw new NtkError('UNAUTHENTICATED', 'Not signed in.');
    return undefined;
  };
  return createDispatcher(handlers, authorize, log);
}

describe('the dispatcher (one guard for every call)', () => {
  it('answers a valid call with {ok, value}', async () => {
    const d = setup();
    expect(await d(channelOf('storeStatus'), {}, ctx)).toEqual({ ok: true, value: status });
  });

  it('rejects an unknown channel without running anything', async () => {
    const d = setup();
    expect(await d('ntk:dropTables', {}, ctx)).toEqual({ ok: false, error: { code: 'UNKNOWN_CALL', message: 'Unknown call.' } });
    expect((await d('__proto__', {}, ctx)).ok).toBe(false);
  });

  it.each([
    ['an extra field', { role: 'admin' }],
    ['a string', '"; DROP TABLE patient; --'],
    ['an array', [1, 2, 3]],
    ['null', null],
    ['a prototype-polluting object', JSON.parse('{"__proto__": {"admin": true}}')],
  ])('rejects %s as BAD_REQUEST before the handler runs', async (_label, arg) => {
    let ran = false;
    const d = setup(() => {
      ran = true;
      return status;
    });
    const r = await d(channelOf('storeStatus'), arg, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('BAD_REQUEST');
    expect(ran).toBe(false);
  });

  it('passes an NtkError code and message through', async () => {
    const d = setup(() => {
      throw new NtkError('READ_ONLY', 'The store is read-only.');
    });
    expect(await d(channelOf('storeStatus'), {}, ctx)).toEqual({ ok: false, error: { code: 'READ_ONLY', message: 'The store is read-only.' } });
  });

  it('hides unexpected errors: no message, no stack, only a reference that is also logged', async () => {
    const logged: unknown[] = [];
    const d = setup(
      () => {
        throw new Error('SQLITE_CONSTRAINT: patient Jane Q Public MRN 12345 at /home/x/secret.db');
      },
      (entry) => logged.push(entry),
    );
    const r = await d(channelOf('storeStatus'), {}, ctx);
    expect(r.ok).toBe(false);
    const text = JSON.stringify(r);
    expect(text).not.toMatch(/Jane|12345|secret|at \/|SQLITE/);
    expect(r.ok === false && r.error.code).toBe('INTERNAL');
    const ref = /reference ([0-9a-f]{8})/.exec(text)?.[1];
    expect(logged).toEqual([{ ref, call: 'storeStatus', name: 'Error', code: '' }]);
    expect(JSON.stringify(logged)).not.toMatch(/Jane|12345/);
  });

  it('strips anything from a reply that the contract does not name', async () => {
    const d = setup(() => ({ ...status, maskedNote: 'HIV positive' }) as typeof status);
    const r = await d(channelOf('storeStatus'), {}, ctx);
    expect(JSON.stringify(r)).not.toContain('HIV');
    expect(r.ok).toBe(true);
  });

  it('runs the access check before the handler', async () => {
    let ran = false;
    const d = setup(
      () => {
        ran = true;
        return status;
      },
      undefined,
      false,
    );
    expect(await d(channelOf('storeStatus'), {}, ctx)).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Not signed in.' } });
    expect(ran).toBe(false);
  });
});
