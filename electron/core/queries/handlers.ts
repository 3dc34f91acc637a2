/** The coder workstation's calls: worklist, preferences and physician queries. */
import type { Role } from '../../../shared/roles';
import type { AuditLog } from '../audit/audit-log';
import { actor } from '../auth/auth-service';
import type { Handlers } from '../ipc/dispatch';
import { UserPrefs } from '../worklist/prefs';
import { Worklist, worklistViewer, type ListedDocuments } from '../worklist/worklist';
import type { QueryService } from './query-service';

type CoderCalls =
  | 'listWorklist'
  | 'claimEncounter'
  | 'getCoderPrefs'
  | 'setCoderPrefs'
  | 'createQuery'
  | 'updateQuery'
  | 'getQuery'
  | 'listQueries'
  | 'previewQuery'
  | 'exportQuery'
  | 'setQueryStatus';

/** Who codes and queries. Supervisors and privacy officers may read queries (review), not write them. */
const CODERS: readonly Role[] = ['coder', 'cdi', 'supervisor'];
const WRITERS: readonly Role[] = ['coder', 'cdi'];
const READERS: readonly Role[] = ['coder', 'cdi', 'supervisor', 'privacy_officer'];

export function coderHandlers(deps: { db: ConstructorParameters<typeof Worklist>[0]; audit: AuditLog; queries: QueryService; views: ListedDocuments }): Pick<Handlers, CoderCalls> {
  const worklist = new Worklist(deps.db, deps.views);
  const prefs = new UserPrefs(deps.db);
  const viewerOf = (s: { userId: number; role: Role }) => worklistViewer(s, prefs.coder(s.userId).rememberedPurpose);
  const { queries, audit } = deps;
  return {
    listWorklist: {
      access: CODERS,
      run: (req, { session }) => {
        const out = worklist.list(viewerOf(session!), req);
        audit.append({ ...actor(session!), action: 'R', eventType: 'worklist.view', outcome: 'success', detail: { rows: out.rows.length, scope: req.scope } });
        return out;
      },
    },
    claimEncounter: {
      access: WRITERS,
      run: (req, { session }) => {
        const row = worklist.claim(viewerOf(session!), req.encounterId, req.release);
        audit.append({ ...actor(session!), action: 'U', eventType: req.release ? 'worklist.release' : 'worklist.claim', outcome: 'success', encounterId: req.encounterId });
        return row;
      },
    },
    getCoderPrefs: { access: CODERS, run: (_req, { session }) => prefs.coder(session!.userId) },
    setCoderPrefs: { access: CODERS, run: (req, { session }) => prefs.setCoder(session!.userId, req) },
    createQuery: { access: WRITERS, run: (req, { session }) => queries.create(session!, req.encounterId, req) },
    updateQuery: { access: WRITERS, run: (req, { session }) => queries.update(session!, req.queryId, req) },
    getQuery: { access: READERS, run: (req, { session }) => queries.get(session!, req.queryId) },
    listQueries: { access: READERS, run: (req, { session }) => queries.list(session!, req) },
    previewQuery: { access: READERS, run: (req, { session }) => queries.preview(session!, req.queryId) },
    exportQuery: {
      access: WRITERS,
      run: (req, { session, ctx }) => queries.export(session!, ctx.sessionKey, req.queryId, req.format, req.justifications),
    },
    setQueryStatus: {
      access: WRITERS,
      run: (req, { session }) => queries.setStatus(session!, req.queryId, req.status, { option: req.answerOption, note: req.answerNote }),
    },
  };
}
