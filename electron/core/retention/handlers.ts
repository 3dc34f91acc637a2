/** Calls for the retention policy, the purge and the exposure inventory (admin and privacy officer). */
import type { Handlers } from '../ipc/dispatch';
import type { AuditLog } from '../audit/audit-log';
import { actor, type AuthService } from '../auth/auth-service';
import type { Clock } from '../clock';
import type { Store } from '../db/store';
import { askSavePath, writeExportFile, type PickSavePath } from '../save-path';
import { buildInventory, inventoryAuditEvents, inventoryScopeFor } from './inventory';
import { inventoryCsv, inventoryPdf } from './inventory-export';
import { AUDIT_RETENTION_YEARS, type RetentionPolicy } from './policy';
import type { RetentionService } from './retention-service';

export interface RetentionHandlerDeps {
  store: Store;
  audit: AuditLog;
  auth: AuthService;
  retention: RetentionService;
  clock: Clock;
  pickSavePath?: PickSavePath;
}

const view = (p: RetentionPolicy) => ({ idleDays: p.idleDays, purgeOnClose: p.purgeOnClose, updatedAt: p.updatedAt, auditRetentionYears: AUDIT_RETENTION_YEARS });

type Names = 'retentionPolicy' | 'setRetentionPolicy' | 'runRetention' | 'exposureInventory' | 'exportInventory';

export function retentionHandlers(d: RetentionHandlerDeps): Pick<Handlers, Names> {
  return {
    retentionPolicy: { access: ['admin', 'privacy_officer'], run: () => view(d.retention.policy()) },
    setRetentionPolicy: {
      access: ['admin'],
      run: (r, { session }) => view(d.retention.setPolicy(r, { ...actor(session!), purpose: null })),
    },
    runRetention: {
      access: ['admin'],
      run: (r, { session }) => d.retention.runDue({ dryRun: r.dryRun, actor: { ...actor(session!), purpose: null } }),
    },
    exposureInventory: {
      access: ['admin', 'privacy_officer'],
      run: (_r, { session }) => {
        const inv = buildInventory(d.store.db, d.clock.now(), inventoryScopeFor(session!.role));
        d.audit.appendMany(inventoryAuditEvents(inv, actor(session!), 'read'));
        return inv;
      },
    },
    exportInventory: {
      access: ['admin', 'privacy_officer'],
      run: async (r, { session, ctx }) => {
        d.auth.requireReauthFor(ctx.sessionKey, 'exportInventory');
        const now = d.clock.now();
        // A cancelled dialog is not an error here: the screen says nothing was saved.
        const target = await askSavePath(d.pickSavePath, { defaultName: `exposure-inventory-${now.toISOString().slice(0, 10)}.${r.format}`, format: r.format });
        if (!target) return { saved: false, patients: 0 };
        const inv = buildInventory(d.store.db, now, inventoryScopeFor(session!.role));
        const bytes = r.format === 'csv' ? inventoryCsv(inv) : await inventoryPdf(inv, { workstation: d.audit.workstationName });
        writeExportFile(target, bytes);
        d.audit.appendMany(inventoryAuditEvents(inv, actor(session!), 'export', { format: r.format }));
        return { saved: true, patients: inv.totals.patients };
      },
    },
  };
}
