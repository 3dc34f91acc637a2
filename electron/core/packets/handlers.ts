/**
 * IPC handlers of the biller workstation. Denial and packet calls are for billers and supervisors
 * and always work under the denial-dispute purpose; the accounting of disclosures is for privacy
 * officers and administrators. Exports need a recent re-authentication.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Handlers } from '../ipc/dispatch';
import { phiReply } from '../ipc/phi-reply';
import type { AuditLog } from '../audit/audit-log';
import { actor, type AuthService } from '../auth/auth-service';
import type { Session } from '../auth/sessions';
import type { Clock } from '../clock';
import { saveExport, type PickSavePath } from '../save-path';
import { disclosuresCsv, disclosuresPdf, findPatient, queryDisclosures, recordDisclosure } from './disclosures';
import { requestRef, type PacketService, type Preparer } from './packet-service';
import { queryWorklist, requireDenialWorklist, setWorkStatus } from './worklist';

const BILLING = ['biller', 'supervisor'] as const;
const PRIVACY = ['privacy_officer', 'admin'] as const;

type PacketCalls =
  | 'denialWorklist'
  | 'setDenialStatus'
  | 'packetDraft'
  | 'saveLetterTemplate'
  | 'packetCheck'
  | 'packetExport'
  | 'packetHistory'
  | 'disclosureReport'
  | 'recordExceptionDisclosure'
  | 'disclosureExport';

const ids = (xs: Array<number | null>): number[] => xs.filter((x): x is number => x !== null);

const preparerOf = (s: Session): Preparer => ({ userId: s.userId, displayName: s.displayName, audit: actor(s) });

export function packetHandlers(
  db: Database,
  audit: AuditLog,
  auth: AuthService,
  clock: Clock,
  packets: PacketService,
  pickSavePath?: PickSavePath,
): Pick<Handlers, PacketCalls> {
  const day = () => clock.now().toISOString().slice(0, 10);
  return {
    denialWorklist: {
      access: BILLING,
      run: (r, { session }) => {
        const result = queryWorklist(db, clock.now(), r);
        audit.append({ ...actor(session!), purpose: 'denial_dispute', action: 'R', eventType: 'denials.read', outcome: 'success', detail: { rows: result.rows.length } });
        return result;
      },
    },
    setDenialStatus: {
      access: BILLING,
      run: (r, { session }) => {
        requireDenialWorklist(db, r.claimId);
        setWorkStatus(db, r.claimId, r.status);
        audit.append({ ...actor(session!), purpose: 'denial_dispute', action: 'U', eventType: 'denials.status', outcome: 'success', detail: { claimId: r.claimId, status: r.status } });
        return { claimId: r.claimId, status: r.status };
      },
    },
    packetDraft: { access: BILLING, run: (r, { session }) => packets.draft(session!, requestRef(r), actor(session!)) },
    saveLetterTemplate: { access: BILLING, run: (r, { session }) => ({ template: packets.saveLetterTemplate(r.template, actor(session!)) }) },
    packetCheck: {
      access: BILLING,
      run: async (r, { session }) => {
        const prepared = await packets.prepare(
          session!,
          session!.id,
          { claimId: r.claimId, remitClaimId: r.remitClaimId, recipient: r.recipient, letter: r.letter, excerpts: r.excerpts },
          preparerOf(session!),
        );
        const claimIds = prepared.ctx.summary.claimId !== null ? [prepared.ctx.summary.claimId] : [];
        return phiReply(prepared.check, { claimIds, patientIds: ids([prepared.ctx.patientId]), documentIds: prepared.model.excerpts.map((e) => e.documentId) });
      },
    },
    packetExport: {
      access: BILLING,
      // The main process asks where to save and writes the file; the renderer never holds the bytes.
      // The disclosure is recorded only once the file exists; a cancelled dialog keeps the check open.
      run: async (r, { session, ctx }) => {
        auth.requireReauthFor(ctx.sessionKey, 'packetExport');
        const prepared = packets.takePending(session!.id, r.checkId);
        try {
          packets.requireDisputable(prepared.ctx.ref, actor(session!));
          return await saveExport(pickSavePath, { defaultName: `dispute-packet-${day()}.pdf`, format: 'pdf' }, prepared.pdf.bytes, (target) => {
            const done = packets.commit(prepared, preparerOf(session!), 'app');
            return { packetId: done.packetId, sha256: done.sha256, pages: done.pages, bytes: done.bytes.length, fileName: path.basename(target) };
          });
        } catch (e) {
          packets.putBack(prepared);
          throw e;
        }
      },
    },
    packetHistory: {
      access: BILLING,
      run: (r) => packets.history(requireDenialWorklist(db, requestRef(r))),
    },
    disclosureReport: {
      access: PRIVACY,
      run: (r, { session }) => {
        const p = findPatient(db, r.patient);
        const rows = queryDisclosures(db, p.id, r.from, r.to);
        audit.append({ ...actor(session!), action: 'R', eventType: 'disclosures.read', outcome: 'success', patientId: p.id, detail: { rows: rows.length } });
        return phiReply({ patientLabel: patientLabel(p), rows }, { patientIds: [p.id] });
      },
    },
    recordExceptionDisclosure: {
      access: PRIVACY,
      run: (r, { session }) => {
        const p = findPatient(db, r.patient);
        const s = session!;
        const id = recordDisclosure(db, {
          patientId: p.id,
          disclosedAt: `${r.disclosedOn}T12:00:00.000Z`,
          recipient: r.recipient,
          purpose: r.purpose,
          description: r.description,
          userId: s.userId,
          username: s.username,
        });
        audit.append({ ...actor(s), purpose: r.purpose, action: 'C', eventType: 'disclosure.record', outcome: 'success', patientId: p.id, detail: { disclosureId: id } });
        return { id };
      },
    },
    disclosureExport: {
      access: PRIVACY,
      run: async (r, { session, ctx }) => {
        auth.requireReauthFor(ctx.sessionKey, 'disclosureExport');
        const p = findPatient(db, r.patient);
        const rows = queryDisclosures(db, p.id, r.from, r.to);
        const bytes = r.format === 'csv' ? Buffer.from(disclosuresCsv(rows), 'utf8') : Buffer.from(await disclosuresPdf(rows, patientLabel(p), r, clock.now()));
        return saveExport(pickSavePath, { defaultName: `accounting-of-disclosures-${day()}.${r.format}`, format: r.format }, bytes, (target) => {
          audit.append({ ...actor(session!), action: 'E', eventType: 'disclosures.export', outcome: 'success', patientId: p.id, detail: { rows: rows.length, format: r.format } });
          return { fileName: path.basename(target), rows: rows.length };
        });
      },
    },
  };
}

export const patientLabel = (p: { id: number; mrn: string | null }): string => (p.mrn ? `MRN ${p.mrn}` : `Patient #${p.id}`);
