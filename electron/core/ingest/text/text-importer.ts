/**
 * Plain-text clinical notes: a .txt file is one note; a CSV or JSONL file holds one note per
 * record, its columns named by a mapping (`text=transcription,title=sample_name,type=medical_specialty`)
 * or guessed from common column names.
 *
 * Patients: a note carries no reliable patient identity, so unless the mapping names a `patient`
 * column each note gets a synthetic placeholder patient and encounter keyed by the SHA-256 of its
 * text (source system 'text', source ids `placeholder:sha256:<hex>`): re-importing the same note
 * updates it, an edited note becomes a new placeholder. For a .txt file that is the file's content
 * hash; for CSV/JSONL it is each record's text hash (records are separate patients). Notes with an
 * `id` column are keyed by it (`<column>:<id>`), so a corrected note replaces the old one.
 * A note with a `patient` column belongs to that patient, and its document and default encounter
 * are keyed within the patient (`note:patient:<key>|<note key>`): the same templated text or the
 * same per-patient id for two patients gives two documents, one each.
 *
 * Error messages never quote the file's cells: a headerless CSV's "header" is its first record,
 * and JSONL keys may be data too. They give counts and the user's own mapping instead.
 */
import { createHash } from 'node:crypto';
import type { ChartWriter } from '../../db/chart-writer';
import { NtkError } from '../../errors';
import { docTypeFromText } from '../doc-types';
import type { Importer, ImportFile } from '../importer';
import { decodeUtf8 } from '../text-decode';
import type { ColumnMap, MapField } from './column-map';
import { csvRecords } from './csv';

export const TEXT_SOURCE = 'text';
export const MAX_NOTE_CHARS = 8 * 1024 * 1024;

export interface Note {
  key: string;
  text: string;
  title: string;
  docType: string;
  date?: string;
  /** Set when the mapping names a patient/encounter column; else the note gets a placeholder. */
  patientKey?: string;
  encounterKey?: string;
}

export interface TextParsed {
  notes: Note[];
}

const GUESS: Record<MapField, string[]> = {
  text: ['text', 'transcription', 'note', 'note_text', 'body', 'content'],
  title: ['title', 'sample_name', 'subject'],
  type: ['type', 'note_type', 'doc_type', 'medical_specialty', 'specialty', 'category'],
  date: ['date', 'note_date', 'authored_at', 'created'],
  id: ['id', 'note_id', 'document_id'],
  patient: ['patient_id', 'mrn'],
  encounter: ['encounter_id', 'visit_id'],
};

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const bad = (m: string) => new NtkError('BAD_INPUT', m);

type Kind = 'txt' | 'csv' | 'jsonl';

function kindOf(file: ImportFile): Kind | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (/\.(txt|text|note|md)$/.test(name) || !/\.[a-z0-9]{1,6}$/.test(name)) return 'txt';
  return null;
}

function detect(file: ImportFile): boolean {
  const kind = kindOf(file);
  if (!kind) return false;
  // Binary data is never a note (a NUL byte in the first 4 KB).
  return !file.bytes.subarray(0, 4096).includes(0);
}

function titleFromText(text: string): string {
  const first = text.split('\n', 8).map((l) => l.trim()).find(Boolean) ?? '';
  return first.length > 0 && first.length <= 80 ? first.replace(/[:,]+$/, '') : 'Note';
}

function checkSize(text: string, where: string): void {
  if (text.length > MAX_NOTE_CHARS) throw bad(`${where}: the note is longer than ${MAX_NOTE_CHARS / 1024 / 1024} MB of text.`);
}

/** The user's own mapping value, safe to echo back (it comes from --map, not the file). */
const quoteMapped = (col: string): string => {
  const c = col.trim().replace(/\p{Cc}/gu, ' ');
  return `'${c.length > 40 ? `${c.slice(0, 40)}…` : c}'`;
};

/**
 * Which column holds each field: the explicit mapping, else a guess from the header. `header` is the
 * CSV's first record or the first JSONL object's keys; for a headerless file that is patient data,
 * so the errors report only how many columns there are and which mapped field was not found.
 */
export function resolveColumns(header: string[], map: ColumnMap | undefined, kind: 'csv' | 'jsonl' = 'csv'): Partial<Record<MapField, number>> {
  const lower = header.map((h) => h.trim().toLowerCase());
  const out: Partial<Record<MapField, number>> = {};
  const where =
    kind === 'csv'
      ? `the file's first row (read as the header; ${header.length} column${header.length === 1 ? '' : 's'})`
      : `the first record's keys (${header.length} key${header.length === 1 ? '' : 's'})`;
  const headerHint = kind === 'csv' ? ' If the file has no header row, add one naming its columns.' : '';
  for (const field of Object.keys(GUESS) as MapField[]) {
    const wanted = map?.[field];
    if (wanted !== undefined) {
      const at = lower.indexOf(wanted.trim().toLowerCase());
      if (at < 0) {
        throw bad(
          `The mapping names column ${quoteMapped(wanted)} for '${field}', but ${where} has no column of that name. ` +
            `Check --map ${field}=COLUMN against the file's column names.${headerHint}`,
        );
      }
      out[field] = at;
    } else {
      const at = lower.findIndex((h) => GUESS[field].includes(h));
      if (at >= 0) out[field] = at;
    }
  }
  if (out.text === undefined) {
    throw bad(
      `No note text column found in ${where}; pass --map text=COLUMN (e.g. --map text=transcription,title=sample_name) ` +
        `naming the column that holds the note text. Without a mapping it is guessed from: ${GUESS.text.join(', ')}.${headerHint}`,
    );
  }
  return out;
}

