/**
 * The dispute packet builder, shared by the app (IPC handlers) and `ntk packet build`:
 *
 *   draft   → the claim's minimum data set, the letter template, the excerpt sources of the
 *             caller's current view, the claim's packet history;
 *   prepare → re-derives each chosen excerpt from its handle, fills the letter, renders the PDF
 *             and runs the identifier check over what will be drawn; the result waits (10 min) for
 *             the user's confirmation;
 *   commit  → after confirmation (and, in the app, re-authentication) records the packet with the
 *             SHA-256 of the exact bytes, its excerpts, the disclosure, the audit event, and marks
 *             the claim sent. The bytes returned are the bytes that were hashed.
 *
 * Each step works only on a claim that is on the denial worklist at that moment (its latest
 * remittance a denial): a claim paid, or whose denial a newer remittance reversed, is refused at
 * draft, at the check and at the export, whatever was allowed a step before.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PacketCheck } from '../../../shared/packets-contract';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { NtkError } from '../errors';
import { loadClaimRef, remitPatientId, type ClaimContext } from './claim-summary';
import { recordDisclosure } from './disclosures';
import { requireDenialWorklist, type ClaimRef } from './worklist';
import type { Viewer } from '../redaction/views';
import { PACKET_PURPOSE, spanOf, type ViewExcerptSource, type VisibleSectionText } from './excerpts';
import { knownIdentifierSource } from '../chart/known-identifiers';
import { identifierCheck } from './identifier-check';
import { blocksText, certificateBlocks, claimBlocks, DEFAULT_LETTER_TEMPLATE, fillLetter, includedElements, packetBlocks, packetMeta, type PacketExcerpt, type PacketModel } from './packet-model';
import { renderDocument, type RenderedPdf } from './pdf/document';

const TEMPLATE_KEY = 'packet.letter_template';
const PENDING_MS = 10 * 60_000;

export interface ExcerptRequest {
  /** A section handle from the caller's view (app) … */
  sectionId?: string;
  /** … or a stored section id (headless CLI). */
  storedSectionId?: number;
  start?: number;
  end?: number;
  reason: string;
}

export interface PrepareRequest {
  /** The stored claim … */
  claimId?: number;
  /** … or a remittance-only claim of the worklist (exactly one of the two). */
  remitClaimId?: number;
  recipient?: string;
  /** Letter template (placeholders filled here); default: the saved template. */
  letter?: string;
  excerpts: ExcerptRequest[];
}

export interface Preparer {
  userId: number | null;
  /** Shown in the letter and on the certificate (and nowhere in the file's metadata). */
  displayName: string;
  audit: AuditActor;
}

export interface PreparedPacket {
  check: PacketCheck;
  model: PacketModel;
  pdf: RenderedPdf;
  ctx: ClaimContext;
  viewerKey: string;
  expiresAt: number;
}

export interface CommittedPacket {
  packetId: number;
  sha256: string;
  pages: number;
  bytes: Uint8Array;
  fileName: string;
  excerptIds: string[];
  elements: string[];
}

