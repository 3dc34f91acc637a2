import type { AuditEventView } from '../../../shared/auth-contract';
import type { Handlers } from '../ipc/dispatch';
import { actor } from '../auth/auth-service';
import type { AuditLog } from './audit-log';
import { queryAudit } from './query';
import { verifyAudit } from './verify';
import type { Store } from '../db/store';

const AUDITORS = ['privacy_officer', 'admin'] as const;

export function auditHandlers(store: Store, audit: AuditLog): Pick<Handlers, 'auditVerify' | 'auditEvents'> {
  return {
    auditVerify: {
      access: AUDITORS,
      run: (_r, { session }) => {
        const report = verifyAudit(store.db, store.auditKey, store.path, { headKey: audit.headPublicKey });
        audit.append({ ...actor(session!), action: 'E', eventType: 'audit.verify', outcome: report.ok ? 'success' : 'failure', detail: { records: report.records } });
        return report;
      },
    },
    auditEvents: {
      access: AUDITORS,
      run: (r, { session }): AuditEventView[] => {
        const rows = queryAudit(store.db, r);
        audit.append({ ...actor(session!), action: 'R', eventType: 'audit.read', outcome: 'success', detail: { rows: rows.length } });
        return rows.map((e) => ({
          seq: e.seq,
          recordedAt: e.recorded_at,
          username: e.username,
          role: e.role,
          action: e.action,
          eventType: e.event_type,
          outcome: e.outcome,
          patientId: e.patient_id,
          labels: e.labels,
          detail: e.detail,
        }));
      },
    },
  };
}
