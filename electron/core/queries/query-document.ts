/**
 * The query as the provider reads it, rendered as plain text; the PDF (query-pdf.ts) lays out the
 * same parts. Everything in it comes from the re-derived facts and the coder's own words.
 */
export interface QueryDocument {
  queryId: number;
  encounterId: number;
  provider: string | null;
  from: string;
  date: string;
  facts: Array<{ text: string; source: string }>;
  question: string;
  options: string[];
}

export const QUERY_TITLE = 'Physician query: clinical clarification';

export const COMPLIANCE_NOTE =
  'This query asks for your independent clinical judgment. It does not imply that any particular answer is ' +
  'expected or desired. Please answer from the clinical indicators and your own assessment, and document your ' +
  'response in the medical record.';

export function factSource(f: { documentTitle: string; sectionTitle: string; date: string | null }): string {
  return [f.documentTitle, f.sectionTitle].filter(Boolean).join(' › ') + (f.date ? ` · ${f.date.slice(0, 10)}` : '');
}

export function renderQueryText(d: QueryDocument): string {
  const lines: string[] = [
    QUERY_TITLE.toUpperCase(),
    `Query ${d.queryId} · Encounter ${d.encounterId} · ${d.date}`,
    `To: ${d.provider ?? 'Attending provider'}`,
    `From: ${d.from}, coding`,
    '',
    'Clinical indicators from the medical record:',
  ];
  d.facts.forEach((f, i) => {
    lines.push(`  ${i + 1}. "${f.text}"`, `     Source: ${f.source}`);
  });
  lines.push('', 'Question:', `  ${d.question}`, '', 'Please select the option that reflects your clinical judgment:');
  for (const o of d.options) lines.push(`  [ ] ${o}${/^other\b/i.test(o) ? ': ______________________' : ''}`);
  lines.push('', 'Provider signature: ______________________   Date: __________', '', COMPLIANCE_NOTE, '');
  return lines.join('\n');
}
