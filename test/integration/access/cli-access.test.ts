/** `ntk access`: acts as a real user (password from NTK_PASSWORD or stdin), so separation of duties holds from the command line too. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli';
import { manualClock } from '../../../electron/core/clock';
import { testBackend } from '../../support/backend';
import { accessFixture, LOINC, NEW_PASSWORD } from '../../support/access';

const WHY = 'Needed to validate the principal diagnosis for DRG assignment.';

async function ntk(args: string[], env: NodeJS.ProcessEnv = {}, stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, env, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: stdin === undefined ? async () => '' : async () => stdin });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('ntk access', () => {
  it('lists, approves, denies and revokes as the named user, refusing what the app refuses', async () => {
    const f = await accessFixture([['carol', 'coder'], ['sam', 'supervisor']], { changePasswords: true });
    f.backend.close();
    // Requests made "now", since the command line runs on the system clock.
    const t = testBackend({ dir: f.dir, dbPath: f.dbPath, keys: f.keys, clock: manualClock(Date.now()) });
    await t.as('carol')('login', { username: 'carol', password: NEW_PASSWORD });
    const a = await t.as('carol')('requestAccess', { encounterId: f.encounterId, sectionCodes: [LOINC.plan], purpose: 'inpatient_coding', justification: WHY });
    const b = await t.as('carol')('requestAccess', { encounterId: f.encounterId, sectionCodes: [LOINC.hpi], purpose: 'inpatient_coding', justification: WHY });
    const c = await t.as('carol')('requestAccess', { encounterId: f.encounterId, sectionCodes: [LOINC.social], purpose: 'inpatient_coding', justification: WHY });
    t.backend.close();
    const base = ['--db', f.dbPath, '--key-file', path.join(f.dir, 'store.key')];

    // No identity, or a wrong password: nothing happens.
    expect((await ntk(['access', 'list', ...base])).code).toBe(64);
    expect((await ntk(['access', 'list', ...base, '--as', 'sam', '--json'])).stdout).toContain('UNAUTHENTICATED');
    const wrong = await ntk(['access', 'approve', String(a.id), ...base, '--as', 'sam', '--json'], { NTK_PASSWORD: 'not the password' });
    expect(wrong.code).toBe(77);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });

    const list = await ntk(['access', 'list', ...base, '--as', 'sam'], {}, `${NEW_PASSWORD}\n`);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')).toHaveLength(3);
    expect(list.stdout).toContain(`#${a.id}  pending  request  carol (coder)`);

    // A coder cannot approve, nor can the requester; the V scope needs a privacy officer.
    const asCoder = await ntk(['access', 'approve', String(b.id), ...base, '--as', 'carol', '--json'], { NTK_PASSWORD: NEW_PASSWORD });
    expect(JSON.parse(asCoder.stdout)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const approve = await ntk(['access', 'approve', String(a.id), String(c.id), ...base, '--as', 'sam', '--minutes', '60', '--json'], { NTK_PASSWORD: NEW_PASSWORD });
    expect(approve.code).toBe(77);
    expect(JSON.parse(approve.stdout).value.map((o: { ok: boolean }) => o.ok)).toEqual([true, false]);
    expect((await ntk(['access', 'deny', String(b.id), ...base, '--as', 'sam'], { NTK_PASSWORD: NEW_PASSWORD })).code).toBe(64); // --reason required
    const deny = await ntk(['access', 'deny', String(b.id), ...base, '--as', 'sam', '--reason', 'Not needed'], { NTK_PASSWORD: NEW_PASSWORD });
    expect(deny).toMatchObject({ code: 0, stdout: `#${b.id} denied` });
    const revoke = await ntk(['access', 'revoke', String(a.id), ...base, '--as', 'sam', '--reason', 'Coding done'], { NTK_PASSWORD: NEW_PASSWORD });
    expect(revoke).toMatchObject({ code: 0, stdout: `#${a.id} revoked` });

    // The audit trail names the person who decided, signed in from the command line.
    const check = testBackend({ dir: f.dir, dbPath: f.dbPath, keys: f.keys, clock: manualClock(Date.now()) });
    const rows = check.backend.store.db
      .prepare("SELECT event_type, username, outcome FROM audit_event WHERE event_type IN ('access.denied','access.approve','access.deny','access.revoke','access.decision') ORDER BY seq")
      .all();
    expect(rows).toEqual([
      { event_type: 'access.denied', username: 'carol', outcome: 'denied' }, // the dispatcher's role check
      { event_type: 'access.approve', username: 'sam', outcome: 'success' },
      { event_type: 'access.decision', username: 'sam', outcome: 'denied' },
      { event_type: 'access.deny', username: 'sam', outcome: 'success' },
      { event_type: 'access.revoke', username: 'sam', outcome: 'success' },
    ]);
    check.backend.close();
  });
});
