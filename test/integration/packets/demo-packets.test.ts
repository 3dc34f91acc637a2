import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withUsers } from '../../support/backend';
import { seedDemo } from '../../support/demo';
import { parsePdf, squash } from '../../support/pdf-text';
import { NEW_PASSWORD, signIn } from '../../support/sign-in';

const words = (s: string): string[] => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
/** The packet's fixed wording (titles, table headers, certificate text, footer) lives in these sources. */
const FIXED = ['electron/core/packets/packet-model.ts', 'electron/core/packets/packet-service.ts', 'electron/core/packets/pdf/document.ts', 'shared/purposes.ts'].map((f) => fs.readFileSync(f, 'utf8')).join('\n');

describe('dispute packets from generated claims (demo generator with canaries)', () => {
  it('every packet holds its claim minimum set and chosen excerpts; no canary, name or MRN that was not chosen and visible', async () => {
    const t = await withUsers([['bill', 'biller']]);
    const demo = seedDemo(t.backend, { patients: 8, seed: 11 });
    const biller = await signIn(t, 'w-bill', 'bill');
    const list = await biller('denialWorklist', { limit: 6 });
    expect(list.rows.length).toBeGreaterThan(0);
    let built = 0;
    for (const row of list.rows.filter((r) => r.claimId !== null).slice(0, 4)) {
      const draft = await biller('packetDraft', { claimId: row.claimId! });
      const visible = draft.sources.flatMap((d) => d.sections);
      const chosen = visible.slice(0, 2);
      const check = await biller('packetCheck', {
        claimId: row.claimId!,
        recipient: `${draft.summary.payerName ?? 'Payer'} appeals`,
        letter: draft.letterTemplate,
        excerpts: chosen.map((s) => ({ sectionId: s.id, reason: 'Supports the denied service' })),
      });
      await biller('reauthenticate', { password: NEW_PASSWORD, for: 'packetExport' }); // each export asks again
      const out = await biller('packetExport', { checkId: check.checkId, confirmed: true });
      const pdf = await parsePdf(t.lastExport());
      const flat = squash(pdf.pages.flat().join(''));
      const chosenText = squash(check.excerpts.map((e) => e.text).join(''));
      // The minimum set of this claim.
      for (const v of [draft.summary.claimNumber, draft.summary.memberId, ...draft.summary.lines.map((l) => l.code), ...draft.summary.diagnoses.map((d) => d.code)]) {
        if (v) expect(flat).toContain(squash(v));
      }
      for (const e of check.excerpts) expect(flat).toContain(squash(e.text));
      // Nothing else: every word in the file comes from the claim's minimum set, the letter, the
      // check the user confirmed (excerpts, reasons, sources), the recipient and preparer, or the fixed wording.
      const allowed = new Set(words([JSON.stringify(draft.summary), draft.letterTemplate, JSON.stringify(check), ...check.excerpts.map((e) => e.text), 'bill', out.sha256, FIXED, new Date(0).toISOString()].join(' ')));
      const stray = [...new Set(pdf.pages.flat().flatMap(words))].filter((w) => !allowed.has(w) && !/^\d+$/.test(w) && !/^20\d\d$/.test(w));
      expect(stray).toEqual([]);
      // Canaries: present exactly when a chosen, visible excerpt carried them.
      for (const c of demo.canaries) {
        const phrase = squash(c.phrase);
        expect(flat.includes(phrase), `canary ${c.phrase}`).toBe(chosenText.includes(phrase));
      }
      // Identifiers of every patient: names and MRNs never appear (views mask them; the minimum set has none).
      for (const p of demo.patients) {
        for (const v of [p.mrn, `${p.givenName} ${p.familyName}`]) expect(flat).not.toContain(squash(v));
      }
      expect(JSON.stringify(pdf.info) + (pdf.xmp ?? '')).not.toContain(draft.summary.claimNumber);
      built++;
    }
    expect(built).toBeGreaterThan(0);
    t.backend.close();
  });
});
