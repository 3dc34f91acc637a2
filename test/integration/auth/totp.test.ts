import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, newRecoveryCodes } from '../../../electron/core/auth/totp';
import { USER_PASSWORD, withUsers } from '../../support/backend';

const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP (RFC 6238) and recovery codes', () => {
  it('matches the RFC 6238 SHA-1 test vectors (last 6 digits)', () => {
    const secret = Buffer.from('12345678901234567890');
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
    ];
    for (const [t, code] of vectors) expect(hotp(secret, Math.floor(t / 30))).toBe(code.slice(2));
    expect(base32Decode(base32Encode(secret)).equals(secret)).toBe(true);
  });

  it('accepts a code once within ±1 step and refuses its replay', () => {
    const now = 1234567890_000;
    const code = hotp(base32Decode(RFC_SECRET), Math.floor(now / 30_000));
    const step = matchTotp(RFC_SECRET, code, now, null);
    expect(step).not.toBeNull();
    expect(matchTotp(RFC_SECRET, code, now, step)).toBeNull();
    expect(matchTotp(RFC_SECRET, code, now + 95_000, null)).toBeNull();
  });

  it('signs in with password + code, or a single-use recovery code', async () => {
    const t = await withUsers([['carol', 'coder']]);
    const { codes, hashes } = newRecoveryCodes();
    t.backend.auth.users.setTotp(t.ids.carol!, RFC_SECRET, hashes);
    const w = t.raw('w');
    expect(await w('login', { username: 'carol', password: USER_PASSWORD })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    t.clock.advance(2_000);
    const code = hotp(base32Decode(RFC_SECRET), Math.floor(t.clock.now().getTime() / 30_000));
    expect(await w('login', { username: 'carol', password: USER_PASSWORD, otp: code })).toMatchObject({ ok: true });
    await w('logout', {});
    expect(await w('login', { username: 'carol', password: USER_PASSWORD, otp: code })).toMatchObject({ ok: false }); // replay
    t.clock.advance(2_000);
    expect(await w('login', { username: 'carol', password: USER_PASSWORD, otp: codes[0] })).toMatchObject({ ok: true });
    await w('logout', {});
    t.clock.advance(2_000);
    expect(await w('login', { username: 'carol', password: USER_PASSWORD, otp: codes[0] })).toMatchObject({ ok: false }); // used up
  });
});

describe('enrolling an authenticator', () => {
  it('needs the password again (not the sign-in), then a valid code; afterwards sign-in needs the code', async () => {
    const t = await withUsers([['carol', 'coder']]);
    const w = t.raw('cw');
    await w('login', { username: 'carol', password: USER_PASSWORD });
    await w('changePassword', { current: USER_PASSWORD, next: 'a brand new long passphrase' });
    expect(await w('beginTotpEnrollment', {})).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    expect(await w('reauthenticate', { password: 'a brand new long passphrase', for: 'beginTotpEnrollment' })).toMatchObject({ ok: true });
    const begun = await w('beginTotpEnrollment', {});
    if (!begun.ok) throw new Error(begun.error.message);
    const { secret, otpauthUri } = begun.value as { secret: string; otpauthUri: string };
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(await w('confirmTotpEnrollment', { code: '000000' })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    const code = hotp(base32Decode(secret), Math.floor(t.clock.now().getTime() / 30_000));
    const confirmed = await w('confirmTotpEnrollment', { code });
    expect(confirmed).toMatchObject({ ok: true });
    expect((confirmed as { value: { recoveryCodes: string[] } }).value.recoveryCodes).toHaveLength(10);
    await w('logout', {});
    t.clock.advance(31_000);
    expect(await w('login', { username: 'carol', password: 'a brand new long passphrase' })).toMatchObject({ ok: false });
    t.clock.advance(2_000);
    const next = hotp(base32Decode(secret), Math.floor(t.clock.now().getTime() / 30_000));
    expect(await w('login', { username: 'carol', password: 'a brand new long passphrase', otp: next })).toMatchObject({ ok: true });
  });
});
