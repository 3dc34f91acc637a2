/** Review of issue 15 breaks 1-2 and re-auth: variants of the class (mixed calls, several windows of one user). */
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, newRecoveryCodes, stepAt } from '../../../electron/core/auth/totp';
import { USER_PASSWORD, withUsers, type TestBackend } from '../../support/backend';
import { inParallel } from '../../support/concurrency';
import { NEW_PASSWORD, signIn } from '../../support/sign-in';

const SECRET = base32Encode(Buffer.from('12345678901234567890'));
const codeNow = (t: TestBackend) => hotp(base32Decode(SECRET), stepAt(t.clock.now().getTime()));

describe('review: auth bursts across call kinds', () => {
  it('login + unlock + reauthenticate for one user in one burst: one lane, at most one evaluated', async () => {
    const t = await withUsers([['carol', 'coder']]);
    await signIn(t, 'a', 'carol');
    await t.as('b')('login', { username: 'carol', password: NEW_PASSWORD });
    await t.as('a')('lockSession', {});
    const r = await inParallel(30, (i) =>
      i % 3 === 0
        ? t.raw(`l${i}`)('login', { username: 'carol', password: `wrong login ${i}` })
        : i % 3 === 1
          ? t.raw('a')('unlockSession', { password: i === 13 ? NEW_PASSWORD : `wrong unlock ${i}` })
          : t.raw('b')('reauthenticate', { password: `wrong reauth ${i}`, for: 'breakGlass' }),
    );
    expect(r.count('ok')).toBe(0);
    expect(r.count('AUTH_FAILED')).toBe(1);
  });

  it('one TOTP code: parallel login (2 windows) + unlock + reauth accept it at most once', async () => {
    const t = await withUsers([['carol', 'coder']]);
    await signIn(t, 'a', 'carol');
    await t.as('b')('login', { username: 'carol', password: NEW_PASSWORD });
    t.backend.auth.users.setTotp(t.ids.carol!, SECRET, newRecoveryCodes().hashes);
    await t.as('a')('lockSession', {});
    const code = codeNow(t);
    // Sequential (each waits for the lane): the same code must work only once across call kinds.
    const outcomes: string[] = [];
    for (const f of [
      () => t.raw('x')('login', { username: 'carol', password: NEW_PASSWORD, otp: code }),
      () => t.raw('a')('unlockSession', { password: NEW_PASSWORD, otp: code }),
      () => t.raw('b')('reauthenticate', { password: NEW_PASSWORD, otp: code, for: 'breakGlass' }),
      () => t.raw('y')('login', { username: 'carol', password: NEW_PASSWORD, otp: code }),
    ]) {
      const r = await f();
      outcomes.push(r.ok ? 'ok' : r.error.code);
      t.clock.advance(1_000);
    }
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
  });

  it('one recovery code across login and unlock, sequentially: accepted once', async () => {
    const t = await withUsers([['carol', 'coder']]);
    await signIn(t, 'a', 'carol');
    const { codes, hashes } = newRecoveryCodes();
    t.backend.auth.users.setTotp(t.ids.carol!, SECRET, hashes);
    await t.as('a')('lockSession', {});
    const r1 = await t.raw('x')('login', { username: 'carol', password: NEW_PASSWORD, otp: codes[0]! });
    t.clock.advance(1_000);
    const r2 = await t.raw('a')('unlockSession', { password: NEW_PASSWORD, otp: codes[0]! });
    expect([r1.ok, r2.ok].filter(Boolean)).toHaveLength(1);
  });

  it('signing in is no re-authentication: break-glass and exports ask again; one proof serves one of 5 parallel break-glass calls', async () => {
    const t = await withUsers([['carol', 'coder']]);
    const carol = await signIn(t, 'a', 'carol');
    void carol;
    const first = await t.raw('a')('breakGlass', { encounterId: 1, reasonCode: 'patient-safety', reasonText: 'Attending asked for the full chart during a rapid response.' });
    expect(first.ok ? 'ok' : first.error.code).toBe('REAUTH_REQUIRED');
    await t.as('a')('reauthenticate', { password: NEW_PASSWORD, for: 'breakGlass' });
    const r = await inParallel(5, () => t.raw('a')('breakGlass', { encounterId: 1, reasonCode: 'patient-safety', reasonText: 'Attending asked for the full chart during a rapid response.' }));
    expect(r.count('REAUTH_REQUIRED')).toBeGreaterThanOrEqual(4);
  });

  it('a disabled user: parallel logins with the right password never sign in', async () => {
    const t = await withUsers([['carol', 'coder']]);
    await signIn(t, 'a', 'carol');
    await t.as('admin')('setUserDisabled', { userId: t.ids.carol!, disabled: true });
    t.clock.advance(60_000);
    const r = await inParallel(5, (i) => t.raw(`d${i}`)('login', { username: 'carol', password: NEW_PASSWORD }));
    expect(r.count('ok')).toBe(0);
    expect(USER_PASSWORD).toBeTruthy();
  });
});

describe('review: re-authentication proofs', () => {
  const BG = { encounterId: 1, reasonCode: 'patient-safety' as const, reasonText: 'Attending asked for the full chart during a rapid response.' };
  it('a proof for another action does not open break-glass; a proof is per window', async () => {
    const t = await withUsers([['carol', 'coder']]);
    await signIn(t, 'a', 'carol');
    await t.as('b')('login', { username: 'carol', password: NEW_PASSWORD });
    await t.as('a')('reauthenticate', { password: NEW_PASSWORD, for: 'exportQuery' });
    const r1 = await t.raw('a')('breakGlass', BG);
    expect(r1.ok ? 'ok' : r1.error.code).toBe('REAUTH_REQUIRED');
    await t.as('a')('reauthenticate', { password: NEW_PASSWORD, for: 'breakGlass' });
    const r2 = await t.raw('b')('breakGlass', BG);
    expect(r2.ok ? 'ok' : r2.error.code).toBe('REAUTH_REQUIRED');
  });

  it('a proof expires after its window', async () => {
    const t = await withUsers([['carol', 'coder']]);
    await signIn(t, 'a', 'carol');
    await t.as('a')('reauthenticate', { password: NEW_PASSWORD, for: 'breakGlass' });
    t.clock.advance(3 * 60_000);
    await t.as('a')('recordActivity', {});
    const r = await t.raw('a')('breakGlass', BG);
    expect(r.ok ? 'ok' : r.error.code).toBe('REAUTH_REQUIRED');
  });
});
