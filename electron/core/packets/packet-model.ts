/**
 * The dispute packet as data: the claim's minimum data set, the filled cover letter, the excerpts
 * the user chose (text re-derived from their current view) and who prepared and approved it. The
 * PDF is a pure function of this model (toBlocks → renderDocument).
 */
import { PURPOSE_INFO, type Purpose } from '../../../shared/purposes';
import type { ClaimSummary } from '../../../shared/packets-contract';
import type { Block } from './pdf/document';

export interface PacketExcerpt {
  /** "E1", "E2", … in packet order. */
  ref: string;
  documentId: number;
  sectionId: number;
  loinc: string;
  documentTitle: string;
  sectionTitle: string;
  date: string | null;
  text: string;
  reason: string;
  labels: string[];
  spanStart: number | null;
  spanEnd: number | null;
}

export interface PacketModel {
  summary: ClaimSummary;
  recipient: string;
  letter: string;
  excerpts: PacketExcerpt[];
  preparedBy: string;
  approvedBy: string;
  purpose: Purpose;
  createdAt: Date;
}

export const PACKET_TITLE = 'Denial dispute packet';
export const PACKET_FOOTER = 'Contains PHI. Minimum necessary for the denial dispute (45 CFR 164.502(b)); do not redisclose.';

export const DEFAULT_LETTER_TEMPLATE = `{{date}}

{{recipient}}
Re: Request for reconsideration of claim {{claimNumber}}
Payer claim number: {{payerClaimNumber}}
Member ID: {{memberId}}
Dates of service: {{serviceDates}}

To the appeals department:

We request reconsideration of the claim above, which was denied or reduced with reason code(s) {{denialCodes}}. The enclosed claim summary and documentation excerpts show that the services billed were provided, medically necessary and documented as coded.

Please reprocess the claim. Contact our billing office with any questions.

Sincerely,

{{preparedBy}}`;

/** The placeholders a letter may use: all drawn from the minimum data set, so a template cannot pull in more. */
export const LETTER_PLACEHOLDERS = ['date', 'recipient', 'claimNumber', 'payerClaimNumber', 'memberId', 'serviceDates', 'denialCodes', 'payerName', 'preparedBy'] as const;

