/**
 * createBackend: composes the services over one open store and exposes them as
 * the handler table for the contract. The Electron main process, the `ntk` CLI
 * and the e2e harness all use this same composition.
 */
import type { AppInfo, CallName, CallRequest, CallResponse } from '../../shared/contract';
import { channelOf } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { Store, type OpenStoreOptions } from './db/store';
import { NtkError } from './errors';
import { createDispatcher, type CallContext, type Dispatch, type FailureLog, type Handlers } from './ipc/dispatch';

export interface BackendDeps {
  store: OpenStoreOptions;
  app: AppInfo;
  log?: FailureLog;
}

export interface Backend {
  readonly store: Store;
  readonly dispatch: Dispatch;
  /** Typed call through the same dispatcher the renderer uses. */
  call<K extends CallName>(name: K, request: CallRequest<K>, ctx: CallContext): Promise<Result<CallResponse<K>>>;
  close(): void;
}

export function createBackend(deps: BackendDeps): Backend {
  const store = Store.open(deps.store);
  const handlers: Handlers = {
    appInfo: () => deps.app,
    storeStatus: () => {
      if (!store.db.open) throw new NtkError('STORE_NOT_FOUND', 'The store is closed.');
      return store.status();
    },
  };
  const dispatch = createDispatcher(handlers, deps.log);
  return {
    store,
    dispatch,
    call: (name, request, ctx) => dispatch(channelOf(name), request, ctx) as never,
    close: () => store.close(),
  };
}
