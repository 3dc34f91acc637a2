/**
 * createBackend: composes the services over one open store and exposes them as
 * the handler table for the contract. The Electron main process, the `ntk` CLI
 * and the e2e harness all use this same composition.
 */
import os from 'node:os';
import type { AppInfo, CallName, CallRequest, CallResponse } from '../../shared/contract';
import { channelOf } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { AccessService } from './access/access-service';
import { accessHandlers } from './access/handlers';
import { accessMetrics } from './access/metrics';
import { AuditLog } from './audit/audit-log';
import { auditHandlers } from './audit/handlers';
import { auditReviewHandlers } from './audit/review/handlers';
import { AuthService } from './auth/auth-service';
import { createAuthorize } from './auth/authorize';
import { authHandlers } from './auth/handlers';
import { systemClock, type Clock } from './clock';
import { demoHandlers } from './demo/handlers';
import { Store, type OpenStoreOptions } from './db/store';
import { NtkError } from './errors';
import { defaultPolicy, type Policy } from './redaction/policy';
import { ChartViews, type GrantSource } from './redaction/views';
import { chartHandlers } from './redaction/views/handlers';
import { closeOcrPool } from './ingest/ocr/pool';
import { createDispatcher, type CallContext, type Dispatch, type FailureLog, type Handlers } from './ipc/dispatch';
import { RetentionService } from './retention/retention-service';
import { retentionHandlers } from './retention/handlers';

export interface BackendDeps {
  store: OpenStoreOptions;
  app: AppInfo;
  log?: FailureLog;
  clock?: Clock;
  /** Names this device in the audit trail (default: the host name). */
  workstation?: string;
  /** Run the retention purge when the backend starts (default true; `ntk purge --dry-run` turns it off). */
  purgeOnStart?: boolean;
  /** Asks the person where to save an export (a main-process dialog); null when they cancel. */
  pickSavePath?: (suggestedName: string) => Promise<string | null>;
  /** The access policy (default: resources/policy/default.json, validated; a bad one throws PolicyError). */
  policy?: Policy;
  /** Active grants for the view builder; default: the access service's. */
  grants?: GrantSource;
}

export interface Backend {
  readonly store: Store;
  readonly audit: AuditLog;
  readonly auth: AuthService;
  readonly retention: RetentionService;
  readonly policy: Policy;
  readonly views: ChartViews;
  readonly access: AccessService;
  readonly dispatch: Dispatch;
  /** Typed call through the same dispatcher the renderer uses. */
  call<K extends CallName>(name: K, request: CallRequest<K>, ctx: CallContext): Promise<Result<CallResponse<K>>>;
  close(): void;
}

export function createBackend(deps: BackendDeps): Backend {
  const clock = deps.clock ?? systemClock;
  const policy = deps.policy ?? defaultPolicy();
  const store = Store.open(deps.store);
  const audit = new AuditLog(store.db, store.auditKey, store.path, deps.workstation ?? os.hostname(), clock);
  const auth = new AuthService(store.db, audit, clock);
  const retention = new RetentionService(store.db, audit, clock);
  if (deps.purgeOnStart !== false && !store.db.readonly) runRetention(retention, deps.log);
  const access = new AccessService(store.db, audit, clock);
  const views = new ChartViews(store.db, policy, audit, deps.grants ?? access);
  const handlers: Handlers = {
    appInfo: { access: 'public', run: () => deps.app },
    storeStatus: {
      access: 'signed-in',
      run: () => {
        if (!store.db.open) throw new NtkError('STORE_NOT_FOUND', 'The store is closed.');
        return store.status();
      },
    },
    ...authHandlers(auth),
    ...auditHandlers(store, audit),
    ...auditReviewHandlers(store, audit, clock, accessMetrics),
    ...retentionHandlers({ store, audit, auth, retention, clock, pickSavePath: deps.pickSavePath }),
    ...chartHandlers(views),
    ...demoHandlers(store, audit),
    ...accessHandlers(access, auth, clock),
  };
  const dispatch = createDispatcher(handlers, createAuthorize(auth, audit), deps.log);
  return {
    store,
    audit,
    auth,
    retention,
    policy,
    views,
    access,
    dispatch,
    call: (name, request, ctx) => dispatch(channelOf(name), request, ctx) as never,
    close: () => {
      // Sign the chain head on the way out, unless this was a read-only open (`ntk info`), which writes nothing.
      if (store.db.open && !store.db.readonly) {
        access.persist();
        audit.checkpoint();
      }
      store.close();
      // OCR worker threads would keep the process alive; they start again on the next scan.
      void closeOcrPool();
    },
  };
}

/** Runs the due purge; a failure is logged by code only and never stops the app from starting. */
export function runRetention(retention: RetentionService, log: FailureLog = () => {}): void {
  try {
    retention.runDue();
  } catch (e) {
    log({ ref: 'retention', call: 'retention.runDue', name: (e as Error).name, code: (e as { code?: string }).code ?? 'INTERNAL' });
  }
}
