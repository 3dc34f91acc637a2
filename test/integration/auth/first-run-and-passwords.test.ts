import { describe, expect, it } from 'vitest';
import { passwordProblems } from '../../../electron/core/auth/password-policy';
import { ADMIN_PASSWORD, testBackend, withUsers } from '../../support/backend';

describe('first run', () => {
  it('has no users and no default password; the first account created is an administrator', async () => {
    const t = testBackend();
    const me = t.as('w1');
    expect(await me('sessionState', {})).toEqual({ firstRun: true, session: null });
    expect(t.backend.store.db.prepare('SELECT count(*) AS n FROM app_user').get()).toEqual({ n: 0 });
    const s = await me('setupFirstAdmin', { username: 'ada', displayName: 'Ada Admin', password: ADMIN_PASSWORD });
    expect(s).toMatchObject({ username: 'ada', role: 'admin', state: 'active' });
    expect(await me('sessionState', {})).toMatchObject({ firstRun: false, session: { username: 'ada' } });
    // Nobody can "set up" a second first admin.
    await expect(t.as('w2')('setupFirstAdmin', { username: 'eve', displayName: 'Eve', password: 'another long passphrase 42' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const row = t.backend.store.db.prepare('SELECT password_hash, password_params FROM app_user').get() as { password_hash: string; password_params: string };
    expect(row.password_hash).not.toContain(ADMIN_PASSWORD);
    expect(JSON.parse(row.password_params)).toMatchObject({ alg: 'scrypt', N: 32768, r: 8, p: 1 });
  });
});

describe('password rules (NIST SP 800-63B)', () => {
  it.each([
    ['too short', 'short pass', /at least 15/],
    ['a common password', '123456789987654321', /common or breached/],
    ['the user name inside', 'my name is ada-lovelace!!', /user name/],
    ['one repeated character', 'aaaaaaaaaaaaaaaaaaa', /repeat/],
    ['a sequence', 'abcdefghijklmnopq', /sequence/],
  ])('refuses %s', (_l, pw, why) => {
    expect(passwordProblems(pw, { username: 'ada-lovelace' }).join(' ')).toMatch(why);
  });

  it('accepts a long passphrase with no composition rules, and 8+ with a second factor', () => {
    expect(passwordProblems('correct horse battery staple', { username: 'ada' })).toEqual([]);
    expect(passwordProblems('tulip-42x', { username: 'ada', hasSecondFactor: true })).toEqual([]);
    expect(passwordProblems('tulip-42x', { username: 'ada' })).not.toEqual([]);
  });

  it('the backend refuses weak passwords with the reasons', async () => {
    const t = await withUsers();
    await expect(t.as('admin')('addUser', { username: 'bob', displayName: 'Bob', role: 'coder', password: 'password' })).rejects.toMatchObject({
      code: 'WEAK_PASSWORD',
      message: expect.stringContaining('at least 15'),
    });
  });
});
