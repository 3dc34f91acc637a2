/**
 * Dispute packets from the real X12 835 files in ../shared/corpora/x12-835/ (skipped when absent):
 * each remittance is imported with the x12 importer's parser, a claim is written for each remit claim
 * (as the practice-management system would have sent it), and a packet is built for every denial.
 * The parsed PDF carries the claim's codes and denial reasons, and never the patient's name from
 * the 835 (NM1*QC), which the store keeps only to match claims.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { parse835 } from '../../../electron/core/ingest/x12';
import { testBackend } from '../../support/backend';
import { corporaDir } from '../../support/corpora';
import { parsePdf, squash } from '../../support/pdf-text';

// ../shared beside the repository (a clone), or the workplace's shared folder.
const CORPUS = [path.join(corporaDir(), 'x12-835')].find((d) => fs.existsSync(d)) ?? '';
const files = CORPUS
  ? fs
      .readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.txt'))
      .map((f) => path.join(CORPUS, f))
  : [];

describe.skipIf(files.length === 0)('dispute packets from the real 835 corpus', () => {
  it.each(files.map((f) => [path.relative(CORPUS, f), f]))('%s', async (_name, file) => {
    const t = testBackend();
    const db = t.backend.store.db;
    const w = new ChartWriter(db);
    // Every sample imports, the damaged ones (segment counts, control numbers, stray text) with warnings.
    const remits = parse835(fs.readFileSync(file, 'latin1'));
    expect(remits.length).toBeGreaterThan(0);
    const names = new Set<string>();
    db.transaction(() => {
      remits.forEach((r, ri) => {
        r.claims.forEach((c, ci) => {
          const patientId = w.patient({ sourceSystem: 'corpus', sourceId: `${ri}-${ci}` });
          if (c.patientName) for (const part of c.patientName.split(/[ ,]+/)) if (part.length > 3) names.add(part);
          w.claim({
            sourceSystem: 'corpus',
            sourceId: `${ri}-${ci}-${c.claimNumber}`,
            patientId,
            claimNumber: c.claimNumber,
            payerName: r.payerName ?? null,
            memberId: c.memberId ?? null,
            renderingNpi: c.renderingNpi ?? null,
            billingNpi: r.payeeNpi ?? null,
            totalCharge: c.billed ?? null,
            serviceStart: c.serviceStart ?? c.lines[0]?.serviceDate ?? null,
            serviceEnd: c.serviceEnd ?? null,
            diagnoses: [{ seq: 1, system: 'ICD-10-CM', code: 'Z00.00' }],
            lines: c.lines.map((l) => ({ lineNo: l.lineNo, serviceDate: l.serviceDate ?? null, codeSystem: 'CPT', code: l.code ?? null, modifiers: l.modifiers ?? [], units: l.units ?? null, charge: l.billed ?? null })),
          });
        });
        w.remittance(r);
      });
    })();

    const list = (await import('../../../electron/core/packets/worklist')).queryWorklist(db, new Date('2026-01-05T00:00:00Z'), { limit: 5000 });
    const viewer = { userId: 0, username: 'cli:test', role: 'biller' as const, purpose: null };
    let built = 0;
    for (const row of list.rows.filter((r) => r.claimId !== null).slice(0, 8)) {
      const prepared = await t.backend.packets.prepare(viewer, 'test', { claimId: row.claimId!, excerpts: [], recipient: row.payerName ?? 'Payer' }, { userId: null, displayName: 'Corpus Test', audit: { username: 'cli:test' } });
      const done = t.backend.packets.commit(prepared, { userId: null, displayName: 'Corpus Test', audit: { username: 'cli:test' } }, 'cli');
      const parsed = await parsePdf(done.bytes);
      const flat = squash(parsed.pages.flat().join(''));
      // Exactly the drawn lines, nothing else.
      expect(flat).toBe(squash(prepared.pdf.drawn.join('')));
      expect(flat).toContain(squash(row.claimNumber));
      for (const a of row.adjustments.filter((x) => x.group !== 'PR')) expect(flat).toContain(squash(`${a.group}-${a.code}`));
      for (const n of names) expect(flat.toLowerCase()).not.toContain(n.toLowerCase());
      expect(JSON.stringify(parsed.info) + (parsed.xmp ?? '')).not.toContain(row.claimNumber);
      built++;
    }
    expect(built).toBe(Math.min(8, list.rows.filter((r) => r.claimId !== null).length));
    t.backend.close();
  });
});
