import type { CallName } from '../../../shared/calls';
import type { AuditLog } from '../audit/audit-log';
import { NtkError } from '../errors';
import type { Access, Authorize, CallContext } from '../ipc/dispatch';
import { actor, type AuthService } from './auth-service';

/** The access check every call passes through; refusals by role are audited. */
export function createAuthorize(auth: AuthService, audit: AuditLog): Authorize {
  return (access: Access, call: CallName, ctx: CallContext) => {
    if (access === 'public') return auth.sessions.get(ctx.sessionKey);
    const session = auth.requireActive(ctx.sessionKey, access === 'password-change');
    if (Array.isArray(access) && !access.includes(session.role)) {
      audit.append({ ...actor(session), action: 'E', eventType: 'access.denied', outcome: 'denied', detail: { call } });
      throw new NtkError('FORBIDDEN', 'Your role does not allow this.');
    }
    return session;
  };
}