export class PacketService {
  private readonly pending = new Map<string, PreparedPacket>();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    readonly source: ViewExcerptSource,
  ) {}

  letterTemplate(): string {
    const r = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(TEMPLATE_KEY) as { value: string } | undefined;
    return r?.value ?? DEFAULT_LETTER_TEMPLATE;
  }

  saveLetterTemplate(template: string, who: AuditActor): string {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(TEMPLATE_KEY, template);
    this.audit.append({ ...who, action: 'U', eventType: 'packet.template', outcome: 'success', detail: { chars: template.length } });
    return template;
  }

  /** Opens the claim for a dispute: declares the denial-dispute purpose for its encounter (audited) and lists the view's sections. */
  draft(viewer: Viewer, claim: ClaimRef | number, who: AuditActor) {
    const ref = this.requireDisputable(claim, who);
    const ctx = loadClaimRef(this.db, ref);
    const sources = this.source.documents(viewer, ctx.encounterId);
    this.audit.append({
      ...who,
      purpose: PACKET_PURPOSE,
      action: 'R',
      eventType: 'packet.draft',
      outcome: 'success',
      patientId: ctx.patientId,
      encounterId: ctx.encounterId,
      detail: { ...refDetail(ref), documents: sources.length },
    });
    return { summary: ctx.summary, letterTemplate: this.letterTemplate(), recipient: ctx.summary.payerName ?? '', sources, history: this.history(ref) };
  }

  /** `key` names the caller's session: a prepared packet can be confirmed only from there. */
  async prepare(viewer: Viewer, key: string, req: PrepareRequest, by: Preparer): Promise<PreparedPacket> {
    const ref = this.requireDisputable(requestRef(req), by.audit);
    const ctx = loadClaimRef(this.db, ref);
    // A claim known only from its remittance has no chart in the store: there is nothing to excerpt.
    const patientId = ctx.patientId;
    if (patientId === null && req.excerpts.length) throw new NtkError('NOT_FOUND', 'That section is not in the denial-dispute view of this claim.');
    const stored = req.excerpts.some((x) => x.storedSectionId !== undefined)
      ? this.source.resolveSectionIds(viewer, ctx.encounterId, patientId!, req.excerpts.flatMap((x) => (x.storedSectionId !== undefined ? [x.storedSectionId] : [])))
      : new Map<number, VisibleSectionText>();
    const resolved: VisibleSectionText[] = [];
    const excerpts = req.excerpts.map((x, i): PacketExcerpt => {
      const reason = x.reason.trim();
      if (reason.length < 3 || /[\r\n]/.test(reason)) throw new NtkError('BAD_REQUEST', 'Each excerpt needs a one-line reason.');
      let section: VisibleSectionText;
      if (x.sectionId !== undefined) section = this.source.resolve(viewer, x.sectionId, patientId!, ctx.encounterId);
      else if (x.storedSectionId !== undefined) {
        const found = stored.get(x.storedSectionId);
        if (!found) throw new NtkError('NOT_FOUND', 'That section is not in the denial-dispute view of this claim.');
        section = found;
      } else throw new NtkError('BAD_REQUEST', 'An excerpt names no section.');
      resolved.push(section);
      const span = spanOf(section, x.start, x.end);
      if (!span.text) throw new NtkError('BAD_REQUEST', 'That excerpt has no visible text.');
      return {
        ref: `E${i + 1}`,
        documentId: section.documentId,
        sectionId: section.sectionId,
        loinc: section.loinc,
        documentTitle: section.documentTitle,
        sectionTitle: section.title,
        date: section.date,
        text: span.text,
        reason,
        labels: section.labels,
        spanStart: span.start,
        spanEnd: span.end,
      };
    });
    const createdAt = this.clock.now();
    const recipient = (req.recipient ?? ctx.summary.payerName ?? '').trim();
    if (!recipient) throw new NtkError('BAD_REQUEST', 'Name the recipient of the packet.');
    const base = { summary: ctx.summary, recipient, preparedBy: by.displayName, createdAt };
    const approvers = excerpts.some((_, i) => resolved[i]!.viaGrant) ? this.grantApprovers(viewer.userId, patientId!) : [];
    const model: PacketModel = {
      ...base,
      letter: fillLetter(req.letter ?? this.letterTemplate(), base),
      excerpts,
      approvedBy:
        `${by.displayName} (identifier check confirmed; re-authenticated)` +
        (approvers.length ? `; access beyond the purpose's defaults approved by ${approvers.join(', ')}` : ''),
      purpose: PACKET_PURPOSE,
    };
    const pdf = await renderDocument(packetBlocks(model), packetMeta(model));
    // Rendering yields: the claim may have left the worklist meanwhile.
    this.requireDisputable(ref, by.audit);
    const { identifiers, labels } = identifierCheck(
      [
        { where: 'letter', text: model.letter },
        { where: 'claim summary', text: blocksText(claimBlocks(model.summary)) },
        ...excerpts.map((e) => ({ where: e.ref, text: `${e.documentTitle}.\n\n${e.text}\n\n${e.reason}` })),
        { where: 'certificate', text: blocksText(certificateBlocks(model)) },
      ],
      model,
      patientId === null ? undefined : knownIdentifierSource(this.db).forPatient(patientId)?.matcher,
    );
    const checkId = randomBytes(12).toString('base64url');
    const check: PacketCheck = {
      checkId,
      pages: pdf.pages,
      elements: includedElements(model),
      identifiers,
      labels,
      excerpts: excerpts.map((e) => ({ ref: e.ref, document: e.documentTitle, section: e.sectionTitle, date: e.date, reason: e.reason, text: e.text })),
    };
    for (const [id, p] of this.pending) if (p.viewerKey === key || p.expiresAt < this.clock.monotonicMs()) this.pending.delete(id);
    const prepared: PreparedPacket = { check, model, pdf, ctx, viewerKey: key, expiresAt: this.clock.monotonicMs() + PENDING_MS };
    this.pending.set(checkId, prepared);
    this.audit.append({
      ...by.audit,
      purpose: PACKET_PURPOSE,
      action: 'R',
      eventType: 'packet.check',
      outcome: 'success',
      patientId: ctx.patientId,
      encounterId: ctx.encounterId,
      labels,
      detail: { ...refDetail(ref), excerpts: excerpts.length, identifiers: identifiers.length, pages: pdf.pages },
    });
    return prepared;
  }

  /** The prepared packet the viewer confirmed; NOT_FOUND when it expired or belongs to someone else. */
  takePending(key: string, checkId: string): PreparedPacket {
    const p = this.pending.get(checkId);
    if (!p || p.viewerKey !== key || p.expiresAt < this.clock.monotonicMs()) {
      throw new NtkError('NOT_FOUND', 'That identifier check has expired; run the check again.');
    }
    this.pending.delete(checkId);
    return p;
  }

  /** Returns a taken packet to the pending list (its export was cancelled or failed); it keeps its expiry. */
  putBack(p: PreparedPacket): void {
    this.pending.set(p.check.checkId, p);
  }

  /**
   * Throws FORBIDDEN (audited) unless the claim is on the denial worklist now. Every packet step
   * calls it; the app's export calls it before asking where to save, and commit again at the end.
   */
  requireDisputable(claim: ClaimRef | number, who: AuditActor): ClaimRef {
    try {
      return requireDenialWorklist(this.db, claim);
    } catch (e) {
      const ref = typeof claim === 'number' ? { claimId: claim } : claim;
      this.audit.append({ ...who, purpose: PACKET_PURPOSE, action: 'E', eventType: 'packet.refused', outcome: 'denied', detail: { ...refDetail(ref), reason: 'not-on-denial-worklist' } });
      throw e;
    }
  }

  commit(p: PreparedPacket, by: Preparer, transport: 'app' | 'cli'): CommittedPacket {
    this.requireDisputable(p.ctx.ref, by.audit);
    const bytes = p.pdf.bytes;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const m = p.model;
    const elements = includedElements(m);
    const byType: Record<string, number> = {};
    for (const i of p.check.identifiers) byType[i.type] = (byType[i.type] ?? 0) + 1;
    const { packetId, excerptIds, patientId } = this.db.transaction(() => {
      const patientId = p.ctx.patientId ?? ('remitClaimId' in p.ctx.ref ? remitPatientId(this.db, p.ctx.ref.remitClaimId) : null);
      if (patientId === null) throw new NtkError('INTERNAL', 'The claim names no patient.');
      const packetId = Number(
        this.db
          .prepare(
            `INSERT INTO packet (claim_id, patient_id, claim_number, created_at, purpose, recipient, prepared_by, prepared_by_name, approved_by_name,
               pages, bytes, sha256, elements_json, identifiers_json, transport) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            m.summary.claimId,
            patientId,
            m.summary.claimNumber,
            m.createdAt.toISOString(),
            m.purpose,
            m.recipient,
            by.userId,
            m.preparedBy,
            m.approvedBy,
            p.pdf.pages,
            bytes.length,
            sha256,
            JSON.stringify(elements),
            JSON.stringify(byType),
            transport,
          ).lastInsertRowid,
      );
      const ins = this.db.prepare(
        'INSERT INTO packet_excerpt (packet_id, ordinal, document_id, section_id, loinc, span_start, span_end, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const excerptIds = m.excerpts.map((e, i) => `EX-${ins.run(packetId, i + 1, e.documentId, e.sectionId, e.loinc, e.spanStart, e.spanEnd, e.reason).lastInsertRowid}`);
      recordDisclosure(this.db, {
        patientId,
        disclosedAt: m.createdAt.toISOString(),
        recipient: m.recipient,
        purpose: m.purpose,
        description: describeDisclosure(elements, m.excerpts),
        excerptIds,
        packetId,
        userId: by.userId,
        username: by.audit.username ?? null,
        fileSha256: sha256,
      });
      if (m.summary.claimId !== null) this.db.prepare("UPDATE claim SET work_status = 'sent' WHERE id = ? AND work_status IN ('new', 'in_work')").run(m.summary.claimId);
      return { packetId, excerptIds, patientId };
    })();
    this.audit.append({
      ...by.audit,
      purpose: m.purpose,
      action: 'E',
      eventType: 'packet.export',
      outcome: 'success',
      patientId,
      encounterId: p.ctx.encounterId,
      labels: p.check.labels,
      detail: { packetId, ...refDetail(p.ctx.ref), pages: p.pdf.pages, excerpts: m.excerpts.length, sha256, transport },
    });
    return { packetId, sha256, pages: p.pdf.pages, bytes, fileName: `dispute-packet-${packetId}.pdf`, excerptIds, elements };
  }

  /** Who approved the viewer's active denial-dispute grants for this patient (shown on the certificate). */
  private grantApprovers(userId: number, patientId: number): string[] {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT u.display_name AS name FROM access_request r
           JOIN access_approval a ON a.request_id = r.id JOIN app_user u ON u.id = a.approver_id
          WHERE r.requester_id = ? AND r.patient_id = ? AND r.purpose = ? AND r.status = 'approved' ORDER BY u.display_name`,
      )
      .all(userId, patientId, PACKET_PURPOSE) as Array<{ name: string }>;
    return rows.map((r) => r.name);
  }

  /** The claim's packets; a remittance-only claim's are those with no stored claim and its claim number. */
  history(claim: ClaimRef | number) {
    const ref = typeof claim === 'number' ? { claimId: claim } : claim;
    const where = 'claimId' in ref ? 'p.claim_id = ?' : 'p.claim_id IS NULL AND p.claim_number = (SELECT claim_number FROM remit_claim WHERE id = ?)';
    return (
      this.db
        .prepare(
          `SELECT p.id, p.created_at, p.recipient, p.prepared_by_name, p.pages, p.bytes, p.sha256,
                  (SELECT COUNT(*) FROM packet_excerpt e WHERE e.packet_id = p.id) AS excerpts
             FROM packet p WHERE ${where} ORDER BY p.id DESC`,
        )
        .all('claimId' in ref ? ref.claimId : ref.remitClaimId) as Array<{ id: number; created_at: string; recipient: string; prepared_by_name: string; pages: number; bytes: number; sha256: string; excerpts: number }>
    ).map((r) => ({ id: r.id, createdAt: r.created_at, recipient: r.recipient, preparedBy: r.prepared_by_name, pages: r.pages, bytes: r.bytes, sha256: r.sha256, excerpts: r.excerpts }));
  }
}

/** The claim an IPC or CLI request names: exactly one of claimId and remitClaimId. */
export function requestRef(r: { claimId?: number; remitClaimId?: number }): ClaimRef {
  if (r.claimId !== undefined && r.remitClaimId === undefined) return { claimId: r.claimId };
  if (r.remitClaimId !== undefined && r.claimId === undefined) return { remitClaimId: r.remitClaimId };
  throw new NtkError('BAD_REQUEST', 'Name the claim by claimId or remitClaimId (one of them).');
}

/** Audit detail naming the claim: claimId as before, plus remitClaimId for a claim known only from its remittance. */
const refDetail = (ref: ClaimRef): { claimId: number | null; remitClaimId?: number } => ('claimId' in ref ? { claimId: ref.claimId } : { claimId: null, remitClaimId: ref.remitClaimId });

/** What the accounting says was disclosed: element names and excerpt sources, never values. */
export function describeDisclosure(elements: string[], excerpts: PacketExcerpt[]): string {
  const parts = [`Dispute packet: ${elements.filter((e) => !e.startsWith('Documentation excerpts')).join(', ')}.`];
  if (excerpts.length) parts.push(`Documentation excerpts: ${excerpts.map((e) => `${e.documentTitle} (${e.date ?? 'undated'}) — ${e.sectionTitle}`).join('; ')}.`);
  return parts.join(' ');
}
