import { describe, expect, it } from 'vitest';
import { USER_PASSWORD, withUsers } from '../../support/backend';

const MIN = 60_000;

async function signedInCoder() {
  const t = await withUsers([['carol', 'coder']]);
  const w = t.as('carol-window');
  await w('login', { username: 'carol', password: USER_PASSWORD });
  await w('changePassword', { current: USER_PASSWORD, next: 'a brand new long passphrase' });
  return { t, w, raw: t.raw('carol-window') };
}

describe('sessions live in the main process', () => {
  it('refuses calls from a window that has not signed in, and forged session ids', async () => {
    const { t, raw } = await signedInCoder();
    const signedOut = await t.raw('other-window')('storeStatus', {});
    expect(signedOut).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // There is no session id in any request: one sent anyway changes nothing. A signed-out window gets
    // the same refusal as without it (the caller is checked before the argument is looked at) …
    expect(await t.raw('other-window')('storeStatus', { sessionId: 'carol-window' })).toEqual(signedOut);
    expect(await t.raw('other-window')('listUsers', { role: 'admin', userId: 1 })).toEqual(signedOut);
    // … and a signed-in window has it refused by the schema.
    expect(await raw('storeStatus', { sessionId: 'carol-window' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('makes a new user change the temporary password first', async () => {
    const t = await withUsers([['carol', 'coder']]);
    const w = t.raw('cw');
    await w('login', { username: 'carol', password: USER_PASSWORD });
    expect(await w('storeStatus', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Change your password first.' } });
    expect(await w('changePassword', { current: USER_PASSWORD, next: 'a brand new long passphrase' })).toMatchObject({ ok: true });
    expect(await w('storeStatus', {})).toMatchObject({ ok: true });
  });

  it('locks after the idle limit on the monotonic clock; activity keeps it open; wall-clock changes do not matter', async () => {
    const { t, w, raw } = await signedInCoder();
    t.clock.advance(14 * MIN);
    await w('recordActivity', {});
    t.clock.advance(14 * MIN);
    expect(await raw('storeStatus', {})).toMatchObject({ ok: true });
    t.clock.setWall(Date.parse('2030-01-01T00:00:00Z')); // moving the wall clock neither locks nor extends
    expect(await raw('storeStatus', {})).toMatchObject({ ok: true });
    t.clock.advance(1 * MIN);
    expect(await raw('storeStatus', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await w('sessionState', {})).toMatchObject({ session: { state: 'locked' } });
    const idleLocks = t.backend.store.db.prepare("SELECT count(*) AS n FROM audit_event WHERE event_type = 'session.lock'").get() as { n: number };
    expect(idleLocks.n).toBe(1);
  });

  it('unlocks only with the password; a call after lock is refused', async () => {
    const { w, raw } = await signedInCoder();
    await w('lockSession', {});
    expect(await raw('storeStatus', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await raw('recordActivity', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await raw('unlockSession', { password: 'not my password at all' })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(await raw('unlockSession', { password: 'a brand new long passphrase' })).toMatchObject({ ok: true, value: { state: 'active' } });
    expect(await raw('storeStatus', {})).toMatchObject({ ok: true });
  });

  it("ends a disabled user's sessions at once, and a role change needs a new sign-in", async () => {
    const { t, raw } = await signedInCoder();
    await t.as('admin')('setUserRole', { userId: t.ids.carol!, role: 'biller' });
    expect(await raw('storeStatus', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await raw('login', { username: 'carol', password: 'a brand new long passphrase' });
    expect(await raw('sessionState', {})).toMatchObject({ ok: true, value: { session: { role: 'biller' } } });
    await t.as('admin')('setUserDisabled', { userId: t.ids.carol!, disabled: true });
    expect(await raw('storeStatus', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('enforces roles in the main process and audits refusals', async () => {
    const { t, raw } = await signedInCoder();
    expect(await raw('listUsers', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await raw('auditVerify', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const denied = t.backend.store.db.prepare("SELECT username, detail FROM audit_event WHERE event_type = 'access.denied'").all();
    expect(denied).toEqual([
      { username: 'carol', detail: '{"call":"listUsers"}' },
      { username: 'carol', detail: '{"call":"auditVerify"}' },
    ]);
  });

  it('keeps the last administrator', async () => {
    const t = await withUsers();
    const admin = t.as('admin');
    const [ada] = await admin('listUsers', {});
    await expect(admin('setUserDisabled', { userId: ada!.id, disabled: true })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(admin('setUserRole', { userId: ada!.id, role: 'coder' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
