/**
 * The IPC contract: every call the renderer can make, with its request schema
 * (parsed in the main process before any handler runs) and its response schema
 * (applied to the reply, which strips anything the contract does not name).
 *
 * The preload bridge and the e2e harness are both generated from this map, so
 * they cannot drift apart. There is no generic "invoke".
 */
import { z } from 'zod';
import type { Result } from './result';
import type { CallName } from './calls';

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
});
export type StoreStatus = z.infer<typeof StoreStatus>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const contract = {
  appInfo: { request: NoArgs, response: AppInfo },
  storeStatus: { request: NoArgs, response: StoreStatus },
} as const satisfies { [K in CallName]: { request: z.ZodType; response: z.ZodType } };

export type Contract = typeof contract;
export type CallRequest<K extends CallName> = z.input<Contract[K]['request']>;
export type ParsedRequest<K extends CallName> = z.output<Contract[K]['request']>;
export type CallResponse<K extends CallName> = z.output<Contract[K]['response']>;

/** The API object the renderer sees as `window.ntk`. */
export type NtkApi = {
  [K in CallName]: (request: CallRequest<K>) => Promise<Result<CallResponse<K>>>;
};
