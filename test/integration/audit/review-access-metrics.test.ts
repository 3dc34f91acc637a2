import { describe, expect, it } from 'vitest';
import { accessFixture, NEW_PASSWORD } from '../../support/access';

describe('audit metrics with the access service', () => {
  it('report break-glass events still unreviewed from the access tables, next to the audit-trail counts', async () => {
    const t = await accessFixture([['carol', 'coder'], ['pat', 'privacy_officer']], { changePasswords: true });
    await t.as('carol')('reauthenticate', { password: NEW_PASSWORD, for: 'breakGlass' });
    await t.as('carol')('breakGlass', { encounterId: t.encounterId, reasonCode: 'patient-safety', reasonText: 'Attending asked for the full chart during a rapid response.' });
    const now = t.clock.now().getTime();
    const range = { from: new Date(now - 86_400_000).toISOString(), to: new Date(now + 60_000).toISOString(), utcOffsetMinutes: 0 };
    const m = await t.as('pat')('auditMetrics', range);
    expect(m.access).toMatchObject({ breakGlass: { events: 1, reviewed: 0, unreviewed: 1 }, requests: { total: 0 } });
    expect(m.accessEvents.breakGlass).toBe(1);
  });
});