function noteFrom(get: (f: MapField) => string | undefined, cols: Partial<Record<MapField, number>>, header: string[], where: string): Note | null {
  const text = (get('text') ?? '').replace(/\r\n?/g, '\n').trim();
  if (!text) return null;
  checkSize(text, where);
  const title = get('title')?.trim().slice(0, 300) || titleFromText(text);
  const type = get('type')?.trim();
  const id = get('id')?.trim();
  const patient = get('patient')?.trim();
  const encounter = get('encounter')?.trim();
  return {
    key: id ? `${header[cols.id!]!.trim().toLowerCase()}:${id.slice(0, 128)}` : `sha256:${sha(text)}`,
    text,
    title,
    docType: docTypeFromText(type ? `${type} ${title}` : title),
    date: get('date')?.trim().slice(0, 64) || undefined,
    patientKey: patient ? `patient:${patient.slice(0, 128)}` : undefined,
    encounterKey: encounter ? `encounter:${encounter.slice(0, 128)}` : undefined,
  };
}

export function parseTextFile(file: ImportFile, map?: ColumnMap): TextParsed {
  const kind = kindOf(file) ?? 'txt';
  const text = decodeUtf8(file.bytes, kind === 'txt' ? 'note' : `${kind.toUpperCase()} file`);
  if (kind === 'txt') {
    const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').trim();
    if (!body) throw bad('The note is empty.');
    checkSize(body, 'The file');
    const title = titleFromText(body);
    return { notes: [{ key: `sha256:${sha(body)}`, text: body, title, docType: docTypeFromText(title) }] };
  }
  const notes: Note[] = [];
  if (kind === 'csv') {
    let header: string[] | undefined;
    let cols: Partial<Record<MapField, number>> = {};
    for (const { line, fields } of csvRecords(text)) {
      if (!header) {
        header = fields;
        cols = resolveColumns(header, map, 'csv');
        continue;
      }
      if (fields.length > header.length) throw bad(`CSV record on line ${line} has ${fields.length} fields; the header has ${header.length}.`);
      const note = noteFrom((f) => (cols[f] === undefined ? undefined : fields[cols[f]!]), cols, header, `Line ${line}`);
      if (note) notes.push(note);
    }
    if (!header) throw bad('The CSV file is empty.');
  } else {
    let start = 0;
    let line = 0;
    let cols: Partial<Record<MapField, number>> | undefined;
    let header: string[] = [];
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      line++;
      const rec = text.slice(start, end).trim();
      start = end + 1;
      if (!rec) continue;
      let obj: unknown;
      try {
        obj = JSON.parse(rec);
      } catch {
        throw bad(`Line ${line} is not valid JSON.`);
      }
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw bad(`Line ${line} is not a JSON object.`);
      const o = obj as Record<string, unknown>;
      if (typeof o.resourceType === 'string') throw bad(`Line ${line} is a FHIR resource; FHIR NDJSON is imported as FHIR (name the file .ndjson with resources on every line).`);
      const keys = Object.keys(o);
      if (!cols) {
        header = keys;
        cols = resolveColumns(header, map, 'jsonl');
      }
      const lowerKeys = new Map(keys.map((k) => [k.trim().toLowerCase(), k]));
      const get = (f: MapField): string | undefined => {
        if (cols![f] === undefined) return undefined;
        const v = o[lowerKeys.get(header[cols![f]!]!.trim().toLowerCase()) ?? ''];
        return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
      };
      const note = noteFrom(get, cols, header, `Line ${line}`);
      if (note) notes.push(note);
    }
  }
  if (!notes.length) throw bad('The file holds no note text.');
  return { notes };
}

export function writeText(p: TextParsed, w: ChartWriter): void {
  const src = { sourceSystem: TEXT_SOURCE };
  for (const n of p.notes) {
    const hash = sha(n.text);
    const placeholder = `placeholder:${n.key}`;
    // A note key (text hash or id) is unique only within its patient: the same templated text or a
    // per-patient id for two patients must give two documents. A placeholder patient is itself
    // keyed by the note key, so those notes keep their unscoped key.
    const scopedKey = n.patientKey ? `${n.patientKey}|${n.key}` : n.key;
    const patientId = w.patient({ ...src, sourceId: n.patientKey ?? placeholder });
    // An encounter id column is scoped the same way (under the placeholder when there is no patient
    // column): visit numbers repeat across patients too.
    const encounterKey = n.encounterKey ? `${n.patientKey ?? placeholder}|${n.encounterKey}` : undefined;
    const encounterId = w.encounter({ ...src, sourceId: encounterKey ?? (n.patientKey ? scopedKey : placeholder), patientId, periodStart: n.date });
    w.document({
      ...src,
      sourceId: `note:${scopedKey}`,
      patientId,
      encounterId,
      docType: n.docType,
      title: n.title,
      authoredAt: n.date,
      text: n.text,
      format: 'text',
      contentSha256: hash,
    });
  }
}

export function textImporter(map?: ColumnMap): Importer<TextParsed> {
  return {
    format: 'text',
    detect,
    parse: async (file) => parseTextFile(file, map),
    write: (parsed, writer) => writeText(parsed, writer),
  };
}
