/**
 * Physician query export: PDF build (pdf-lib + embedded DejaVu subset) for a typical query (3 facts)
 * and a long one (30 facts), the plain-text render, and the compliance + minimum-necessary checks.
 */
import { checkQuery, minimumNecessary, withStandardOptions } from '../electron/core/queries/checks';
import { renderQueryText, type QueryDocument } from '../electron/core/queries/query-document';
import { buildQueryPdf } from '../electron/core/queries/query-pdf';
import { timeRuns, timeRunsAsync } from './stats';

const FACT = 'Hemoglobin fell to 6.8 g/dL on postoperative day 2 from 11.2 on admission; transfused 2 units of packed red blood cells; vital signs stable.';

const doc = (n: number): QueryDocument => ({
  queryId: 101,
  encounterId: 2002,
  provider: 'Dr. Maya Osei',
  from: 'Cora Coder',
  date: '2026-01-07',
  facts: Array.from({ length: n }, (_, i) => ({ text: `${FACT} (${i + 1})`, source: 'Discharge summary › Hospital course · 2026-01-06' })),
  question: 'Based on the clinical indicators above, can the low hemoglobin be further specified?',
  options: withStandardOptions(['Acute blood loss anemia', 'Expected postoperative drop in hemoglobin, not anemia']),
});

export async function queryPdfBench(): Promise<Record<string, unknown>> {
  await buildQueryPdf(doc(3), new Date()); // warm: font read and parse
  const typical = await timeRunsAsync(40, () => buildQueryPdf(doc(3), new Date()));
  const long = await timeRunsAsync(10, () => buildQueryPdf(doc(30), new Date()));
  const bytes = (await buildQueryPdf(doc(3), new Date())).length;
  const input = { question: doc(3).question, options: ['Acute blood loss anemia', 'Expected drop'], facts: doc(3).facts.map((f) => ({ text: f.text, labels: [] })), hasProvider: true };
  return {
    pdf_3_facts_ms: typical,
    pdf_30_facts_ms: long,
    pdf_3_facts_bytes: bytes,
    text_render_ms: timeRuns(200, () => renderQueryText(doc(3))),
    checks_ms: timeRuns(50, () => {
      checkQuery(input);
      minimumNecessary(input);
    }),
  };
}
