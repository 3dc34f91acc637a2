/**
 * The one path every renderer call takes into the backend, whatever carries it
 * (Electron IPC, or the e2e harness's exposed function): look up the call by
 * channel, resolve the caller's session in the main process and check the call's
 * access rule (before the argument is even looked at, so a signed-out or
 * unauthorized caller learns nothing about schemas), parse the argument with the
 * contract's zod schema, run the handler, shape the reply through the response
 * schema (unknown fields are stripped), write the `phi.reply` audit event when the
 * contract marks the reply as carrying PHI (shared/phi-replies.ts), and turn any
 * failure into `{ok:false, error:{code, message}}` with no stack.
 */
import { randomUUID } from 'node:crypto';
import {
  CALL_NAMES,
  channelOf,
  contract,
  type CallName,
  type CallResponse,
  type ParsedRequest,
} from '../../../shared/contract';
import { PHI_REPLIES, type HandlerPhiCall, type PhiSubject } from '../../../shared/phi-replies';
import type { Result } from '../../../shared/result';
import type { Role } from '../../../shared/roles';
import type { Session } from '../auth/sessions';
import { isNtkError, NtkError } from '../errors';
import { PhiReply } from './phi-reply';

/** Who is calling: filled in by the transport in the main process, never taken from arguments. */
export interface CallContext {
  /** 'ipc', 'cli', 'e2e' … */
  transport: string;
  /** The transport's own id for the caller (e.g. the window's webContents id). */
  sessionKey: string;
  /**
   * Where the call comes from, for per-source sign-in limits, when the transport knows better than
   * its caller id (an organization server fills in the client address). See auth/source-throttle.
   */
  source?: string;
}

/**
 * Who may make a call: anyone ('public'); any signed-in, unlocked session
 * ('signed-in'); a signed-in session that must still change its password
 * ('password-change'); or the listed roles.
 */
export type Access = 'public' | 'signed-in' | 'password-change' | readonly Role[];

export interface Caller {
  ctx: CallContext;
  /** Present for every call whose access is not 'public'. */
  session: Session | undefined;
}

/** What a handler returns: the reply, or for calls whose PHI subject only the handler knows, a PhiReply. */
export type HandlerReply<K extends CallName> = K extends HandlerPhiCall ? PhiReply<CallResponse<K>> : CallResponse<K>;

export interface HandlerEntry<K extends CallName> {
  access: Access;
  run(request: ParsedRequest<K>, caller: Caller): HandlerReply<K> | Promise<HandlerReply<K>>;
}

export type Handlers = { [K in CallName]: HandlerEntry<K> };

/** Resolves the caller's session for an access rule, or throws UNAUTHENTICATED / SESSION_LOCKED / FORBIDDEN. */
export type Authorize = (access: Access, call: CallName, ctx: CallContext) => Session | undefined;

/** Something to record failures in. Receives codes and names only, never request data. */
export type FailureLog = (entry: { ref: string; call: string; name: string; code: string }) => void;

export type Dispatch = (channel: string, arg: unknown, ctx: CallContext) => Promise<Result<unknown>>;

/** Writes the audit event of a reply that carries PHI (durably, before the reply is returned); throws if it cannot. */
export type RecordPhiReply = (entry: { call: CallName; session: Session; subject: PhiSubject }) => void;

const NO_PHI_AUDIT: RecordPhiReply = () => {
  throw new NtkError('INTERNAL', 'This reply carries PHI and there is no audit log to record it.');
};

export function createDispatcher(handlers: Handlers, authorize: Authorize, log: FailureLog = () => {}, recordPhi: RecordPhiReply = NO_PHI_AUDIT): Dispatch {
  const byChannel = new Map<string, CallName>(CALL_NAMES.map((n) => [channelOf(n), n]));
  return async (channel, arg, ctx) => {
    const name = byChannel.get(channel);
    if (!name) return { ok: false, error: { code: 'UNKNOWN_CALL', message: 'Unknown call.' } };
    const spec = contract[name];
    try {
      const entry = handlers[name] as unknown as HandlerEntry<CallName>;
      // Who is calling first: the same refusal whatever the argument looks like.
      const session = authorize(entry.access, name, ctx);
      const parsed = spec.request.safeParse(arg);
      if (!parsed.success) {
        const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(argument)'}: ${i.message}`).join('; ');
        return { ok: false, error: { code: 'BAD_REQUEST', message: `Invalid request for ${name}: ${where}` } };
      }
      const reply: unknown = await entry.run(parsed.data as never, { ctx, session });
      const mark = PHI_REPLIES[name] as false | 'handler' | ((r: unknown) => PhiSubject);
      if (reply instanceof PhiReply !== (mark === 'handler')) throw new PhiMarkError(name);
      const value = spec.response.parse(reply instanceof PhiReply ? reply.value : reply);
      if (mark !== false) {
        if (!session) throw new PhiMarkError(name);
        recordPhi({ call: name, session, subject: reply instanceof PhiReply ? reply.subject : mark === 'handler' ? {} : mark(value) });
      }
      return { ok: true, value };
    } catch (e) {
      if (isNtkError(e)) return { ok: false, error: { code: e.code, message: e.message } };
      const ref = randomUUID().slice(0, 8);
      const err = e as { name?: unknown; code?: unknown };
      log({ ref, call: name, name: String(err?.name ?? 'Error'), code: String(err?.code ?? '') });
      return { ok: false, error: { code: 'INTERNAL', message: `Something went wrong (reference ${ref}). Nothing was changed.` } };
    }
  };
}

/** A handler and the contract's PHI mark disagree (a programming error: the reply is withheld). */
class PhiMarkError extends Error {
  override name = 'PhiMarkError';
  readonly code = 'PHI_MARK';
  constructor(call: string) {
    super(`The reply of ${call} does not match its PHI mark in shared/phi-replies.ts.`);
  }
}
