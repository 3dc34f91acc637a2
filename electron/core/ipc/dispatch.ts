/**
 * The one path every renderer call takes into the backend, whatever carries it
 * (Electron IPC, or the e2e harness's exposed function): look up the call by
 * channel, parse the argument with the contract's zod schema, run the handler,
 * shape the reply through the response schema (unknown fields are stripped),
 * and turn any failure into `{ok:false, error:{code, message}}` with no stack.
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
import { isNtkError } from '../errors';

/** Who is calling: filled in by the main process, never taken from arguments. */
export interface CallContext {
  /** Where the call came from, for the audit trail (e.g. 'ipc', 'cli', 'e2e'). */
  transport: string;
}

export type Handlers = {
  [K in CallName]: (request: ParsedRequest<K>, ctx: CallContext) => CallResponse<K> | Promise<CallResponse<K>>;
};

/** Something to record failures in. Receives codes and names only, never request data. */
export type FailureLog = (entry: { ref: string; call: string; name: string; code: string }) => void;

export type Dispatch = (channel: string, arg: unknown, ctx: CallContext) => Promise<Result<unknown>>;

export function createDispatcher(handlers: Handlers, log: FailureLog = () => {}): Dispatch {
  const byChannel = new Map<string, CallName>(CALL_NAMES.map((n) => [channelOf(n), n]));
  return async (channel, arg, ctx) => {
    const name = byChannel.get(channel);
    if (!name) return { ok: false, error: { code: 'UNKNOWN_CALL', message: 'Unknown call.' } };
    const spec = contract[name];
    const parsed = spec.request.safeParse(arg);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(argument)'}: ${i.code}`).join('; ');
      return { ok: false, error: { code: 'BAD_REQUEST', message: `Invalid request for ${name}: ${where}` } };
    }
    try {
      const handler = handlers[name] as (req: unknown, c: CallContext) => unknown;
      const value = spec.response.parse(await handler(parsed.data, ctx));
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
