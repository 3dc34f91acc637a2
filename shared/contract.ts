/**
 * The IPC contract: every call the renderer can make, with its request schema
 * (parsed in the main process before any handler runs) and its response schema
 * (applied to the reply, which strips anything the contract does not name).
 *
 * The preload bridge and the e2e harness are both generated from this map, so
 * they cannot drift apart. There is no generic "invoke". Which replies carry PHI
 * (and are audited by the dispatcher) is said per call in ./phi-replies.ts.
 */
import { z } from 'zod';
import type { Result } from './result';
import type { CallName } from './calls';
import {
  AuditEventView,
  AuditVerifyReport,
  DisplayName,
  Otp,
  Password,
  ReauthAction,
  SignInAlerts,
  RoleSchema,
  SessionInfo,
  SessionState,
  UserId,
  UserSummary,
  Username,
} from './auth-contract';
import { coderContract } from './coder-contract';
import { packetsContract } from './packets-contract';
import { retentionContract } from './retention-contract';
import { auditReviewContract } from './audit-review-contract';
import { chartContract } from './chart-contract';
import { demoContract } from './demo-contract';
import { accessContract } from './access-contract';
import { ingestContract } from './ingest-contract';

export { CALL_NAMES, callTable, channelOf, type CallName } from './calls';

const NoArgs = z.object({}).strict();

export const StoreStatus = z.object({
  opened: z.boolean(),
  path: z.string(),
  schemaVersion: z.number().int(),
  latestSchemaVersion: z.number().int(),
  cipher: z.literal('sqlcipher'),
  journalMode: z.string(),
  keySource: z.enum(['safeStorage', 'passphrase', 'keyFile']),
  storeId: z.string(),
  createdAt: z.string(),
  counts: z.object({
    patients: z.number().int(),
    encounters: z.number().int(),
    documents: z.number().int(),
  }),
  /** Stored analysis against today's engine (re-analysis in the background); absent where no backend runs it. */
  analysis: z
    .object({
      analyzerVersion: z.string(),
      documents: z.number().int(),
      pending: z.number().int(),
      running: z.boolean(),
      progress: z.object({ chartsDone: z.number().int(), chartsTotal: z.number().int(), documentsDone: z.number().int(), failed: z.number().int() }).nullable(),
    })
    .optional(),
});
export type StoreStatus = z.infer<typeof StoreStatus>;

/**
 * What the renderer gets: the store's file name, never its absolute path (which names the user's
 * home folder); the CLI, which was given the path, prints it from StoreStatus.
 */
export const StoreStatusView = StoreStatus.omit({ path: true }).extend({ fileName: z.string() });
export type StoreStatusView = z.infer<typeof StoreStatusView>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

const Done = z.object({ done: z.literal(true) });

export const contract = {
  appInfo: { request: NoArgs, response: AppInfo },
  storeStatus: { request: NoArgs, response: StoreStatusView },
  sessionState: { request: NoArgs, response: SessionState },
  setupFirstAdmin: {
    request: z.object({ username: Username, displayName: DisplayName, password: Password }).strict(),
    response: SessionInfo,
  },
  login: { request: z.object({ username: z.string().max(64), password: Password, otp: Otp }).strict(), response: SessionInfo },
  logout: { request: NoArgs, response: Done },
  lockSession: { request: NoArgs, response: SessionInfo },
  unlockSession: { request: z.object({ password: Password, otp: Otp }).strict(), response: SessionInfo },
  recordActivity: { request: NoArgs, response: Done },
  changePassword: { request: z.object({ current: Password, next: Password }).strict(), response: SessionInfo },
  reauthenticate: { request: z.object({ password: Password, otp: Otp, for: ReauthAction }).strict(), response: Done },
  beginTotpEnrollment: { request: NoArgs, response: z.object({ secret: z.string(), otpauthUri: z.string() }) },
  confirmTotpEnrollment: { request: z.object({ code: z.string().trim().regex(/^\d{6}$/) }).strict(), response: z.object({ recoveryCodes: z.array(z.string()) }) },
  listUsers: { request: NoArgs, response: z.array(UserSummary) },
  addUser: {
    request: z.object({ username: Username, displayName: DisplayName, role: RoleSchema, password: Password }).strict(),
    response: UserSummary,
  },
  setUserDisabled: { request: z.object({ userId: UserId, disabled: z.boolean() }).strict(), response: UserSummary },
  setUserRole: { request: z.object({ userId: UserId, role: RoleSchema }).strict(), response: UserSummary },
  resetUserPassword: { request: z.object({ userId: UserId, password: Password }).strict(), response: UserSummary },
  unlockUser: { request: z.object({ userId: UserId }).strict(), response: UserSummary },
  signInAlerts: { request: NoArgs, response: SignInAlerts },
  setIdleMinutes: { request: z.object({ minutes: z.number().int().min(1).max(60) }).strict(), response: z.object({ idleMinutes: z.number().int() }) },
  auditVerify: { request: NoArgs, response: AuditVerifyReport },
  auditEvents: {
    request: z
      .object({
        username: z.string().max(64).optional(),
        eventType: z.string().max(64).optional(),
        patientId: z.number().int().positive().optional(),
        label: z.string().regex(/^[A-Z]{2,8}$/).optional(),
        from: z.iso.datetime().optional(),
        to: z.iso.datetime().optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    response: z.array(AuditEventView),
  },
  ...coderContract,
  ...packetsContract,
  ...retentionContract,
  ...auditReviewContract,
  ...chartContract,
  ...demoContract,
  ...accessContract,
  ...ingestContract,
} as const satisfies { [K in CallName]: { request: z.ZodType; response: z.ZodType } };

export type Contract = typeof contract;
export type CallRequest<K extends CallName> = z.input<Contract[K]['request']>;
export type ParsedRequest<K extends CallName> = z.output<Contract[K]['request']>;
export type CallResponse<K extends CallName> = z.output<Contract[K]['response']>;

/** The API object the renderer sees as `window.ntk`. */
export type NtkApi = {
  [K in CallName]: (request: CallRequest<K>) => Promise<Result<CallResponse<K>>>;
};
