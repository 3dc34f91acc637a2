/** Schemas for sign-in, sessions and user administration calls. */
import { z } from 'zod';
import { ROLES } from './roles';

export const Username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
export const DisplayName = z.string().trim().min(1).max(100);
/** Any string up to 256: strength is judged by the password policy, which explains itself. */
export const Password = z.string().min(1).max(256);
export const Otp = z.string().trim().max(20).optional();

/**
 * What a re-authentication is for: the one call it then allows, once. Signing in or unlocking is
 * never such a proof; every export and break-glass asks again.
 */
export const REAUTH_ACTIONS = ['exportQuery', 'packetExport', 'disclosureExport', 'exportInventory', 'breakGlass', 'beginTotpEnrollment'] as const;
export const ReauthAction = z.enum(REAUTH_ACTIONS);
export type ReauthAction = z.infer<typeof ReauthAction>;
export const RoleSchema = z.enum(ROLES);

export const SessionInfo = z.object({
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  state: z.enum(['active', 'locked']),
  mustChangePassword: z.boolean(),
  idleMinutes: z.number().int(),
  /** An authenticator app (TOTP) is enrolled for this user. */
  secondFactor: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SessionState = z.object({ firstRun: z.boolean(), session: SessionInfo.nullable() });
export type SessionState = z.infer<typeof SessionState>;

export const UserSummary = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  secondFactor: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedOut: z.boolean(),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const UserId = z.number().int().positive();

/**
 * What administrators are alerted to about sign-in: accounts locked out now (by repeated
 * failures), names locked that match no account, and callers blocked by the per-source limit.
 */
export const SignInAlerts = z.object({
  lockedAccounts: z.array(z.object({ userId: UserId, username: z.string(), displayName: z.string(), lockedUntil: z.string() })),
  lockedUnknownNames: z.number().int(),
  blockedSources: z.number().int(),
  badge: z.number().int(),
});
export type SignInAlerts = z.infer<typeof SignInAlerts>;

export const AuditVerifyReport = z.object({
  ok: z.boolean(),
  records: z.number().int(),
  lastSeq: z.number().int(),
  checkpointSeq: z.number().int().nullable(),
  /** Fingerprint of the audit head key that signed the head log. */
  headKey: z.string().optional(),
  /** 'unverifiable': nothing found broken, but records after checkpointSeq cannot be proven. */
  broken: z
    .object({ seq: z.number().int(), kind: z.enum(['edited', 'missing', 'truncated', 'checkpoint-forged', 'unverifiable']), message: z.string() })
    .optional(),
});
export type AuditVerifyReport = z.infer<typeof AuditVerifyReport>;

export const AuditEventView = z.object({
  seq: z.number().int(),
  recordedAt: z.string(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  eventType: z.string(),
  outcome: z.string(),
  patientId: z.number().int().nullable(),
  /** DS4P labels of what was shown, comma-separated. */
  labels: z.string().nullable().optional(),
  detail: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;
