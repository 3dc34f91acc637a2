/** The access calls (see shared/access-contract.ts) over the AccessService. */
import { APPROVER_ROLES, REQUESTER_ROLES, type GrantScope } from '../../../shared/access-types';
import type { AuthService } from '../auth/auth-service';
import type { Session } from '../auth/sessions';
import type { Clock } from '../clock';
import { isNtkError } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { AccessService } from './access-service';
import { accessMetrics } from './metrics';
import { requestView, reviewView } from './views';

type AccessCalls =
  | 'accessPolicy'
  | 'requestAccess'
  | 'withdrawAccessRequest'
  | 'myAccessRequests'
  | 'accessInbox'
  | 'decideAccess'
  | 'revokeAccess'
  | 'breakGlass'
  | 'accessAlerts'
  | 'acknowledgeAccessAlerts'
  | 'breakGlassReviews'
  | 'closeBreakGlassReview'
  | 'accessMetrics';


export function accessHandlers(access: AccessService, auth: AuthService, clock: Clock): Pick<Handlers, AccessCalls> {
  const me = (s: Session | undefined): Session => s!;
  return {
    accessPolicy: {
      access: 'signed-in',
      run: () => {
        const p = access.currentPolicy;
        return {
          maxRequestMinutes: p.maxRequestMinutes,
          defaultRequestMinutes: p.defaultRequestMinutes,
          breakGlassMinutes: p.breakGlassMinutes,
          maxBreakGlassMinutes: p.maxBreakGlassMinutes,
          reviewWithinDays: p.reviewWithinDays,
          minJustification: p.minJustification,
        };
      },
    },
    requestAccess: {
      access: REQUESTER_ROLES,
      run: (req, { session, ctx }) => requestView(access, access.request(me(session), ctx.sessionKey, req), 'requester'),
    },
    withdrawAccessRequest: {
      access: 'signed-in',
      run: (req, { session }) => requestView(access, access.withdraw(me(session), req.requestId), 'requester'),
    },
    myAccessRequests: {
      access: 'signed-in',
      run: (_req, { session }) => {
        access.sweep();
        return access.repo.forRequester(me(session).userId).map((r) => requestView(access, r, 'requester'));
      },
    },
    accessInbox: {
      access: APPROVER_ROLES,
      run: (req, { session }) => {
        const s = me(session);
        access.sweep();
        const rows = (req.include === 'pending' ? access.repo.byStatus('pending') : access.repo.recent(200)).map((r) => access.current(r));
        const since = new Date(clock.now().getTime() - 30 * 86_400_000).toISOString();
        return rows.map((r) => {
          const blocker = r.status === 'pending' ? access.approvalBlocker(s, r) : 'Already decided';
          return { ...requestView(access, r, 'approver'), canApprove: blocker === null, cannotApproveReason: blocker, history: access.repo.history(r.requester_id, since) };
        });
      },
    },
    decideAccess: {
      access: APPROVER_ROLES,
      run: (req, { session }) => {
        const s = me(session);
        return req.requestIds.map((id) => {
          try {
            let scope: GrantScope | undefined;
            if (req.narrow) {
              const current = access.repo.get(id);
              if (current) {
                const base = JSON.parse(current.scope_json) as GrantScope;
                scope = {
                  ...base,
                  ...(req.narrow.dates ? { from: req.narrow.dates.from, to: req.narrow.dates.to } : {}),
                  ...(req.narrow.sectionCodes ? { sectionCodes: req.narrow.sectionCodes } : {}),
                  ...(req.narrow.labels ? { labels: req.narrow.labels } : {}),
                };
              }
            }
            const r = req.decision === 'approve' ? access.approve(s, id, { minutes: req.minutes, scope }) : access.deny(s, id, req.reason ?? '');
            return { id, ok: true, status: r.status, error: null };
          } catch (e) {
            if (!isNtkError(e)) throw e;
            return { id, ok: false, status: null, error: { code: e.code, message: e.message } };
          }
        });
      },
    },
    revokeAccess: {
      access: 'signed-in',
      run: (req, { session }) => {
        const s = me(session);
        const r = access.revoke(s, req.requestId, req.reason);
        return requestView(access, r, r.requester_id === s.userId ? 'requester' : 'approver');
      },
    },
    breakGlass: {
      access: REQUESTER_ROLES,
      run: (req, { session, ctx }) => {
        auth.requireReauthFor(ctx.sessionKey, 'breakGlass');
        return requestView(access, access.breakGlass(me(session), ctx.sessionKey, req), 'requester');
      },
    },
    accessAlerts: {
      access: 'signed-in',
      run: (_req, { session }) => {
        const s = me(session);
        access.sweep();
        if (!APPROVER_ROLES.includes(s.role)) return { pending: 0, openReviews: 0, overdueReviews: 0, breakGlass: [], badge: 0 };
        const pending = access.repo.byStatus('pending').filter((r) => access.approvalBlocker(s, access.current(r)) === null).length;
        const now = clock.now().toISOString();
        const open = access.repo.reviews(true).filter((v) => access.repo.get(v.request_id)?.requester_id !== s.userId);
        const overdue = open.filter((v) => v.due_at < now).length;
        const breakGlass = access.repo
          .unackedAlerts(s.userId)
          .map((a) => ({ a, r: access.repo.get(a.request_id)! }))
          .filter(({ r }) => r.requester_id !== s.userId)
          .map(({ a, r }) => ({ alertId: a.id, requestId: r.id, username: access.repo.user(r.requester_id)?.username ?? '?', reasonCode: r.reason_code, startedAt: a.created_at, encounterId: r.encounter_id }));
        return { pending, openReviews: open.length, overdueReviews: overdue, breakGlass, badge: pending + breakGlass.length + overdue };
      },
    },
    acknowledgeAccessAlerts: {
      access: APPROVER_ROLES,
      run: (_req, { session }) => ({ acknowledged: access.repo.ackAlerts(me(session).userId, clock.now().toISOString()) }),
    },
    breakGlassReviews: {
      access: APPROVER_ROLES,
      run: (req) => {
        access.sweep();
        const now = clock.now();
        return access.repo.reviews(req.include === 'open').map((v) => reviewView(access, v.request_id, now));
      },
    },
    closeBreakGlassReview: {
      access: APPROVER_ROLES,
      run: (req, { session }) => {
        access.closeReview(me(session), req.requestId, req.verdict, req.notes);
        return reviewView(access, req.requestId, clock.now());
      },
    },
    accessMetrics: {
      access: ['supervisor', 'privacy_officer', 'admin'],
      run: (req) => accessMetrics(access.db, req, clock.now()),
    },
  };
}
