/**
 * Registers every contract call on ipcMain through one guard: the sender frame
 * must be our top-level app:// document, then the shared dispatcher parses the
 * argument with zod and shapes the reply. No generic channel exists.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CALL_NAMES, channelOf } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { CallContext, Dispatch } from '../core/ipc/dispatch';
import { isTrustedSender } from './window-security';

type SenderFrame = { url: string; parent: unknown } | null | undefined;

export function guardedHandler(dispatch: Dispatch, channel: string, trusted: (f: SenderFrame) => boolean = isTrustedSender) {
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, arg: unknown): Promise<Result<unknown>> => {
    if (!trusted(event.senderFrame as SenderFrame)) {
      return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'This window may not call the backend.' } };
    }
    // The session belongs to the window that calls, identified by Electron, not by anything the page sends.
    const ctx: CallContext = { transport: 'ipc', sessionKey: `wc:${event.sender.id}` };
    return dispatch(channel, arg, ctx);
  };
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch): void {
  for (const name of CALL_NAMES) {
    const channel = channelOf(name);
    ipcMain.handle(channel, guardedHandler(dispatch, channel));
  }
}
