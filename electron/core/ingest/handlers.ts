/**
 * IPC handlers for import. `importFiles` asks the main process's file picker (BackendDeps.pickImportFiles:
 * an Electron dialog in the app, a test-set function in the e2e harness) for paths — the renderer
 * never passes one — and starts the pipeline in the background; `importProgress` is polled;
 * `importCancel` stops it after the file in hand. One import runs at a time per backend.
 *
 * The status holds file names, so it belongs to the user who started the import: anyone else
 * polling learns only that an import is running, never its files or results.
 */
import type { ImportStatus } from '../../../shared/ingest-contract';
import type { AuditLog } from '../audit/audit-log';
import { actor } from '../auth/auth-service';
import type { Store } from '../db/store';
import { NtkError } from '../errors';
import type { Handlers } from '../ipc/dispatch';

const IMPORTERS = ['admin', 'supervisor'] as const;

const idle = (): ImportStatus => ({ state: 'idle', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, etaMs: null, results: [], counts: {}, error: null });

export type PickImportFiles = (opts: { folder: boolean }) => Promise<string[]>;

interface Run {
  owner: number;
  stop: AbortController;
  status: ImportStatus;
  /** Result index -> document id of the scans under a placeholder patient (main process only). */
  unfiled: Map<number, number>;
}

export function ingestHandlers(store: Store, audit: AuditLog, pick?: PickImportFiles): Pick<Handlers, 'importFiles' | 'importProgress' | 'importCancel' | 'fileScan'> {
  // The latest run; a run only ever writes its own record, so a finished run cannot overwrite a newer one.
  let current: Run | null = null;
  const running = () => current?.status.state === 'running';
  return {
    importFiles: {
      access: IMPORTERS,
      run: async (r, { session }) => {
        if (!pick) throw new NtkError('FORBIDDEN', 'Importing files is not available here.');
        if (running()) throw new NtkError('CONFLICT', 'An import is already running.');
        // Claimed before the picker opens: a second request while it is open is refused above.
        const run: Run = { owner: session!.userId, stop: new AbortController(), status: { ...idle(), state: 'running' }, unfiled: new Map() };
        const previous = current;
        current = run;
        let started = false;
        try {
          const paths = await pick({ folder: r.folder });
          if (!paths.length) return { started: false, files: 0 };
          // Loaded on first use: the importers pull in the redaction engine and its JSON lexicons,
          // which the rest of the backend (and the e2e harness's loader) need not load up front.
          const [{ importPaths }, { createImporters }, { unfiledScans }] = await Promise.all([import('./pipeline'), import('./importers'), import('./file-scan')]);
          void importPaths({ db: store.db, audit }, paths, {
            importers: createImporters(),
            actor: actor(session!),
            signal: run.stop.signal,
            onProgress: (p) => {
              run.status = { ...run.status, filesDone: p.filesDone, filesTotal: p.filesTotal, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, etaMs: p.etaMs };
            },
          }).then(
            (sum) => {
              run.unfiled = unfiledScans(store.db, sum.results);
              const results = sum.results.map((x, i) => (run.unfiled.has(i) ? { ...x, unfiled: true } : x));
              run.status = { ...run.status, state: sum.cancelled ? 'cancelled' : 'done', results, counts: sum.counts, etaMs: 0 };
            },
            (e: unknown) => {
              run.status = { ...run.status, state: 'failed', error: e instanceof NtkError ? e.message : 'The import stopped unexpectedly; files already imported are kept.' };
            },
          );
          started = true;
          return { started: true, files: paths.length };
        } finally {
          // Nothing picked, or the picker or the importers failed: the previous run's record stands.
          if (!started && current === run) current = previous;
        }
      },
    },
    importProgress: {
      access: IMPORTERS,
      run: (_r, { session }) => {
        if (!current) return idle();
        if (session!.userId === current.owner) return current.status;
        return { ...idle(), state: running() ? 'running' : 'idle' };
      },
    },
    fileScan: {
      access: IMPORTERS,
      run: async (r, { session }) => {
        const run = current;
        if (!run || session!.userId !== run.owner) throw new NtkError('NOT_FOUND', 'That scan is not in your last import.');
        const documentId = run.unfiled.get(r.result);
        if (documentId === undefined) throw new NtkError('NOT_FOUND', 'That scan is not in your last import, or it is already filed under a patient.');
        const { fileScanUnder } = await import('./file-scan');
        fileScanUnder(store.db, audit, actor(session!), documentId, r.mrn);
        run.unfiled.delete(r.result);
        run.status = { ...run.status, results: run.status.results.map((x, i) => (i === r.result ? { ...x, unfiled: false } : x)) };
        return { filed: true };
      },
    },
    importCancel: {
      access: IMPORTERS,
      run: (_r, { session }) => {
        if (!current || !running()) return { cancelling: false };
        if (session!.userId !== current.owner) throw new NtkError('FORBIDDEN', 'Only the person who started this import can cancel it.');
        current.stop.abort();
        return { cancelling: true };
      },
    },
  };
}
