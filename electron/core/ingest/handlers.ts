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

export function ingestHandlers(store: Store, audit: AuditLog, pick?: PickImportFiles): Pick<Handlers, 'importFiles' | 'importProgress' | 'importCancel'> {
  let status = idle();
  let owner: number | null = null;
  let stop: AbortController | null = null;
  return {
    importFiles: {
      access: IMPORTERS,
      run: async (r, { session }) => {
        if (!pick) throw new NtkError('FORBIDDEN', 'Importing files is not available here.');
        if (status.state === 'running') throw new NtkError('CONFLICT', 'An import is already running.');
        const paths = await pick({ folder: r.folder });
        if (!paths.length) return { started: false, files: 0 };
        status = { ...idle(), state: 'running' };
        owner = session!.userId;
        const ctl = (stop = new AbortController());
        // Loaded on first use: the importers pull in the redaction engine and its JSON lexicons,
        // which the rest of the backend (and the e2e harness's loader) need not load up front.
        const [{ importPaths }, { createImporters }] = await Promise.all([import('./pipeline'), import('./importers')]);
        void importPaths({ db: store.db, audit }, paths, {
          importers: createImporters(),
          actor: actor(session!),
          signal: ctl.signal,
          onProgress: (p) => {
            status = { ...status, filesDone: p.filesDone, filesTotal: p.filesTotal, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, etaMs: p.etaMs };
          },
        }).then(
          (s) => {
            status = { ...status, state: s.cancelled ? 'cancelled' : 'done', results: s.results, counts: s.counts, etaMs: 0 };
          },
          (e: unknown) => {
            status = { ...status, state: 'failed', error: e instanceof NtkError ? e.message : 'The import stopped unexpectedly; files already imported are kept.' };
          },
        );
        return { started: true, files: paths.length };
      },
    },
    importProgress: {
      access: IMPORTERS,
      run: (_r, { session }) => (session!.userId === owner ? status : { ...idle(), state: status.state === 'running' ? 'running' : 'idle' }),
    },
    importCancel: {
      access: IMPORTERS,
      run: (_r, { session }) => {
        if (status.state !== 'running' || !stop) return { cancelling: false };
        if (session!.userId !== owner) throw new NtkError('FORBIDDEN', 'Only the person who started this import can cancel it.');
        stop.abort();
        return { cancelling: true };
      },
    },
  };
}
