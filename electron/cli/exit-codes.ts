import type { ErrorCode } from '../../shared/result';

/** sysexits(3)-style exit codes, one per error code, so scripts can branch on them. */
export const EXIT_CODES: Record<ErrorCode | 'USAGE', number> = {
  USAGE: 64,
  BAD_REQUEST: 64,
  BAD_INPUT: 65, // EX_DATAERR: a malformed input file
  UNKNOWN_CALL: 64,
  FORBIDDEN_SENDER: 77,
  WRONG_KEY_OR_NOT_STORE: 65,
  NEWER_SCHEMA: 65,
  STORE_NOT_FOUND: 66,
  INTERNAL: 70,
  READ_ONLY: 73,
  DISK_FULL: 74,
  KEY_UNAVAILABLE: 78,
  UNAUTHENTICATED: 77,
  SESSION_LOCKED: 77,
  FORBIDDEN: 77,
  AUTH_FAILED: 77,
  THROTTLED: 75,
  WEAK_PASSWORD: 65,
  CONFLICT: 65,
  NOT_FOUND: 66,
  REAUTH_REQUIRED: 77,
  PURPOSE_REQUIRED: 77,
};
