import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOCK_AFTER } from '../../../electron/core/auth/throttle';
import { base32Decode, base32Encode, hotp, newRecoveryCodes, stepAt } from '../../../electron/core/auth/totp';
import { testBackend, USER_PASSWORD, withUsers, type TestBackend } from '../../support/backend';
import { inParallel } from '../../support/concurrency';
import { NEW_PASSWORD, signIn } from '../../support/sign-in';

/** Sign-in, unlock and re-authentication under bursts of parallel calls on one backend. */

const SECRET = base32Encode(Buffer.from('12345678901234567890'));
const codeNow = (t: TestBackend) => hotp(base32Decode(SECRET), stepAt(t.clock.now().getTime()));

const events = (t: TestBackend, type: string, outcome?: string): number =>
  (
    t.backend.store.db.prepare(`SELECT count(*) AS n FROM audit_event WHERE event_type = ? ${outcome ? 'AND outcome = ?' : ''}`).get(...(outcome ? [type, outcome] : [type])) as {
      n: number;
    }
  ).n;

/** Wrong logins one after another, each delay waited out, so `n` failures are on record. */
async function failInTurn(t: TestBackend, username: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    expect(await t.raw('seq')('login', { username, password: `wrong guess in turn ${i}` })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    t.clock.advance(31_000);
  }
}

describe('parallel sign-in attempts', () => {
  it('evaluates at most one of 25 parallel wrong logins for a name; the rest are refused unhashed', async () => {
    const t = await withUsers([['carol', 'coder']]);
    const r = await inParallel(25, (i) => t.raw(`w${i}`)('login', { username: 'carol', password: `wrong guess number ${i}` }));
    expect(r.count('AUTH_FAILED')).toBe(1);
    expect(r.count('THROTTLED')).toBe(24);
    expect(events(t, 'login', 'failure')).toBe(1);
    expect(events(t, 'login', 'denied')).toBe(24);
    // Spelling the name differently does not open a second lane.
    t.clock.advance(31_000);
    const spelled = await inParallel(6, (i) => t.raw(`s${i}`)('login', { username: [' carol', 'CAROL', 'Carol', 'carol ', 'cArOl', 'carol'][i]!, password: `another wrong guess ${i}` }));
    expect(spelled.count('AUTH_FAILED')).toBe(1);
  });

  it('refuses the correct password inside a parallel batch of guesses', async () => {
    const t = await withUsers([['carol', 'coder']]);
    const r = await inParallel(25, (i) => t.raw(`w${i}`)('login', { username: 'carol', password: i === 12 ? USER_PASSWORD : `wrong guess number ${i}` }));
    expect(r.outcomes[12]).toBe('THROTTLED');
    expect(r.count('ok')).toBe(0);
    for (let i = 0; i < 25; i++) expect(await t.as(`w${i}`)('sessionState', {})).toMatchObject({ session: null });
  });

  it(`holds the lockout: after ${LOCK_AFTER - 1} failures a parallel batch holding the right password locks the name and signs no one in`, async () => {
    const t = await withUsers([['carol', 'coder']]);
    await failInTurn(t, 'carol', LOCK_AFTER - 1);
    const r = await inParallel(25, (i) => t.raw(`w${i}`)('login', { username: 'carol', password: i === 0 ? 'the first wrong guess' : i === 7 ? USER_PASSWORD : `wrong guess number ${i}` }));
    expect(r.count('ok')).toBe(0);
    expect(r.count('AUTH_FAILED')).toBe(1);
    expect(events(t, 'lockout')).toBe(1);
    t.clock.advance(31_000);
    expect(await t.raw('later')('login', { username: 'carol', password: USER_PASSWORD })).toMatchObject({ ok: false, error: { code: 'THROTTLED', message: expect.stringContaining('locked') } });
  });

  it('evaluates one of 15 parallel wrong unlocks, and a right unlock inside the burst is refused', async () => {
    const t = await withUsers([['carol', 'coder']]);
    const carol = await signIn(t, 'cw', 'carol');
    await carol('lockSession', {});
    const w = t.raw('cw');
    const r = await inParallel(15, (i) => w('unlockSession', { password: i === 9 ? NEW_PASSWORD : `wrong unlock ${i}` }));
    expect(r.count('AUTH_FAILED')).toBe(1);
    expect(r.count('THROTTLED')).toBe(14);
    expect(await carol('sessionState', {})).toMatchObject({ session: { state: 'locked' } });
  });

  it('evaluates one of 15 parallel re-authentications', async () => {
    const t = await withUsers([['carol', 'coder']]);
    await signIn(t, 'cw', 'carol');
    const w = t.raw('cw');
    const r = await inParallel(15, (i) => w('reauthenticate', { password: `wrong password ${i}`, for: 'breakGlass' }));
    expect(r.count('AUTH_FAILED')).toBe(1);
    expect(r.count('THROTTLED')).toBe(14);
  });

  it('holds across two backends on one store (the app and the command line), since the gate lives in the store', async () => {
    const t = await withUsers([['carol', 'coder']]);
    const second = testBackend({ dir: t.dir, dbPath: t.dbPath, keys: t.keys, clock: t.clock });
    const r = await inParallel(10, (i) =>
      (i % 2 ? second : t).backend.call('login', { username: 'carol', password: i === 5 ? USER_PASSWORD : `wrong guess number ${i}` }, { transport: i % 2 ? 'cli' : 'test', sessionKey: `k${i}` }),
    );
    expect(r.count('ok')).toBe(0);
    expect(r.count('AUTH_FAILED')).toBe(1);
    second.backend.close();
  });

  it('keeps the name gated while a successful login finishes (rehashing an old password hash)', async () => {
    const t = await withUsers([['carol', 'coder']]);
    const salt = randomBytes(16);
    const old = { alg: 'scrypt', N: 2 ** 14, r: 8, p: 1, keylen: 32, salt: salt.toString('base64') };
    const hash = scryptSync(USER_PASSWORD, salt, 32, { N: 2 ** 14, r: 8, p: 1 }).toString('base64');
    t.backend.auth.users.setPassword(t.ids.carol!, hash, JSON.stringify(old), new Date().toISOString(), true);
    const db = t.backend.store.db;
    const first = t.raw('w1')('login', { username: 'carol', password: USER_PASSWORD });
    // Wait until the password has checked out (the count is cleared) while the new hash is computed.
    const cleared = () => (db.prepare('SELECT failures FROM auth_throttle').get() as { failures: number } | undefined)?.failures === 0;
    for (let i = 0; i < 10_000 && !cleared(); i++) await new Promise((r) => setImmediate(r));
    expect(cleared()).toBe(true);
    expect(await t.raw('w2')('login', { username: 'carol', password: 'a guess slipped in' })).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    expect(await first).toMatchObject({ ok: true });
    expect(db.prepare('SELECT count(*) AS n FROM auth_throttle').get()).toEqual({ n: 0 }); // a clean row goes
    expect(JSON.parse(t.backend.auth.users.byId(t.ids.carol!)!.password_params).N).toBe(2 ** 15);
  });

  it('lets a login for another name through while one name is being checked', async () => {
    const t = await withUsers([['carol', 'coder'], ['dan', 'coder']]);
    const r = await inParallel(2, (i) => t.raw(`w${i}`)('login', { username: i === 0 ? 'carol' : 'dan', password: USER_PASSWORD }));
    expect(r.outcomes).toEqual(['ok', 'ok']);
  });
});

