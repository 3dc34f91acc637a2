/** Minimal RFC 4180 CSV reader (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The distinct `transcription` texts of ../shared/corpora/mtsamples/mtsamples.csv. */
export function mtsamplesNotes(csv: string): string[] {
  const rows = parseCsv(csv);
  const col = rows[0]?.indexOf('transcription') ?? -1;
  if (col < 0) return [];
  const seen = new Set<string>();
  for (const r of rows.slice(1)) {
    const t = r[col];
    if (t && !seen.has(t)) seen.add(t);
  }
  return [...seen];
}
