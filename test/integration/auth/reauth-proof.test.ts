import { describe, expect, it } from 'vitest';
import { REAUTH_PROOF_MS } from '../../../electron/core/auth/auth-service';
import { accessFixture, NEW_PASSWORD } from '../../support/access';
import { ADMIN_PASSWORD, withUsers } from '../../support/backend';
import { inParallel } from '../../support/concurrency';

/** Exports and break-glass ask for the password each time: the proof is single-use and names its action. */
describe('re-authentication proofs', () => {
  it('signing in or unlocking is no proof: an export right after asks for the password', async () => {
    const t = await withUsers();
    const admin = t.raw('admin');
    expect(await admin('exportInventory', { format: 'csv' })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    await admin('lockSession', {});
    expect(await admin('unlockSession', { password: ADMIN_PASSWORD })).toMatchObject({ ok: true });
    expect(await admin('exportInventory', { format: 'csv' })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    expect(t.exports).toEqual([]);
  });

  it('allows exactly one export per proof, only the action it was given for, only on its window', async () => {
    const t = await withUsers();
    const admin = t.raw('admin');
    expect(await admin('reauthenticate', { password: ADMIN_PASSWORD, for: 'breakGlass' })).toMatchObject({ ok: true });
    expect(await admin('exportInventory', { format: 'csv' })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    await admin('reauthenticate', { password: ADMIN_PASSWORD, for: 'exportInventory' });
    await t.as('admin2')('login', { username: 'ada', password: ADMIN_PASSWORD });
    expect(await t.raw('admin2')('exportInventory', { format: 'csv' })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    expect(await admin('exportInventory', { format: 'csv' })).toMatchObject({ ok: true, value: { saved: true } });
    expect(await admin('exportInventory', { format: 'csv' })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    expect(t.exports).toHaveLength(1);
  });

  it('lets one of 5 parallel exports through on one proof', async () => {
    const t = await withUsers();
    const admin = t.raw('admin');
    await admin('reauthenticate', { password: ADMIN_PASSWORD, for: 'exportInventory' });
    const r = await inParallel(5, () => admin('exportInventory', { format: 'csv' }));
    expect(r.counts).toEqual({ ok: 1, REAUTH_REQUIRED: 4 });
    expect(t.exports).toHaveLength(1);
  });

  it(`expires after ${REAUTH_PROOF_MS / 60_000} minutes and is cleared by a lock`, async () => {
    const t = await withUsers();
    const admin = t.raw('admin');
    await admin('reauthenticate', { password: ADMIN_PASSWORD, for: 'exportInventory' });
    t.clock.advance(REAUTH_PROOF_MS + 1);
    await admin('recordActivity', {});
    expect(await admin('exportInventory', { format: 'csv' })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    await admin('reauthenticate', { password: ADMIN_PASSWORD, for: 'exportInventory' });
    await admin('lockSession', {});
    await admin('unlockSession', { password: ADMIN_PASSWORD });
    expect(await admin('exportInventory', { format: 'csv' })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
  });

  it('opens one break-glass per proof, even for parallel calls', async () => {
    const t = await accessFixture([['carol', 'coder'], ['sam', 'supervisor']], { changePasswords: true });
    const carol = t.raw('carol');
    const req = { encounterId: t.encounterId, reasonCode: 'patient-safety', reasonText: 'Rapid response: the attending needs the full chart now.' } as const;
    expect(await carol('breakGlass', req)).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    await carol('reauthenticate', { password: NEW_PASSWORD, for: 'breakGlass' });
    const r = await inParallel(3, () => carol('breakGlass', req));
    expect(r.count('ok')).toBe(1);
    expect(r.count('REAUTH_REQUIRED')).toBe(2);
  });
});
