/** Audit review calls for privacy officers and administrators; each review is itself audited. */
import type { Handlers } from '../../ipc/dispatch';
import { actor } from '../../auth/auth-service';
import type { Clock } from '../../clock';
import type { Store } from '../../db/store';
import { NtkError } from '../../errors';
import type { AuditLog } from '../audit-log';
import { loadEvents, loadPatients, loadUsers, localParts } from './events';
import { unusualAccessFlags } from './flags';
import { auditMetrics, type AccessMetricsSource } from './metrics';
import { userTimeline } from './timeline';

const AUDITORS = ['privacy_officer', 'admin'] as const;
/** Days of history before the range that form each user's volume baseline. */
const BASELINE_DAYS = 30;

export function auditReviewHandlers(store: Store, audit: AuditLog, clock: Clock, accessMetrics?: AccessMetricsSource): Pick<Handlers, 'auditTimeline' | 'auditFlags' | 'auditMetrics'> {
  const checkRange = (from: string, to: string) => {
    if (Date.parse(from) > Date.parse(to)) throw new NtkError('BAD_REQUEST', 'The range ends before it starts.');
  };
  return {
    auditTimeline: {
      access: AUDITORS,
      run: (r, { session }) => {
        checkRange(r.from, r.to);
        const u = store.db.prepare('SELECT id, username, display_name FROM app_user WHERE username = ? COLLATE NOCASE').get(r.username) as
          | { id: number; username: string; display_name: string }
          | undefined;
        if (!u) throw new NtkError('NOT_FOUND', 'No such user.');
        const days = userTimeline(loadEvents(store.db, r), u.id, r);
        audit.append({ ...actor(session!), action: 'R', eventType: 'audit.review', outcome: 'success', detail: { view: 'timeline', targetUserId: u.id, days: days.length } });
        return { user: { id: u.id, username: u.username, displayName: u.display_name }, days };
      },
    },
    auditFlags: {
      access: AUDITORS,
      run: (r, { session }) => {
        checkRange(r.from, r.to);
        const from = new Date(Date.parse(r.from) - BASELINE_DAYS * 86_400_000).toISOString();
        const events = loadEvents(store.db, { from, to: r.to });
        const flags = unusualAccessFlags(events, {
          users: loadUsers(store.db),
          patients: loadPatients(store.db, events.flatMap((e) => (e.patientId === null ? [] : [e.patientId]))),
          utcOffsetMinutes: r.utcOffsetMinutes,
          fromDay: localParts(r.from, r.utcOffsetMinutes).day,
          toDay: localParts(r.to, r.utcOffsetMinutes).day,
        });
        audit.append({ ...actor(session!), action: 'R', eventType: 'audit.review', outcome: 'success', detail: { view: 'flags', flags: flags.length } });
        return flags;
      },
    },
    auditMetrics: {
      access: AUDITORS,
      run: (r, { session }) => {
        checkRange(r.from, r.to);
        const range = { from: r.from, to: r.to };
        const m = auditMetrics(loadEvents(store.db, range), range, accessMetrics ? accessMetrics(store.db, range, clock.now()) : null);
        audit.append({ ...actor(session!), action: 'R', eventType: 'audit.review', outcome: 'success', detail: { view: 'metrics' } });
        return m;
      },
    },
  };
}
