import { describe, expect, it } from 'vitest';
import { LOCK_AFTER, LOCK_MS } from '../../../electron/core/auth/throttle';
import { USER_PASSWORD, withUsers, type TestBackend } from '../../support/backend';

describe('sign-in and throttling', () => {
  it('gives the same answer for an unknown user and a wrong password', async () => {
    const t = await withUsers([['carol', 'coder']]);
    const unknown = await t.raw('w1')('login', { username: 'nobody', password: 'whatever it might be' });
    const wrong = await t.raw('w2')('login', { username: 'carol', password: 'whatever it might be' });
    expect(unknown).toEqual(wrong);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
  });

  it('holds the throttle against wrong passwords at speed, even for the right password', async () => {
    const t = await withUsers([['carol', 'coder']]);
    const w = t.raw('w1');
    expect((await w('login', { username: 'carol', password: 'wrong guess number 1' })).ok).toBe(false);
    expect((await w('login', { username: 'carol', password: 'wrong guess number 2' })).ok).toBe(false);
    // Immediately after the second failure, even the right password must wait.
    const held = await w('login', { username: 'carol', password: USER_PASSWORD });
    expect(held).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    t.clock.advance(1_000);
    expect(await w('login', { username: 'carol', password: USER_PASSWORD })).toMatchObject({ ok: true });
  });

  it(`locks a name after ${LOCK_AFTER} consecutive failures for 15 minutes, across restarts, until an admin unlocks it`, async () => {
    let t: TestBackend = await withUsers([['carol', 'coder']]);
    for (let i = 0; i < LOCK_AFTER; i++) {
      const r = await t.raw('w1')('login', { username: 'CAROL', password: `wrong guess number ${i}` });
      expect(r).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
      t.clock.advance(31_000); // wait out each delay so only the count matters
    }
    const locked = await t.raw('w1')('login', { username: 'carol', password: USER_PASSWORD });
    expect(locked).toMatchObject({ ok: false, error: { code: 'THROTTLED', message: expect.stringContaining('locked') } });

    t = t.reopen(); // a restart does not reset the counter
    expect(await t.raw('w1')('login', { username: 'carol', password: USER_PASSWORD })).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    const events = t.backend.store.db.prepare("SELECT count(*) AS n FROM audit_event WHERE event_type = 'lockout'").get() as { n: number };
    expect(events.n).toBe(1);

    // An administrator can unlock it…
    const admin = t.as('admin');
    await admin('login', { username: 'ada', password: 'violet kettle harbour 1987' });
    const users = await admin('listUsers', {});
    const carol = users.find((u) => u.username === 'carol')!;
    expect(carol.lockedOut).toBe(true);
    await admin('unlockUser', { userId: carol.id });
    expect(await t.raw('w1')('login', { username: 'carol', password: USER_PASSWORD })).toMatchObject({ ok: true });
  });

  it('lets a lockout expire after 15 minutes', async () => {
    const t = await withUsers([['carol', 'coder']]);
    for (let i = 0; i < LOCK_AFTER; i++) {
      await t.raw('w1')('login', { username: 'carol', password: `wrong guess number ${i}` });
      t.clock.advance(31_000);
    }
    t.clock.advance(LOCK_MS - 31_000 - 1);
    expect(await t.raw('w1')('login', { username: 'carol', password: USER_PASSWORD })).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    t.clock.advance(2);
    expect(await t.raw('w1')('login', { username: 'carol', password: USER_PASSWORD })).toMatchObject({ ok: true });
  });

  it('refuses disabled users with the generic answer', async () => {
    const t = await withUsers([['carol', 'coder']]);
    await t.as('admin')('setUserDisabled', { userId: t.ids.carol!, disabled: true });
    expect(await t.raw('w1')('login', { username: 'carol', password: USER_PASSWORD })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
  });
});
