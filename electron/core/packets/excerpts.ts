/**
 * Where excerpt text comes from: the caller's CURRENT view of the chart, built by the view builder
 * (electron/core/redaction/views/) under the denial-dispute purpose and the caller's grants. The
 * renderer names an excerpt only by an opaque section handle from that view (plus optional offsets
 * into the section's visible text); the main process re-derives the visible text from the handle.
 * A handle the session was not given, or a section its view now withholds, resolves to nothing.
 */
import type { ExcerptSourceDocument } from '../../../shared/packets-contract';
import { NtkError } from '../errors';
import type { ChartViews, ResolvedSection, Viewer } from '../redaction/views';

export const PACKET_PURPOSE = 'denial_dispute' as const;
export const NOT_VISIBLE = 'That excerpt is not in your current view of this chart.';

export interface VisibleSectionText {
  documentId: number;
  sectionId: number;
  loinc: string;
  title: string;
  /** The section text as this viewer's view shows it (identifiers masked or generalized). */
  text: string;
  labels: string[];
  documentTitle: string;
  date: string | null;
  /** Shown only because an approved access request widened the view. */
  viaGrant: boolean;
}

/** Cuts a span out of a visible section (offsets in its visible text), or returns it whole. */
export function spanOf(section: VisibleSectionText, start?: number, end?: number): { text: string; start: number | null; end: number | null } {
  if (start === undefined && end === undefined) return { text: section.text.trim(), start: null, end: null };
  const s = start ?? 0;
  const e = end ?? section.text.length;
  if (s >= e || e > section.text.length) throw new NtkError('BAD_REQUEST', 'The excerpt span is outside its section.');
  return { text: section.text.slice(s, e).trim(), start: s, end: e };
}

const fromResolved = (r: ResolvedSection, grantRule: string): VisibleSectionText => ({
  documentId: r.document.id,
  sectionId: r.sectionId,
  loinc: r.loinc,
  title: r.title || 'Section',
  text: r.text,
  labels: [...r.labels],
  documentTitle: r.document.title,
  date: r.document.date?.slice(0, 10) ?? null,
  viaGrant: r.ruleId === grantRule,
});

export class ViewExcerptSource {
  constructor(private readonly views: ChartViews) {}

  /** Puts the viewer under the denial-dispute purpose for this encounter (audited by the view builder) unless already there. */
  ensurePurpose(viewer: Viewer, encounterId: number): void {
    const p = viewer.purpose;
    if (p?.purpose === PACKET_PURPOSE && p.encounterId === encounterId) return;
    this.views.declarePurpose(viewer, PACKET_PURPOSE, encounterId);
  }

  /** The encounter's documents with the sections this viewer's view shows, under its handles. */
  documents(viewer: Viewer, encounterId: number | null): ExcerptSourceDocument[] {
    if (encounterId === null) return [];
    this.ensurePurpose(viewer, encounterId);
    const chart = this.views.openChart(viewer, encounterId);
    return chart.documents.map((d) => {
      const doc = this.views.openDocument(viewer, d.id);
      const visible = doc.sections.flatMap((s) => (s.visibility === 'visible' ? [{ id: s.id, title: s.title || 'Section', loinc: s.loinc, text: s.text }] : []));
      const withheld = doc.sections.flatMap((s) => (s.visibility === 'masked' ? [{ requestHandle: s.requestHandle, rationale: s.rationale }] : []));
      return { id: doc.id, title: doc.title, docType: doc.docType, date: doc.date?.slice(0, 10) ?? null, sections: visible, masked: withheld.length, withheld };
    });
  }

  /** A section handle from this viewer's current denial-dispute view, re-derived; NOT_FOUND otherwise. */
  resolve(viewer: Viewer, handle: string, patientId: number, encounterId: number | null): VisibleSectionText {
    if (viewer.purpose?.purpose !== PACKET_PURPOSE) throw new NtkError('NOT_FOUND', NOT_VISIBLE);
    const r = this.views.resolveVisibleSection(viewer, handle);
    // Documentation of this claim's encounter only (a handle from another claim of the same patient does not carry over).
    if (!r || r.patientId !== patientId || r.purpose !== PACKET_PURPOSE || (encounterId !== null && r.encounterId !== encounterId)) throw new NtkError('NOT_FOUND', NOT_VISIBLE);
    return fromResolved(r, this.views.policy.rules.grant.id);
  }

  /** Headless (`ntk packet build --excerpt ID`): a stored section id, found through the same view. */
  resolveSectionIds(viewer: Viewer, encounterId: number | null, patientId: number, sectionIds: number[]): Map<number, VisibleSectionText> {
    const out = new Map<number, VisibleSectionText>();
    if (!sectionIds.length) return out;
    const wanted = new Set(sectionIds);
    for (const d of this.documents(viewer, encounterId)) {
      for (const s of d.sections) {
        const r = this.views.resolveVisibleSection(viewer, s.id);
        if (r && wanted.has(r.sectionId) && r.patientId === patientId) out.set(r.sectionId, fromResolved(r, this.views.policy.rules.grant.id));
      }
    }
    return out;
  }
}
