import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildInventory } from '../../../electron/core/retention/inventory';
import { inventoryCsv, inventoryPdf } from '../../../electron/core/retention/inventory-export';
import { seedPatient } from '../../support/retention-seed';
import { testBackend } from '../../support/backend';

async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const c = await page.getTextContent();
    out.push(c.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  await doc.destroy();
  return out.join('\n');
}

describe('inventory export', () => {
  it('CSV neutralises spreadsheet formulas and the PDF reads back with every MRN, over several pages', async () => {
    const t = testBackend();
    const db = t.backend.store.db;
    const ps = Array.from({ length: 70 }, (_, i) => seedPatient(db, `X${String(i).padStart(2, '0')}`, { docs: 1, labels: i === 0 }));
    db.prepare("UPDATE patient SET mrn = '=HYPERLINK(\"http://x\")' WHERE id = ?").run(ps[1]!.id);
    db.prepare("UPDATE patient SET mrn = 'MRN-Ünïcødé' WHERE id = ?").run(ps[2]!.id);
    const inv = buildInventory(db, new Date('2026-02-01T00:00:00Z'));
    expect(inv.totals.patients).toBe(70);

    const csv = inventoryCsv(inv);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv.split('\n').some((l) => /^\d+,=/.test(l))).toBe(false);

    const bytes = await inventoryPdf(inv, { workstation: 'ws-1' });
    const text = await pdfText(bytes);
    expect(text).toContain('Exposure inventory');
    expect(text).toContain('MRN-Ünïcødé');
    expect(text).toContain('MRNX69');
    expect(text).toMatch(/ETH/);
    const pages = (await getDocument({ data: new Uint8Array(bytes) }).promise).numPages;
    expect(pages).toBeGreaterThan(1);
    for (const c of ps[0]!.canaries) expect(text).not.toContain(c);
    t.backend.close();
  });
});
