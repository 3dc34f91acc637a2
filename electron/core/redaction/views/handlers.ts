/** IPC handlers for the chart contract (shared/chart-contract.ts). Identity and purpose come from the session. */
import { NtkError } from '../../errors';
import type { Handlers } from '../../ipc/dispatch';
import type { ChartViews } from './chart-views';

type ChartCalls = 'declarePurpose' | 'openChart' | 'openDocument' | 'findInChart';

const sessionOf = <T>(s: T | undefined): T => {
  if (!s) throw new NtkError('UNAUTHENTICATED', 'Not signed in.');
  return s;
};

export function chartHandlers(views: ChartViews): Pick<Handlers, ChartCalls> {
  return {
    declarePurpose: { access: 'signed-in', run: (r, { session }) => views.declarePurpose(sessionOf(session), r.purpose, r.encounterId) },
    openChart: { access: 'signed-in', run: (r, { session }) => views.openChart(sessionOf(session), r.encounterId) },
    openDocument: { access: 'signed-in', run: (r, { session }) => views.openDocument(sessionOf(session), r.documentId) },
    findInChart: { access: 'signed-in', run: (r, { session }) => views.findInChart(sessionOf(session), r.encounterId, r.query) },
  };
}
