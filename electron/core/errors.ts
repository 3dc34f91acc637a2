import type { ErrorCode } from '../../shared/result';

/** An error the user can act on: a stable code plus a message safe to show (no PHI, no stack). */
export class NtkError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'NtkError';
  }
}

export const isNtkError = (e: unknown): e is NtkError => e instanceof NtkError;
