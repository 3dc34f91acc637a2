import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, withUsers, type TestBackend } from '../../support/backend';
import { sqlHits } from '../../support/store-scan';

/** Failed and refused sign-ins name the login by a keyed hash and whether it exists, never as typed. */

const loginDetails = (t: TestBackend) =>
  (t.backend.store.db.prepare("SELECT outcome, detail FROM audit_event WHERE event_type = 'login' AND outcome <> 'success' ORDER BY seq").all() as Array<{ outcome: string; detail: string }>).map((r) => ({
    outcome: r.outcome,
    ...(JSON.parse(r.detail) as { loginHmac: string; knownName: boolean }),
  }));

const auditText = (t: TestBackend): string =>
  (t.backend.store.db.prepare('SELECT * FROM audit_event').all() as Array<Record<string, unknown>>).map((r) => Object.values(r).map((v) => (Buffer.isBuffer(v) ? '' : String(v))).join('|')).join('\n');

describe('failed sign-ins in the audit', () => {
  it('keeps a password typed into the user-name field out of the audit: a keyed hash and whether the name exists', async () => {
    const t = await withUsers([['carol', 'coder']]);
    const typed = 'Violet Kettle Harbour 1987!';
    const w = t.raw('w');
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await w('login', { username: typed, password: ADMIN_PASSWORD }));
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.error.code))).toEqual(['AUTH_FAILED', 'AUTH_FAILED', 'THROTTLED']); // the third is refused unhashed
    const text = auditText(t).toLowerCase();
    expect(text).not.toContain('violet kettle');
    expect(text).not.toContain(typed.toLowerCase());
    // Nor anywhere else in the store (the throttle is keyed by the same keyed hash).
    expect(sqlHits(t.backend.store.db, [typed, typed.toLowerCase(), typed.trim().toLowerCase(), 'violet kettle'])).toEqual([]);

    const typedRows = loginDetails(t);
    expect(typedRows.map((r) => r.outcome)).toEqual(['failure', 'failure', 'denied']);
    const hmac = typedRows[0]!.loginHmac;
    expect(hmac).toMatch(/^[0-9a-f]{32}$/);
    for (const r of typedRows) expect(r).toMatchObject({ loginHmac: hmac, knownName: false });
    // Keyed: not a plain hash anyone could recompute from a guessed name.
    const normalized = typed.trim().toLowerCase();
    for (const alg of ['sha256', 'sha1', 'md5']) expect(createHash(alg).update(normalized).digest('hex')).not.toContain(hmac);

    // A real name: the same hash however it is typed, marked as existing.
    await w('login', { username: ' CAROL', password: 'not her password at all' });
    t.clock.advance(5_000);
    await w('login', { username: 'carol', password: 'not her password either' });
    const [a, b] = loginDetails(t).slice(3);
    expect(a).toMatchObject({ outcome: 'failure', knownName: true });
    expect(b!.loginHmac).toBe(a!.loginHmac);
    expect(a!.loginHmac).not.toBe(hmac);

    // Another store keys its hashes differently.
    const other = await withUsers([['carol', 'coder']]);
    await other.raw('w')('login', { username: 'carol', password: 'not her password at all' });
    expect(loginDetails(other)[0]!.loginHmac).not.toBe(a!.loginHmac);
  });
});
