/**
 * Where excerpt text comes from: the caller's CURRENT view of the chart. The renderer names an
 * excerpt only by an opaque section handle (and optional offsets into that section's visible
 * text); the main process resolves the handle for that viewer and re-derives the visible text.
 * A handle the viewer was not given, or a section their view withholds, resolves to nothing.
 *
 * `ExcerptSource` is the seam to the view builder (electron/core/redaction/views/).
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Purpose } from '../../../shared/purposes';
import type { ExcerptSourceDocument } from '../../../shared/packets-contract';
import { NtkError } from '../errors';

export interface Viewer {
  /** The session id (or "cli"): handles are valid only for the viewer they were issued to. */
  key: string;
  userId: number | null;
  role: string;
  purpose: Purpose;
}

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
}

export interface ExcerptSource {
  /** The documents of a claim's encounter (or patient) with the sections this viewer may see, under fresh handles. */
  documents(viewer: Viewer, patientId: number, encounterId: number | null): ExcerptSourceDocument[];
  /** A section handle issued to this viewer, re-derived from the store; NOT_FOUND otherwise. */
  resolve(viewer: Viewer, handle: string): VisibleSectionText;
  /** Headless (`ntk packet build --excerpt ID`): a stored section id, through the same view rules. */
  resolveSectionId(viewer: Viewer, sectionId: number, patientId: number): VisibleSectionText;
}

export const NOT_VISIBLE = 'That excerpt is not in your current view of this chart.';

/** Cuts a span out of a visible section (offsets in its visible text), or returns it whole. */
export function spanOf(section: VisibleSectionText, start?: number, end?: number): { text: string; start: number | null; end: number | null } {
  if (start === undefined && end === undefined) return { text: section.text.trim(), start: null, end: null };
  const s = start ?? 0;
  const e = end ?? section.text.length;
  if (s >= e || e > section.text.length) throw new NtkError('BAD_REQUEST', 'The excerpt span is outside its section.');
  return { text: section.text.slice(s, e).trim(), start: s, end: e };
}

/** Per-viewer opaque handles for stored row ids. */
export class HandleTable {
  private readonly byViewer = new Map<string, Map<string, number>>();
  issue(viewerKey: string, prefix: 'd' | 's', id: number): string {
    let m = this.byViewer.get(viewerKey);
    if (!m) this.byViewer.set(viewerKey, (m = new Map()));
    for (const [h, v] of m) if (v === id && h.startsWith(prefix)) return h;
    const h = `${prefix}_${randomBytes(9).toString('base64url')}`;
    m.set(h, id);
    return h;
  }
  lookup(viewerKey: string, handle: string): number | undefined {
    return this.byViewer.get(viewerKey)?.get(handle);
  }
  forget(viewerKey: string): void {
    this.byViewer.delete(viewerKey);
  }
}

interface SectionRow {
  id: number;
  document_id: number;
  start: number;
  end: number;
  loinc: string;
  title: string;
  labels_json: string;
}
interface DocRow {
  id: number;
  patient_id: number;
  doc_type: string | null;
  title: string | null;
  authored_at: string | null;
  text: string | null;
  identifiers_json: string;
}

/**
 * Interim view rules until the view builder lands: a section with any DS4P sensitivity label is
 * withheld; every identifier span found at import is masked as [TYPE]. Stricter than the policy
 * will be, never looser.
 */
export class StoredViewSource implements ExcerptSource {
  private readonly handles = new HandleTable();
  constructor(private readonly db: Database) {}

  documents(viewer: Viewer, patientId: number, encounterId: number | null): ExcerptSourceDocument[] {
    const docs = (
      encounterId !== null
        ? this.db.prepare('SELECT * FROM document WHERE encounter_id = ? ORDER BY authored_at, id').all(encounterId)
        : this.db.prepare('SELECT * FROM document WHERE patient_id = ? ORDER BY authored_at, id').all(patientId)
    ) as DocRow[];
    const sectionsOf = this.db.prepare('SELECT id, document_id, start, end, loinc, title, labels_json FROM section WHERE document_id = ? ORDER BY ordinal');
    return docs.map((d) => {
      const rows = sectionsOf.all(d.id) as SectionRow[];
      const visible = rows.filter((s) => this.visible(s));
      return {
        id: this.handles.issue(viewer.key, 'd', d.id),
        title: d.title ?? d.doc_type ?? 'Document',
        docType: d.doc_type ?? 'document',
        date: d.authored_at?.slice(0, 10) ?? null,
        sections: visible.map((s) => {
          const v = this.derive(d, s);
          return { id: this.handles.issue(viewer.key, 's', s.id), title: v.title, loinc: v.loinc, text: v.text };
        }),
        masked: rows.length - visible.length,
      };
    });
  }

  resolve(viewer: Viewer, handle: string): VisibleSectionText {
    const id = handle.startsWith('s_') ? this.handles.lookup(viewer.key, handle) : undefined;
    if (id === undefined) throw new NtkError('NOT_FOUND', NOT_VISIBLE);
    return this.byId(id, null);
  }

  resolveSectionId(_viewer: Viewer, sectionId: number, patientId: number): VisibleSectionText {
    return this.byId(sectionId, patientId);
  }

  private byId(sectionId: number, patientId: number | null): VisibleSectionText {
    const s = this.db.prepare('SELECT id, document_id, start, end, loinc, title, labels_json FROM section WHERE id = ?').get(sectionId) as SectionRow | undefined;
    const d = s ? (this.db.prepare('SELECT * FROM document WHERE id = ?').get(s.document_id) as DocRow | undefined) : undefined;
    if (!s || !d || (patientId !== null && d.patient_id !== patientId) || !this.visible(s)) throw new NtkError('NOT_FOUND', NOT_VISIBLE);
    return this.derive(d, s);
  }

  private visible(s: SectionRow): boolean {
    return (JSON.parse(s.labels_json) as string[]).length === 0;
  }

  private derive(d: DocRow, s: SectionRow): VisibleSectionText {
    const text = d.text ?? '';
    const spans = (JSON.parse(d.identifiers_json) as Array<{ start: number; end: number; type: string }>)
      .filter((i) => i.end > s.start && i.start < s.end)
      .sort((a, b) => a.start - b.start);
    let out = '';
    let at = s.start;
    for (const i of spans) {
      const a = Math.max(i.start, s.start);
      if (a < at) continue;
      out += text.slice(at, a) + `[${i.type}]`;
      at = Math.min(i.end, s.end);
    }
    out += text.slice(at, s.end);
    return {
      documentId: d.id,
      sectionId: s.id,
      loinc: s.loinc,
      title: s.title || 'Section',
      text: out,
      labels: [],
      documentTitle: d.title ?? d.doc_type ?? 'Document',
      date: d.authored_at?.slice(0, 10) ?? null,
    };
  }
}
