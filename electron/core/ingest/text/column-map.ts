/**
 * The column mapping for CSV/JSONL notes: `text=transcription,title=sample_name,type=medical_specialty`.
 * Fields: text (required to find the note), title, type, date, id (a stable record id),
 * patient (a patient key: notes sharing it share a patient), encounter (likewise).
 */
import { NtkError } from '../../errors';

export const MAP_FIELDS = ['text', 'title', 'type', 'date', 'id', 'patient', 'encounter'] as const;
export type MapField = (typeof MAP_FIELDS)[number];
export type ColumnMap = Partial<Record<MapField, string>>;

export function parseColumnMap(spec: string): ColumnMap {
  const out: ColumnMap = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const field = part.slice(0, eq).trim() as MapField;
    const col = part.slice(eq + 1).trim();
    if (eq < 1 || !col || !MAP_FIELDS.includes(field)) {
      throw new NtkError('BAD_REQUEST', `--map takes FIELD=COLUMN pairs separated by commas; fields: ${MAP_FIELDS.join(', ')}.`);
    }
    out[field] = col;
  }
  return out;
}
