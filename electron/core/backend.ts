/**
 * createBackend: composes the services over one open store and exposes them as
 * the handler table for the contract. The Electron main process, the `ntk` CLI
 * and the e2e harness all use this same composition.
 */
import os from 'node:os';
import path from 'node:path';
import type { AppInfo, CallName, CallRequest, CallResponse, StoreStatusView } from '../../shared/contract';
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
import type { KeySource } from './db/keys';
import { NtkError } from './errors';
import { coderHandlers } from './queries/handlers';
import { QueryService } from './queries/query-service';
import type { PickSavePath } from './save-path';
import { viewSectionSource } from './queries/view-section-source';
import { ViewExcerptSource } from './packets/excerpts';
import { packetHandlers } from './packets/handlers';
import { PacketService } from './packets/packet-service';
import { defaultPolicy, type Policy } from './redaction/policy';
import { ChartViews } from './redaction/views';
import { chartHandlers } from './redaction/views/handlers';
import { closeOcrPool } from './ingest/ocr/pool';
import { ingestHandlers, type PickImportFiles } from './ingest/handlers';
import { accessPolicyFromFile } from './access/policy';
import { createDispatcher, type CallContext, type Dispatch, type FailureLog, type Handlers } from './ipc/dispatch';
import { phiAuditor } from './ipc/phi-audit';
import { worklistSource } from './worklist/work-source';
import { Reanalyzer } from './reanalysis/reanalyzer';
import { RetentionService } from './retention/retention-service';
import { retentionHandlers } from './retention/handlers';
import { useRecorder } from './retention/touch';

export interface BackendDeps {
  store: OpenStoreOptions;
  app: AppInfo;
  log?: FailureLog;
  clock?: Clock;
  /**
   * Holds the audit head key, apart from the store key (the app: the OS keychain; default:
   * NTK_AUDIT_KEY_FILE or a seed file beside the store). See audit/head-log.ts and SECURITY.md.
   */
  auditHeadKeys?: KeySource;
  /** Names this device in the audit trail (default: the host name). */
  workstation?: string;
  /** Asks the user where to save an export (Electron: a save dialog; e2e: a tmp path). */
  pickSavePath?: PickSavePath;
  /** Run the retention purge when the backend starts (default true; `ntk purge --dry-run` turns it off). */
  purgeOnStart?: boolean;
  /** The access policy (default: resources/policy/default.json, validated; a bad one throws PolicyError). */
  policy?: Policy;
  /** Lets the user choose files to import (an Electron dialog; a test-set function in e2e). */
  pickImportFiles?: PickImportFiles;
  /** Re-analyse documents analysed by an older engine in the background once started (the app: true; default false). */
  reanalyzeOnStart?: boolean;
}

export interface Backend {
  readonly store: Store;
  readonly audit: AuditLog;
  readonly auth: AuthService;
  readonly queries: QueryService;
  readonly retention: RetentionService;
  readonly policy: Policy;
  readonly views: ChartViews;
  readonly access: AccessService;
  readonly dispatch: Dispatch;
  readonly packets: PacketService;
  /** Brings stored analysis up to the engine (core/reanalysis/). */
  readonly reanalyzer: Reanalyzer;
  /** Typed call through the same dispatcher the renderer uses. */
  call<K extends CallName>(name: K, request: CallRequest<K>, ctx: CallContext): Promise<Result<CallResponse<K>>>;
  close(): void;
}

/** The store status for the renderer: the file name only, no path naming the user's home folder. */
export function storeStatusView(status: ReturnType<Store['status']>): StoreStatusView {
  const { path: full, ...rest } = status;
  return { ...rest, fileName: path.basename(full) };
}

export function createBackend(deps: BackendDeps): Backend {
  const clock = deps.clock ?? systemClock;
  const policy = deps.policy ?? defaultPolicy();
  const store = Store.open(deps.store);
  const audit = new AuditLog(store.db, store.auditKey, store.path, deps.workstation ?? os.hostname(), clock, deps.auditHeadKeys);
  const auth = new AuthService(store.db, audit, clock);
  const retention = new RetentionService(store.db, audit, clock);
  if (deps.purgeOnStart !== false && !store.db.readonly) runRetention(retention, deps.log);
  const access = new AccessService(store.db, audit, clock, accessPolicyFromFile(policy.access, policy.purposes));
  const views = new ChartViews(store.db, policy, audit, access);
  // A chart opens only for an encounter the viewer's worklist (or a grant) gives it.
  views.useWorklists(worklistSource(store.db));
  // Opening a chart or a document is a use: the patient's retention clock restarts.
  views.setUseListener(useRecorder(store.db, () => clock.now()));
  // A request from a masked placeholder: the caller's own handle table says what is behind it.
  access.setHandleResolver((sessionKey, handle) => {
    const s = auth.sessions.get(sessionKey);
    const t = s ? views.resolveRequestHandle(s, handle) : null;
    return t ? { patientId: t.patientId, encounterId: t.encounterId, sectionCodes: t.sectionCodes, documentId: t.documentId } : undefined;
  });
  const queries = new QueryService(store.db, audit, auth, clock, viewSectionSource(store.db, views), deps.pickSavePath);
  const packets = new PacketService(store.db, audit, clock, new ViewExcerptSource(views));
  const reanalyzer = new Reanalyzer(store.db, audit, () => clock.monotonicMs());
  if (deps.reanalyzeOnStart && !store.db.readonly) void reanalyzer.run().catch((e) => deps.log?.({ ref: 'reanalysis', call: 'reanalyzer.run', name: (e as Error).name, code: (e as { code?: string }).code ?? 'INTERNAL' }));
  const handlers: Handlers = {
    appInfo: { access: 'public', run: () => deps.app },
    storeStatus: {
      access: 'signed-in',
      run: () => {
        if (!store.db.open) throw new NtkError('STORE_NOT_FOUND', 'The store is closed.');
        return { ...storeStatusView(store.status()), analysis: reanalyzer.status() };
      },
    },
    ...authHandlers(auth),
    ...auditHandlers(store, audit),
    ...coderHandlers({ db: store.db, audit, queries, views }),
    ...packetHandlers(store.db, audit, auth, clock, packets, deps.pickSavePath),
    ...auditReviewHandlers(store, audit, clock, accessMetrics),
    ...retentionHandlers({ store, audit, auth, retention, clock, pickSavePath: deps.pickSavePath }),
    ...chartHandlers(views),
    ...demoHandlers(store, audit),
    ...accessHandlers(access, auth, clock),
    ...ingestHandlers(store, audit, deps.pickImportFiles),
  };
  const dispatch = createDispatcher(handlers, createAuthorize(auth, audit), deps.log, phiAuditor(store.db, audit));
  return {
    store,
    audit,
    auth,
    queries,
    retention,
    policy,
    views,
    access,
    dispatch,
    packets,
    reanalyzer,
    call: (name, request, ctx) => dispatch(channelOf(name), request, ctx) as never,
    close: () => {
      reanalyzer.stop(); // between charts: the one in hand is committed or not at all
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