describe('one-time codes under concurrency', () => {
  it('accepts one TOTP code for exactly one of 3 parallel logins', async () => {
    const t = await withUsers([['carol', 'coder']]);
    t.backend.auth.users.setTotp(t.ids.carol!, SECRET, newRecoveryCodes().hashes);
    const code = codeNow(t);
    const r = await inParallel(3, (i) => t.raw(`w${i}`)('login', { username: 'carol', password: USER_PASSWORD, otp: code }));
    expect(r.count('ok')).toBe(1);
    // And once the others may try again, the code is spent.
    t.clock.advance(1_000);
    expect(await t.raw('w9')('login', { username: 'carol', password: USER_PASSWORD, otp: code })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
  });

  it('accepts one recovery code (9 left) for exactly one of 3 parallel logins, leaving 8', async () => {
    const t = await withUsers([['carol', 'coder']]);
    const { codes, hashes } = newRecoveryCodes();
    t.backend.auth.users.setTotp(t.ids.carol!, SECRET, hashes);
    expect(await t.raw('first')('login', { username: 'carol', password: USER_PASSWORD, otp: codes[0] })).toMatchObject({ ok: true });
    t.clock.advance(1_000);
    const r = await inParallel(3, (i) => t.raw(`w${i}`)('login', { username: 'carol', password: USER_PASSWORD, otp: codes[1] }));
    expect(r.count('ok')).toBe(1);
    expect(JSON.parse(t.backend.auth.users.byId(t.ids.carol!)!.recovery_codes!)).toHaveLength(8);
  });

  it('refuses a TOTP step used by someone else between the check of the row and its acceptance', async () => {
    const t = await withUsers([['carol', 'coder']]);
    t.backend.auth.users.setTotp(t.ids.carol!, SECRET, newRecoveryCodes().hashes);
    const code = codeNow(t);
    const pending = t.raw('w')('login', { username: 'carol', password: USER_PASSWORD, otp: code });
    // While the password is being hashed, the same step is used elsewhere (another process on the store).
    expect(t.backend.auth.users.claimTotpStep(t.ids.carol!, stepAt(t.clock.now().getTime()))).toBe(true);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
  });

  it('refuses a recovery code spent elsewhere between the check of the row and its acceptance', async () => {
    const t = await withUsers([['carol', 'coder']]);
    const { codes, hashes } = newRecoveryCodes();
    t.backend.auth.users.setTotp(t.ids.carol!, SECRET, hashes);
    const pending = t.raw('w')('login', { username: 'carol', password: USER_PASSWORD, otp: codes[3] });
    expect(t.backend.auth.users.claimRecoveryCode(t.ids.carol!, hashes[3]!)).toBe(9);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(t.backend.auth.users.claimRecoveryCode(t.ids.carol!, hashes[3]!)).toBeNull();
  });
});
