import { describe, expect, it } from 'vitest';
import { queryAudit } from '../../../electron/core/audit/query';
import { verifyAudit } from '../../../electron/core/audit/verify';
import { testBackend } from '../../support/backend';

describe('audit group commit (appendAsync)', () => {
  it('commits appends of one tick in one transaction, resolves each with its seq after the commit, in order, and the chain verifies', async () => {
    const t = testBackend();
    const { audit, store } = t.backend;
    const before = audit.append({ action: 'E', eventType: 'login', outcome: 'success' });
    const promises = Array.from({ length: 10 }, (_, i) => audit.appendAsync({ action: 'R', eventType: 'chart.open', outcome: 'success', patientId: i + 1 }));
    // Nothing is written before the end of the tick...
    expect(queryAudit(store.db, { eventType: 'chart.open' })).toHaveLength(0);
    const seqs = await Promise.all(promises);
    // ...then all ten at once, durable when the promises resolve.
    expect(seqs).toEqual(Array.from({ length: 10 }, (_, i) => before + 1 + i));
    expect(queryAudit(store.db, { eventType: 'chart.open' }).map((e) => [e.seq, e.patient_id]).reverse()).toEqual(seqs.map((s, i) => [s, i + 1]));
    // The next tick starts a new group, still chained after the synchronous appends.
    const mixed = audit.appendAsync({ action: 'E', eventType: 'logout', outcome: 'success' });
    const sync = audit.append({ action: 'E', eventType: 'lockout', outcome: 'success' });
    expect(await mixed).toBe(sync + 1);
    expect(verifyAudit(store.db, store.auditKey, t.dbPath).ok).toBe(true);
    t.backend.close();
  });

  it('rejects every pending append when the commit fails, and writes none of them', async () => {
    const t = testBackend();
    const { audit, store } = t.backend;
    const n = queryAudit(store.db, {}).length;
    const p = [audit.appendAsync({ action: 'R', eventType: 'chart.open', outcome: 'success' }), audit.appendAsync({ action: 'R', eventType: 'chart.open', outcome: 'bogus' as never })];
    const results = await Promise.allSettled(p);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(queryAudit(store.db, {}).length).toBe(n);
    t.backend.close();
  });
});
