/**
 * The one path every renderer call takes into the backend, whatever carries it
 * (Electron IPC, or the e2e harness's exposed function): look up the call by
 * channel, parse the argument with the contract's zod schema, resolve the
 * caller's session in the main process and check the call's access rule, run
 * the handler, shape the reply through the response schema (unknown fields are
 * stripped), and turn any failure into `{ok:false, error:{code, message}}` with
 * no stack.
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
import type { Result } from '../../../shared/result';
import type { Role } from '../../../shared/roles';
import type { Session } from '../auth/sessions';
import { isNtkError } from '../errors';

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

export interface HandlerEntry<K extends CallName> {
  access: Access;
  run(request: ParsedRequest<K>, caller: Caller): CallResponse<K> | Promise<CallResponse<K>>;
}

export type Handlers = { [K in CallName]: HandlerEntry<K> };

/** Resolves the caller's session for an access rule, or throws UNAUTHENTICATED / SESSION_LOCKED / FORBIDDEN. */
export type Authorize = (access: Access, call: CallName, ctx: CallContext) => Session | undefined;

/** Something to record failures in. Receives codes and names only, never request data. */
export type FailureLog = (entry: { ref: string; call: string; name: string; code: string }) => void;

export type Dispatch = (channel: string, arg: unknown, ctx: CallContext) => Promise<Result<unknown>>;

export function createDispatcher(handlers: Handlers, authorize: Authorize, log: FailureLog = () => {}): Dispatch {
  const byChannel = new Map<string, CallName>(CALL_NAMES.map((n) => [channelOf(n), n]));
  return async (channel, arg, ctx) => {
    const name = byChannel.get(channel);
    if (!name) return { ok: false, error: { code: 'UNKNOWN_CALL', message: 'Unknown call.' } };
    const spec = contract[name];
    const parsed = spec.request.safeParse(arg);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(argument)'}: ${i.message}`).join('; ');
      return { ok: false, error: { code: 'BAD_REQUEST', message: `Invalid request for ${name}: ${where}` } };
    }
    try {
      const entry = handlers[name] as unknown as HandlerEntry<CallName>;
      const session = authorize(entry.access, name, ctx);
      const value = spec.response.parse(await entry.run(parsed.data as never, { ctx, session }));
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