export const money = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : `${n < 0 ? '-' : ''}$${Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

const day = (s: string | null): string => (s ? s.slice(0, 10) : '—');

export function serviceDates(s: ClaimSummary): string {
  const a = day(s.serviceStart);
  const b = day(s.serviceEnd);
  return a === b || b === '—' ? a : `${a} to ${b}`;
}

export function denialCodes(s: ClaimSummary): string {
  const codes = [...new Set([...s.adjustments.filter((a) => a.group !== 'PR').map((a) => `${a.group}-${a.code}`), ...s.remarks.map((r) => r.code)])];
  return codes.length ? codes.join(', ') : 'none reported';
}

export function fillLetter(template: string, m: Pick<PacketModel, 'summary' | 'recipient' | 'preparedBy' | 'createdAt'>): string {
  const s = m.summary;
  // A Map, not an object: a placeholder named after an Object.prototype member ({{constructor}},
  // {{toString}}, {{__proto__}}) must be unknown (empty), never the member's function source.
  const values = new Map<string, string>(Object.entries({
    date: isoDay(m.createdAt),
    recipient: m.recipient,
    claimNumber: s.claimNumber,
    payerClaimNumber: s.payerClaimControl ?? '—',
    memberId: s.memberId ?? '—',
    serviceDates: serviceDates(s),
    denialCodes: denialCodes(s),
    payerName: s.payerName ?? '—',
    preparedBy: m.preparedBy,
  } satisfies Record<(typeof LETTER_PLACEHOLDERS)[number], string>));
  return template.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (_, k: string) => values.get(k) ?? '');
}

/** The allow-list names of the data elements this packet carries (for the certificate and the accounting). */
export function includedElements(m: PacketModel): string[] {
  const s = m.summary;
  const out = ['Claim number'];
  if (s.payerName) out.push('Payer');
  if (s.payerClaimControl) out.push('Payer claim control number');
  if (s.memberId) out.push('Member id');
  if (s.serviceStart) out.push('Dates of service');
  if (s.lines.some((l) => l.code)) out.push('Procedure codes (CPT/HCPCS)');
  if (s.lines.some((l) => l.modifiers.length)) out.push('Modifiers');
  if (s.lines.some((l) => l.units !== null)) out.push('Units');
  if (s.diagnoses.length) out.push('Diagnosis codes (ICD-10-CM)');
  if (s.renderingNpi || s.lines.some((l) => l.renderingNpi)) out.push('Rendering NPI');
  if (s.billingNpi) out.push('Billing NPI');
  out.push('Charges and payments');
  if (s.adjustments.length || s.remarks.length) out.push('Denial reason codes (CARC/RARC)');
  if (m.excerpts.length) out.push(`Documentation excerpts (${m.excerpts.length})`);
  return out;
}

export function claimBlocks(s: ClaimSummary): Block[] {
  const blocks: Block[] = [
    { kind: 'title', text: 'Claim summary' },
    {
      kind: 'fields',
      rows: [
        ['Claim number', s.claimNumber],
        ['Payer', s.payerName ?? '—'],
        ['Payer claim number', s.payerClaimControl ?? '—'],
        ['Member ID', s.memberId ?? '—'],
        ['Dates of service', serviceDates(s)],
        ['Billing NPI', s.billingNpi ?? '—'],
        ['Rendering NPI', s.renderingNpi ?? '—'],
        ['Total charge', money(s.totalCharge ?? s.billed)],
        ['Paid', money(s.paid)],
      ],
    },
    { kind: 'heading', text: 'Diagnoses (ICD-10-CM)' },
    { kind: 'para', text: s.diagnoses.length ? s.diagnoses.map((d) => `${d.seq}. ${d.code}`).join('   ') : '—' },
    { kind: 'heading', text: 'Service lines' },
    {
      kind: 'table',
      columns: [
        { title: 'Line', width: 5 },
        { title: 'Date', width: 10 },
        { title: 'Code', width: 9 },
        { title: 'Modifiers', width: 9 },
        { title: 'Units', width: 6 },
        { title: 'Charge', width: 10 },
        { title: 'Paid', width: 10 },
        { title: 'Rendering NPI', width: 12 },
      ],
      rows: s.lines.map((l) => [
        String(l.lineNo),
        day(l.serviceDate ?? s.serviceStart),
        l.code ?? '—',
        l.modifiers.join(' ') || '—',
        l.units === null ? '—' : String(l.units),
        money(l.charge),
        money(l.paid),
        l.renderingNpi ?? s.renderingNpi ?? '—',
      ]),
    },
  ];
  if (s.adjustments.length) {
    blocks.push(
      { kind: 'heading', text: 'Adjustment reason codes (CARC)' },
      {
        kind: 'table',
        columns: [
          { title: 'Line', width: 5 },
          { title: 'Code', width: 8 },
          { title: 'Amount', width: 10 },
          { title: 'Description', width: 47 },
        ],
        rows: s.adjustments.map((a) => [a.lineNo === null ? 'Claim' : String(a.lineNo), `${a.group}-${a.code}`, money(a.amount), a.description]),
      },
    );
  }
  if (s.remarks.length) {
    blocks.push(
      { kind: 'heading', text: 'Remark codes (RARC)' },
      {
        kind: 'table',
        columns: [
          { title: 'Line', width: 5 },
          { title: 'Code', width: 8 },
          { title: 'Description', width: 57 },
        ],
        rows: s.remarks.map((r) => [r.lineNo === null ? 'Claim' : String(r.lineNo), r.code, r.description]),
      },
    );
  }
  return blocks;
}

/** The notice 42 CFR 2.32 requires with every disclosure of substance use disorder records (label ETH). */
export const PART2_NOTICE =
  'This information has been disclosed to you from records protected by federal confidentiality rules (42 CFR part 2). The federal rules prohibit you from making any further disclosure of information in this record that identifies a patient as having or having had a substance use disorder either directly, by reference to publicly available information, or through verification of such identification by another person unless further disclosure is expressly permitted by the written consent of the individual whose information is being disclosed or as otherwise permitted by 42 CFR part 2. A general authorization for the release of medical or other information is NOT sufficient for this purpose (see 42 CFR 2.31). The federal rules restrict any use of the information to investigate or prosecute with regard to a crime any patient with a substance use disorder, except as provided at 42 CFR 2.12(c)(5) and 2.65.';

function excerptBlocks(excerpts: PacketExcerpt[]): Block[] {
  if (!excerpts.length) return [];
  const blocks: Block[] = [{ kind: 'pageBreak' }, { kind: 'title', text: 'Documentation excerpts' }];
  if (excerpts.some((e) => e.labels.includes('ETH'))) blocks.push({ kind: 'para', bold: true, small: true, text: PART2_NOTICE }, { kind: 'space', height: 6 });
  for (const e of excerpts) {
    blocks.push(
      { kind: 'heading', text: `${e.ref}. ${e.sectionTitle}` },
      { kind: 'para', small: true, text: `Source: ${e.documentTitle}, ${e.date ?? 'undated'}. Section code ${e.loinc}.` },
      { kind: 'para', small: true, text: `Why included: ${e.reason}` },
      { kind: 'space', height: 4 },
      { kind: 'para', text: e.text },
    );
  }
  return blocks;
}

export function certificateBlocks(m: PacketModel): Block[] {
  const info = PURPOSE_INFO[m.purpose];
  return [
    { kind: 'pageBreak' },
    { kind: 'title', text: 'Minimum-necessary certificate' },
    {
      kind: 'para',
      text: `This packet was assembled for one purpose: ${info.label.toLowerCase()} (HL7 PurposeOfUse ${info.hl7}). Under the minimum necessary standard (45 CFR 164.502(b) and 164.514(d)) it contains only the data elements listed below, each of which the purpose requires, and the documentation excerpts the preparer selected, each with its stated reason.`,
    },
    { kind: 'heading', text: 'Data elements included' },
    ...includedElements(m).map((e): Block => ({ kind: 'para', text: `• ${e}` })),
    { kind: 'space', height: 8 },
    {
      kind: 'fields',
      rows: [
        ['Purpose', info.label],
        ['Recipient', m.recipient],
        ['Prepared by', m.preparedBy],
        ['Approved by', m.approvedBy],
        ['Date', isoDay(m.createdAt)],
      ],
    },
  ];
}

export function packetBlocks(m: PacketModel): Block[] {
  return [{ kind: 'para', text: m.letter }, { kind: 'pageBreak' }, ...claimBlocks(m.summary), ...excerptBlocks(m.excerpts), ...certificateBlocks(m)];
}

export const packetMeta = (m: PacketModel) => ({
  title: PACKET_TITLE,
  subject: PURPOSE_INFO[m.purpose].label,
  keywords: ['denial dispute', 'minimum necessary'],
  footer: PACKET_FOOTER,
  createdAt: m.createdAt,
});

/** The plain text of blocks, as laid out before wrapping (for the identifier check). */
export function blocksText(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'title' || b.kind === 'heading' || b.kind === 'para') out.push(b.text);
    else if (b.kind === 'fields') for (const [k, v] of b.rows) out.push(`${k}: ${v}`);
    else if (b.kind === 'table') for (const r of b.rows) out.push(r.join(' | '));
  }
  return out.join('\n');
}
