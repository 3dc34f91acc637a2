/**
 * IPC handlers for the chart contract (shared/chart-contract.ts). Identity and purpose come from the
 * session; a purpose is declared for one encounter, and every chart reply names its subject (the
 * declared encounter and its patient, the document) for the dispatcher's PHI audit.
 */
import { NtkError } from '../../errors';
import type { Handlers } from '../../ipc/dispatch';
import { phiReply } from '../../ipc/phi-reply';
import type { ChartViews, Viewer } from './chart-views';

type ChartCalls = 'declarePurpose' | 'openChart' | 'openDocument' | 'findInChart';

const sessionOf = <T>(s: T | undefined): T => {
  if (!s) throw new NtkError('UNAUTHENTICATED', 'Not signed in.');
  return s;
};

/** The encounter (and patient) the viewer's purpose is declared for: every chart reply is about it. */
const declared = (v: Viewer) => ({ patientIds: v.purpose?.patientId != null ? [v.purpose.patientId] : [], encounterIds: v.purpose?.encounterId != null ? [v.purpose.encounterId] : [] });

export function chartHandlers(views: ChartViews): Pick<Handlers, ChartCalls> {
  return {
    declarePurpose: { access: 'signed-in', run: (r, { session }) => views.declarePurpose(sessionOf(session), r.purpose, r.encounterId) },
    openChart: {
      access: 'signed-in',
      run: (r, { session }) => {
        const s = sessionOf(session);
        return phiReply(views.openChart(s, r.encounterId), declared(s));
      },
    },
    openDocument: {
      access: 'signed-in',
      run: (r, { session }) => {
        const s = sessionOf(session);
        const view = views.openDocument(s, r.documentId);
        const id = views.documentIdOf(s, r.documentId);
        return phiReply(view, { ...declared(s), documentIds: id === null ? [] : [id] });
      },
    },
    findInChart: {
      access: 'signed-in',
      run: (r, { session }) => {
        const s = sessionOf(session);
        return phiReply(views.findInChart(s, r.encounterId, r.query), declared(s));
      },
    },
  };
}
