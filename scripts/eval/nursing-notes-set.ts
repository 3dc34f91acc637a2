/**
 * The PhysioNet deid development notes (../shared/corpora/physionet-deid-dev): real ICU nursing notes
 * with surrogate PHI, annotated. `id.text` holds the records, `id-phi.phrase` one PHI a line
 * (patient note start end category text; offsets into the record body after its first line break).
 * Split by patient into `tune` (look at its errors) and `check` (report only): FNV-1a of the patient id.
 */
import fs from 'node:fs';
import path from 'node:path';
import { split } from './types';

export interface NursingDoc {
  id: string;
  patient: string;
  text: string;
  /** Gold PHI with the corpus's own category (Date, HCPName, Location, ...). */
  gold: { start: number; end: number; category: string }[];
}

const RECORD = /START_OF_RECORD=(\d+)\|\|\|\|(\d+)\|\|\|\|\n?([\s\S]*?)\|\|\|\|END_OF_RECORD/g;

export const nursingPart = (patient: string): 'tune' | 'check' => (split(`patient-${patient}`) === 'dev' ? 'tune' : 'check');

export function loadNursingNotes(dir: string): NursingDoc[] {
  const text = fs.readFileSync(path.join(dir, 'id.text'), 'utf8');
  const docs = new Map<string, NursingDoc>();
  for (const m of text.matchAll(RECORD)) {
    const id = `${m[1]}-${m[2]}`;
    docs.set(id, { id, patient: m[1]!, text: m[3]!, gold: [] });
  }
  for (const line of fs.readFileSync(path.join(dir, 'id-phi.phrase'), 'utf8').split('\n')) {
    const f = line.split(' ');
    if (f.length < 6) continue;
    const doc = docs.get(`${f[0]}-${f[1]}`);
    if (!doc) continue;
    const start = Number(f[2]);
    const end = Number(f[3]);
    const phrase = f.slice(5).join(' ');
    if (doc.text.slice(start, end) !== phrase) throw new Error(`${doc.id}: gold ${start}-${end} is not "${phrase}"`);
    doc.gold.push({ start, end, category: f[4]! });
  }
  return [...docs.values()];
}
