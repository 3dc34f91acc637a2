/** The queries module's view of chart text, through the view builder (electron/core/redaction/views). */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ChartViews } from '../redaction/views';
import type { SectionSource } from './section-source';

export function viewSectionSource(db: Database, views: ChartViews): SectionSource {
  const ordinalOf = db.prepare('SELECT ordinal FROM section WHERE id = ?');
  const idOf = db.prepare('SELECT id FROM section WHERE document_id = ? AND ordinal = ?');
  return {
    resolveHandle(session, handle) {
      const r = views.resolveVisibleSection(session, handle);
      if (!r) return null;
      const row = ordinalOf.get(r.sectionId) as { ordinal: number } | undefined;
      if (!row) return null;
      return { documentId: r.document.id, sectionOrdinal: row.ordinal, encounterId: r.encounterId, patientId: r.patientId };
    },
    current(session, address, encounterId) {
      const row = idOf.get(address.documentId, address.sectionOrdinal) as { id: number } | undefined;
      const r = row && views.resolveSectionById(session, encounterId, address.documentId, row.id);
      if (!r) return null;
      return { text: r.text, labels: r.labels, sectionTitle: r.title, documentTitle: r.document.title, date: r.document.date };
    },
  };
}
