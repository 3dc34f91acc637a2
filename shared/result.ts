/**
 * The reply shape of every backend call, over IPC or the CLI.
 * Errors carry a stable code and a human message; never a stack trace.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  /** An imported file is malformed, of an unsupported kind or too large (ingest). */
  'BAD_INPUT',
  'UNKNOWN_CALL',
  'FORBIDDEN_SENDER',
  'STORE_NOT_FOUND',
  'WRONG_KEY_OR_NOT_STORE',
  'NEWER_SCHEMA',
  'READ_ONLY',
  'DISK_FULL',
  'KEY_UNAVAILABLE',
  'UNAUTHENTICATED',
  'SESSION_LOCKED',
  'FORBIDDEN',
  'AUTH_FAILED',
  'THROTTLED',
  'WEAK_PASSWORD',
  'CONFLICT',
  'NOT_FOUND',
  'REAUTH_REQUIRED',
  'PURPOSE_REQUIRED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };
