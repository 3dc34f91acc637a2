/**
 * The exposure inventory as CSV (formula-injection safe, like the audit export) or as a PDF report
 * (pdf-lib with an embedded DejaVu Sans, so any character in an MRN prints). Both are built in
 * memory and written once to the path the person chose: no temp file.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ExposureInventory } from '../../../shared/retention-contract';
import { csvCell } from '../audit/export';

const COLUMNS = ['patient_id', 'mrn', 'encounters', 'documents', 'labels', 'oldest', 'newest', 'last_used_at'] as const;

const COUNT_COLUMNS = ['label', 'documents', 'patients'] as const;

export function inventoryCsv(inv: ExposureInventory): string {
  if (inv.scope === 'counts') {
    // Counts by label only (an administrator's inventory): no patient is named.
    const rows = [['ALL', inv.totals.documents, inv.totals.patients], ...inv.labels.map((l) => [l.label, l.documents, l.patients])];
    return [COUNT_COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
  }
  const lines = [COLUMNS.join(',')];
  for (const p of inv.patients) {
    lines.push([p.patientId, p.mrn, p.encounters, p.documents, p.labels.join(' '), p.oldest, p.newest, p.lastUsedAt].map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}

/** Finds a DejaVu TTF whether run from source (ESM) or bundled as CommonJS. */
function resolveFont(name: string): string {
  const spec = `dejavu-fonts-ttf/ttf/${name}`;
  // Bundled as CommonJS (the Electron main process): the module's own require.
  if (typeof require === 'function') return require.resolve(spec);
  try {
    return createRequire(import.meta.url).resolve(spec);
  } catch {
    return createRequire(path.join(process.cwd(), 'package.json')).resolve(spec);
  }
}
const fonts = new Map<string, Buffer>();
function dejavu(bold: boolean): Buffer {
  const name = `DejaVuSans${bold ? '-Bold' : ''}.ttf`;
  let b = fonts.get(name);
  if (!b) fonts.set(name, (b = fs.readFileSync(resolveFont(name))));
  return b;
}

const PAGE: [number, number] = [612, 792]; // US Letter, points
const MARGIN = 48;

export async function inventoryPdf(inv: ExposureInventory, meta: { workstation: string }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle('Exposure inventory');
  pdf.setCreator('Need-to-Know');
  pdf.setCreationDate(new Date(inv.generatedAt));
  pdf.setModificationDate(new Date(inv.generatedAt));
  const font = await pdf.embedFont(dejavu(false), { subset: true });
  const bold = await pdf.embedFont(dejavu(true), { subset: true });
  let page: PDFPage = pdf.addPage(PAGE);
  let y = PAGE[1] - MARGIN;
  const line = (text: string, f: PDFFont = font, size = 10, x = MARGIN) => {
    if (y < MARGIN + size) {
      page = pdf.addPage(PAGE);
      y = PAGE[1] - MARGIN;
    }
    page.drawText(text, { x, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
    y -= size + 5;
  };
  line('Exposure inventory — cached PHI on this device', bold, 15);
  line(`Generated ${inv.generatedAt} on workstation ${meta.workstation}; store ${inv.storeId}`);
  line(`Patients ${inv.totals.patients}, encounters ${inv.totals.encounters}, documents ${inv.totals.documents}; purged stubs ${inv.totals.purgedPatients}`);
  line(`Dates held: ${inv.oldest ?? '—'} to ${inv.newest ?? '—'}`);
  line(`Sensitivity labels: ${inv.labels.length ? inv.labels.map((l) => `${l.label} (${l.documents} docs, ${l.patients} patients)`).join(', ') : 'none'}`);
  y -= 8;
  if (inv.scope === 'counts') {
    line('Counts only: the list of patients is for the privacy officer (minimum necessary).');
    return pdf.save();
  }
  const cols: Array<[string, number]> = [['MRN', MARGIN], ['Enc', MARGIN + 130], ['Docs', MARGIN + 170], ['Labels', MARGIN + 215], ['Oldest', MARGIN + 330], ['Newest', MARGIN + 400], ['Last used', MARGIN + 470]];
  const row = (cells: string[], f: PDFFont) => {
    if (y < MARGIN + 10) {
      page = pdf.addPage(PAGE);
      y = PAGE[1] - MARGIN;
    }
    cells.forEach((c, i) => page.drawText(c, { x: cols[i]![1], y, size: 9, font: f }));
    y -= 13;
  };
  row(cols.map(([h]) => h), bold);
  for (const p of inv.patients) {
    row([p.mrn ?? `#${p.patientId}`, String(p.encounters), String(p.documents), p.labels.join(' ') || '—', p.oldest ?? '—', p.newest ?? '—', p.lastUsedAt?.slice(0, 10) ?? 'never'], font);
  }
  return pdf.save();
}
