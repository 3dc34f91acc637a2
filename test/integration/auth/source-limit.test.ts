import { describe, expect, it } from 'vitest';
import { SOURCE_BLOCK_MS, SOURCE_LIMIT, sourceOf } from '../../../electron/core/auth/source-throttle';
import { LOCK_AFTER } from '../../../electron/core/auth/throttle';
import { USER_PASSWORD, withUsers, type TestBackend } from '../../support/backend';
import { inParallel } from '../../support/concurrency';

/** One caller cannot lock out the names it chooses: a per-source limit, and administrators are alerted. */

const events = (t: TestBackend, type: string) =>
  t.backend.store.db.prepare('SELECT user_id, detail FROM audit_event WHERE event_type = ? ORDER BY seq').all(type) as Array<{ user_id: number | null; detail: string }>;

describe('per-source sign-in limit', () => {
  it(`blocks a source after ${SOURCE_LIMIT} attempts across names, the right password included; other sources are unaffected`, async () => {
    const t = await withUsers([['dan', 'coder']]);
    const attacker = t.raw('attacker');
    for (let i = 0; i < SOURCE_LIMIT; i++) {
      expect(await attacker('login', { username: `guess${i}`, password: 'some wrong password' })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    }
    expect(await attacker('login', { username: 'dan', password: USER_PASSWORD })).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    expect(await t.raw('desk')('login', { username: 'dan', password: USER_PASSWORD })).toMatchObject({ ok: true });
    expect(events(t, 'sign-in.source-blocked')).toHaveLength(1);
    t.clock.advance(SOURCE_BLOCK_MS);
    expect(await attacker('login', { username: 'dan', password: USER_PASSWORD })).toMatchObject({ ok: true });
  });

  it('holds against a parallel burst over many names', async () => {
    const t = await withUsers();
    const r = await inParallel(40, (i) => t.raw('attacker')('login', { username: `name${i}`, password: 'some wrong password' }));
    expect(r.count('AUTH_FAILED')).toBe(SOURCE_LIMIT);
    expect(r.count('THROTTLED')).toBe(40 - SOURCE_LIMIT);
  });

  it('lets one source lock at most one chosen name before it is blocked, and alerts the administrators', async () => {
    const t = await withUsers([['carol', 'coder'], ['dan', 'coder']]);
    const attacker = t.raw('attacker');
    for (const name of ['carol', 'dan']) {
      for (let i = 0; i < LOCK_AFTER; i++) {
        await attacker('login', { username: name, password: `wrong guess ${i}` });
        t.clock.advance(31_000);
      }
    }
    expect(await t.raw('desk')('login', { username: 'carol', password: USER_PASSWORD })).toMatchObject({ ok: false, error: { code: 'THROTTLED', message: expect.stringContaining('locked') } });
    expect(await t.raw('desk')('login', { username: 'dan', password: USER_PASSWORD })).toMatchObject({ ok: true });
    const lockouts = events(t, 'lockout');
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toMatchObject({ user_id: t.ids.carol });
    expect(JSON.parse(lockouts[0]!.detail)).toMatchObject({ knownName: true, alert: 'admin' });

    const alerts = await t.as('admin')('signInAlerts', {});
    expect(alerts).toMatchObject({ lockedAccounts: [{ userId: t.ids.carol, username: 'carol' }], lockedUnknownNames: 0, blockedSources: 1, badge: 2 });
    await expect(t.as('desk')('signInAlerts', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await t.as('admin')('unlockUser', { userId: t.ids.carol! });
    expect(await t.as('admin')('signInAlerts', {})).toMatchObject({ lockedAccounts: [], badge: 1 });
  });

  it('takes the source from the transport: a server can name the client, the command line is one source', () => {
    expect(sourceOf({ transport: 'ipc', sessionKey: 'wc:3' })).toBe('ipc:wc:3');
    expect(sourceOf({ transport: 'cli', sessionKey: 'cli:access' })).toBe('cli');
    expect(sourceOf({ transport: 'cli', sessionKey: 'cli:packet' })).toBe('cli');
    expect(sourceOf({ transport: 'http', sessionKey: 'token-1', source: 'ip:203.0.113.7' })).toBe('ip:203.0.113.7');
  });
});
