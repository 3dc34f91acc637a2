/**
 * The accounting of disclosures (45 CFR 164.528): every packet export, and every disclosure the
 * policy logs under an exception purpose (treatment, to the patient, under authorization, to HHS,
 * required by law), recorded with date, recipient, purpose, a description of the PHI disclosed
 * (element names, never values) and the ids of the excerpts sent. `recordDisclosure` is the one
 * way in, for any part of the app. Reports come out as rows, CSV (formula-injection safe) or PDF.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DisclosureRow } from '../../../shared/packets-contract';
import { isPurpose, PURPOSE_INFO, type Purpose } from '../../../shared/purposes';
import { csvCell } from '../audit/export';
import { NtkError } from '../errors';
import { renderDocument, type Block } from './pdf/document';

export interface DisclosureInput {
  patientId: number;
  /** ISO date-time of the disclosure. */
  disclosedAt: string;
  recipient: string;
  purpose: Purpose;
  /** What PHI was disclosed, by element name (no values). */
  description: string;
  excerptIds?: string[];
  packetId?: number | null;
  userId?: number | null;
  username?: string | null;
  fileSha256?: string | null;
}

export function recordDisclosure(db: Database, d: DisclosureInput): number {
  if (!isPurpose(d.purpose)) throw new NtkError('BAD_REQUEST', 'Unknown purpose.');
  if (!d.recipient.trim()) throw new NtkError('BAD_REQUEST', 'A disclosure needs a recipient.');
  const r = db
    .prepare(
      `INSERT INTO disclosure (patient_id, disclosed_at, recipient, purpose, exception, description, excerpt_ids_json, packet_id, user_id, username, file_sha256)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      d.patientId,
      d.disclosedAt,
      d.recipient.trim(),
      d.purpose,
      PURPOSE_INFO[d.purpose].exception ? 1 : 0,
      d.description,
      JSON.stringify(d.excerptIds ?? []),
      d.packetId ?? null,
      d.userId ?? null,
      d.username ?? null,
      d.fileSha256 ?? null,
    );
  return Number(r.lastInsertRowid);
}

/** A patient by MRN, or by internal id written "#123" (or a bare number no MRN matches). */
export function findPatient(db: Database, ref: string): { id: number; mrn: string | null } {
  const r = ref.trim();
  const m = /^#?(\d+)$/.exec(r);
  const byId = (id: number) => db.prepare('SELECT id, mrn FROM patient WHERE id = ?').get(id);
  const byMrn = () => db.prepare('SELECT id, mrn FROM patient WHERE mrn = ? ORDER BY id LIMIT 1').get(r);
  const row = (r.startsWith('#') && m ? byId(Number(m[1])) : (byMrn() ?? (m ? byId(Number(m[1])) : undefined))) as { id: number; mrn: string | null } | undefined;
  if (!row) throw new NtkError('NOT_FOUND', 'No patient matches that MRN or id.');
  return row;
}

export function queryDisclosures(db: Database, patientId: number, from?: string, to?: string): DisclosureRow[] {
  const rows = db
    .prepare(
      `SELECT * FROM disclosure WHERE patient_id = ? AND (? IS NULL OR disclosed_at >= ?) AND (? IS NULL OR disclosed_at < ?)
        ORDER BY disclosed_at, id`,
    )
    .all(patientId, from ?? null, from ?? null, to ?? null, to ? nextDay(to) : null) as Array<{
    id: number;
    disclosed_at: string;
    recipient: string;
    purpose: string;
    exception: number;
    description: string;
    excerpt_ids_json: string;
    packet_id: number | null;
    username: string | null;
    file_sha256: string | null;
  }>;
  return rows.map((r) => ({
    id: r.id,
    disclosedAt: r.disclosed_at,
    recipient: r.recipient,
    purpose: r.purpose,
    purposeLabel: isPurpose(r.purpose) ? PURPOSE_INFO[r.purpose].label : r.purpose,
    exception: r.exception === 1,
    description: r.description,
    excerptIds: JSON.parse(r.excerpt_ids_json) as string[],
    packetId: r.packet_id,
    sha256: r.file_sha256,
    disclosedBy: r.username,
  }));
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const CSV_COLUMNS = ['id', 'disclosedAt', 'recipient', 'purpose', 'exception', 'description', 'excerptIds', 'packetId', 'sha256', 'disclosedBy'] as const;

export function disclosuresCsv(rows: DisclosureRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      CSV_COLUMNS.map((c) => {
        const v = r[c];
        return csvCell(Array.isArray(v) ? v.join(' ') : c === 'purpose' ? r.purposeLabel : v);
      }).join(','),
    );
  }
  return lines.join('\n') + '\n';
}

export interface ReportRange {
  from?: string;
  to?: string;
}

export async function disclosuresPdf(rows: DisclosureRow[], patientLabel: string, range: ReportRange, now: Date): Promise<Uint8Array> {
  const blocks: Block[] = [
    { kind: 'title', text: 'Accounting of disclosures' },
    {
      kind: 'fields',
      rows: [
        ['Patient', patientLabel],
        ['Period', `${range.from ?? 'beginning of records'} to ${range.to ?? now.toISOString().slice(0, 10)}`],
        ['Prepared', now.toISOString().slice(0, 10)],
        ['Disclosures', String(rows.length)],
      ],
    },
    {
      kind: 'para',
      small: true,
      text: 'Listed under 45 CFR 164.528: each disclosure of protected health information with its date, recipient, purpose and a description of the information disclosed.',
    },
    { kind: 'space', height: 6 },
    {
      kind: 'table',
      columns: [
        { title: 'Date', width: 10 },
        { title: 'Recipient', width: 14 },
        { title: 'Purpose', width: 13 },
        { title: 'Information disclosed', width: 33 },
      ],
      rows: rows.map((r) => [r.disclosedAt.slice(0, 10), r.recipient, r.purposeLabel + (r.exception ? ' (exception)' : ''), r.description + (r.excerptIds.length ? ` Excerpts: ${r.excerptIds.join(', ')}.` : '')]),
    },
  ];
  const pdf = await renderDocument(blocks, {
    title: 'Accounting of disclosures',
    subject: 'Accounting of disclosures (45 CFR 164.528)',
    keywords: ['accounting of disclosures'],
    footer: 'Contains PHI. Accounting of disclosures for the individual named; do not redisclose.',
    createdAt: now,
  });
  return pdf.bytes;
}
