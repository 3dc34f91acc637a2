import type { Handlers } from '../ipc/dispatch';
import { NtkError } from '../errors';
import type { AuthService } from './auth-service';
import { sourceOf } from './source-throttle';

type AuthCalls =
  | 'sessionState'
  | 'setupFirstAdmin'
  | 'login'
  | 'logout'
  | 'lockSession'
  | 'unlockSession'
  | 'recordActivity'
  | 'changePassword'
  | 'reauthenticate'
  | 'beginTotpEnrollment'
  | 'confirmTotpEnrollment'
  | 'listUsers'
  | 'addUser'
  | 'setUserDisabled'
  | 'setUserRole'
  | 'resetUserPassword'
  | 'unlockUser'
  | 'signInAlerts'
  | 'setIdleMinutes';

const ADMIN = ['admin'] as const;
const done = { done: true as const };

export function authHandlers(auth: AuthService): Pick<Handlers, AuthCalls> {
  const admin = (s: unknown) => {
    if (!s) throw new NtkError('UNAUTHENTICATED', 'Not signed in.');
    return s as NonNullable<Parameters<AuthService['addUser']>[0]>;
  };
  return {
    sessionState: {
      access: 'public',
      run: (_r, { session }) => ({ firstRun: auth.firstRun, session: session ? auth.info(session) : null }),
    },
    setupFirstAdmin: { access: 'public', run: (r, { ctx }) => auth.setupFirstAdmin(ctx.sessionKey, r.username, r.displayName, r.password) },
    login: { access: 'public', run: (r, { ctx }) => auth.login(ctx.sessionKey, r.username, r.password, r.otp, sourceOf(ctx)) },
    logout: {
      access: 'public',
      run: (_r, { ctx }) => {
        auth.logout(ctx.sessionKey);
        return done;
      },
    },
    lockSession: { access: 'password-change', run: (_r, { ctx }) => auth.lock(ctx.sessionKey) },
    unlockSession: { access: 'public', run: (r, { ctx }) => auth.unlock(ctx.sessionKey, r.password, r.otp, sourceOf(ctx)) },
    recordActivity: {
      access: 'password-change',
      run: (_r, { ctx }) => {
        auth.sessions.touch(ctx.sessionKey, 'renderer');
        return done;
      },
    },
    changePassword: { access: 'password-change', run: (r, { ctx }) => auth.changePassword(ctx.sessionKey, r.current, r.next, sourceOf(ctx)) },
    reauthenticate: {
      access: 'signed-in',
      run: async (r, { ctx }) => {
        await auth.reauthenticate(ctx.sessionKey, r.password, r.otp, r.for, sourceOf(ctx));
        return done;
      },
    },
    beginTotpEnrollment: { access: 'signed-in', run: (_r, { ctx }) => auth.beginTotpEnrollment(ctx.sessionKey) },
    confirmTotpEnrollment: { access: 'signed-in', run: (r, { ctx }) => auth.confirmTotpEnrollment(ctx.sessionKey, r.code) },
    listUsers: { access: ADMIN, run: () => auth.listUsers() },
    addUser: { access: ADMIN, run: (r, { session }) => auth.addUser(admin(session), r.username, r.displayName, r.role, r.password) },
    setUserDisabled: { access: ADMIN, run: (r, { session }) => auth.setDisabled(admin(session), r.userId, r.disabled) },
    setUserRole: { access: ADMIN, run: (r, { session }) => auth.setRole(admin(session), r.userId, r.role) },
    resetUserPassword: { access: ADMIN, run: (r, { session }) => auth.resetPassword(admin(session), r.userId, r.password) },
    unlockUser: { access: ADMIN, run: (r, { session }) => auth.unlockUser(admin(session), r.userId) },
    signInAlerts: { access: ADMIN, run: () => auth.signInAlerts() },
    setIdleMinutes: { access: ADMIN, run: (r, { session }) => ({ idleMinutes: auth.setIdleMinutes(admin(session), r.minutes) }) },
  };
}
