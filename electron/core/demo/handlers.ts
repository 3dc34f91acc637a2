/**
 * `loadDemoData` (admins only): writes seeded synthetic charts, but only into a store that holds no
 * patients yet, so demo charts never mix with real ones. Audited as 'demo.generate'.
 */
import type { Handlers } from '../ipc/dispatch';
import type { AuditLog } from '../audit/audit-log';
import { actor } from '../auth/auth-service';
import type { Store } from '../db/store';
import { NtkError } from '../errors';
import { writeDemo } from '../ingest/synthetic';

export function demoHandlers(store: Store, audit: AuditLog): Pick<Handlers, 'loadDemoData'> {
  return {
    loadDemoData: {
      access: ['admin'],
      run: (r, { session }) => {
        const held = (store.db.prepare('SELECT count(*) AS n FROM patient').get() as { n: number }).n;
        if (held > 0) {
          audit.append({ ...actor(session!), action: 'C', eventType: 'demo.generate', outcome: 'failure', detail: { reason: 'store-not-empty' } });
          throw new NtkError('CONFLICT', 'Demo data can only be loaded into an empty store.');
        }
        const result = writeDemo(store.db, { patients: r.patients, seed: r.seed });
        const summary = {
          patients: result.patients.length,
          encounters: result.counts.encounter ?? 0,
          documents: result.counts.document ?? 0,
          claims: result.counts.claim ?? 0,
        };
        audit.append({ ...actor(session!), action: 'C', eventType: 'demo.generate', outcome: 'success', detail: { seed: r.seed, ...summary } });
        return summary;
      },
    },
  };
}
