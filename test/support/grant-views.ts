/**
 * What a user sees of an encounter through the real dispatcher, for tests that change a grant or the
 * chart between two steps (time-of-check/time-of-use) or compare two grants (narrowing): the text of
 * every visible section, and the request handles of the masked ones.
 */
import type { Purpose } from '../../shared/purposes';
import { ChartWriter } from '../../electron/core/db/chart-writer';
import type { TestBackend } from './backend';

export interface SeenEncounter {
  /** Visible section texts, sorted (comparable as sets). */
  texts: string[];
  /** Request handles of masked sections, with their document's title and date as listed. */
  masked: Array<{ documentTitle: string; documentDate: string | null; requestHandle: string }>;
}

/** Declares `purpose` for the encounter in window `win`, opens the chart and every listed document. */
export async function seeEncounter(t: TestBackend, win: string, encounterId: number, purpose: Purpose = 'inpatient_coding'): Promise<SeenEncounter> {
  const w = t.as(win);
  await w('declarePurpose', { purpose, encounterId });
  const chart = await w('openChart', { encounterId });
  const texts: string[] = [];
  const masked: SeenEncounter['masked'] = [];
  for (const d of chart.documents) {
    const doc = await w('openDocument', { documentId: d.id });
    for (const s of doc.sections) {
      if (s.visibility === 'visible') texts.push(s.text);
      else masked.push({ documentTitle: doc.title, documentDate: doc.date, requestHandle: s.requestHandle });
    }
  }
  return { texts: texts.sort(), masked };
}

/** True when some visible section text contains `phrase`. */
export const shows = (seen: SeenEncounter, phrase: string): boolean => seen.texts.some((x) => x.includes(phrase));

/** Writes a note into an existing encounter, as an import would (sections and labels analysed on write). */
export function importNote(t: TestBackend, o: { patientId: number; encounterId: number | null; sourceId: string; text: string; authoredAt?: string }): number {
  const writer = new ChartWriter(t.backend.store.db);
  return t.backend.store.db.transaction(() =>
    writer.document({ sourceSystem: 't', sourceId: o.sourceId, patientId: o.patientId, encounterId: o.encounterId, text: o.text, format: 'text', docType: 'progress-note', authoredAt: o.authoredAt ?? '2026-01-03T09:00:00Z' }),
  )();
}

/** A new encounter of the patient (same source system as the access fixture). */
export function addEncounter(t: TestBackend, patientId: number, sourceId: string, start = '2026-01-02'): number {
  const writer = new ChartWriter(t.backend.store.db);
  return t.backend.store.db.transaction(() => writer.encounter({ sourceSystem: 't', sourceId, patientId, classCode: 'IMP', periodStart: start, periodEnd: start }))();
}
