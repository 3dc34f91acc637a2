/**
 * Dispute packet PDF: a ~100-page packet (claim summary, many excerpts, certificate) laid out,
 * drawn with the subset DejaVu fonts and saved; pages/s and ms per packet. Budget: 100 pages ≤ 2 s.
 */
import { renderDocument } from '../electron/core/packets/pdf/document';
import { packetBlocks, packetMeta, type PacketModel } from '../electron/core/packets/packet-model';
import { median, round } from './stats';

const SENTENCES = [
  'Cardiac catheterization showed a 90% stenosis of the proximal left anterior descending artery.',
  'A drug-eluting stent was placed without complication and TIMI 3 flow was restored.',
  'Troponin peaked at 2.1 ng/mL on hospital day two and trended down thereafter.',
  'The patient was monitored on telemetry; no arrhythmia was recorded.',
  'Dual antiplatelet therapy with aspirin and ticagrelor was started and tolerated.',
];

function model(excerpts: number): PacketModel {
  const text = Array.from({ length: 60 }, (_, i) => SENTENCES[i % SENTENCES.length]).join(' ');
  return {
    summary: {
      claimId: 1,
      claimNumber: 'CLM100000',
      claimType: 'professional',
      payerName: 'Acme Health Plan',
      payerId: 'P1',
      payerClaimControl: 'ICN5550000',
      memberId: 'MBR900000',
      billingNpi: '1245319599',
      renderingNpi: '1679576722',
      serviceStart: '2025-03-14',
      serviceEnd: '2025-03-17',
      totalCharge: 1850,
      billed: 1850,
      paid: 350,
      diagnoses: [{ seq: 1, system: 'ICD-10-CM', code: 'I21.4' }],
      lines: Array.from({ length: 40 }, (_, i) => ({ lineNo: i + 1, serviceDate: '2025-03-15', codeSystem: 'CPT', code: '92928', modifiers: ['LD'], units: 1, charge: 1500, paid: 0, renderingNpi: null })),
      adjustments: [{ lineNo: 1, group: 'CO', code: '50', description: 'These are non-covered services because this is not deemed a medical necessity by the payer.', amount: 1500 }],
      remarks: [{ lineNo: null, code: 'N115', description: 'This decision was based on a Local Coverage Determination (LCD).' }],
      status: 'in_work',
    },
    recipient: 'Acme Health Plan Appeals',
    letter: 'Dear appeals department,\n\nWe request reconsideration.\n\nSincerely,\nBiller',
    excerpts: Array.from({ length: excerpts }, (_, i) => ({
      ref: `E${i + 1}`,
      documentId: 1,
      sectionId: i,
      loinc: '8648-8',
      documentTitle: 'Discharge summary',
      sectionTitle: 'HOSPITAL COURSE',
      date: '2025-03-17',
      text,
      reason: 'Documents the procedure',
      labels: [],
      spanStart: null,
      spanEnd: null,
    })),
    preparedBy: 'Bench Biller',
    approvedBy: 'Bench Biller',
    purpose: 'denial_dispute',
    createdAt: new Date('2026-01-05T09:00:00Z'),
  };
}

export async function packetsBench() {
  const m = model(95);
  await renderDocument(packetBlocks(model(2)), packetMeta(model(2))); // warm up fonts and code paths
  const runs: number[] = [];
  let pages = 0;
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const pdf = await renderDocument(packetBlocks(m), packetMeta(m));
    runs.push(performance.now() - t);
    pages = pdf.pages;
    bytes = pdf.bytes.length;
  }
  const ms = median(runs);
  return { pages, bytes, ms_per_packet: round(ms), pages_per_s: round((pages / ms) * 1000, 1), budget_ms_per_100_pages: 2000, ms_per_100_pages: round((ms / pages) * 100) };
}
