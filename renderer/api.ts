/**
 * The renderer's only way to the backend: `window.ntk`, exposed by the preload
 * (or the e2e harness) and typed by the shared contract.
 */
import type { CallName, CallRequest, CallResponse, NtkApi } from '../shared/contract';
import type { AppError, Result } from '../shared/result';

declare global {
  interface Window {
    readonly ntk: NtkApi;
  }
}

export class ApiError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

type SessionLostListener = (code: 'UNAUTHENTICATED' | 'SESSION_LOCKED') => void;
const listeners = new Set<SessionLostListener>();

/** Called whenever the backend says the session is gone or locked, whichever call noticed. */
export function onSessionLost(fn: SessionLostListener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Calls the backend and unwraps the reply, throwing ApiError on `{ok:false}`. */
export async function call<K extends CallName>(name: K, request: CallRequest<K>): Promise<CallResponse<K>> {
  const fn = window.ntk[name] as unknown as (r: CallRequest<K>) => Promise<Result<CallResponse<K>>>;
  const reply = await fn(request);
  if (!reply.ok) {
    const code = reply.error.code;
    if (code === 'UNAUTHENTICATED' || code === 'SESSION_LOCKED') for (const l of listeners) l(code);
    throw new ApiError(reply.error);
  }
  return reply.value;
}

/** The message to show for a failed call. */
export const errorOf = (e: unknown): AppError =>
  e instanceof ApiError ? e.error : { code: 'INTERNAL', message: 'The backend did not answer.' };
