import { callTable } from './calls';
import type { NtkApi } from './contract';

/**
 * Builds the renderer's API object from the contract: one function per call,
 * each sending its single argument on its own channel. Used by the preload
 * (over ipcRenderer.invoke); the e2e harness builds the same table in the page.
 */
export function buildApi(invoke: (channel: string, arg: unknown) => Promise<unknown>): NtkApi {
  const api: Record<string, (arg: unknown) => Promise<unknown>> = {};
  for (const [name, channel] of callTable()) {
    api[name] = (arg: unknown) => invoke(channel, arg ?? {});
  }
  return Object.freeze(api) as unknown as NtkApi;
}
