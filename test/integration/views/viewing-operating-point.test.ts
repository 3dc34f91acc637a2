/**
 * Chart views mask at the policy's `viewing` operating point, disclosures check at `disclosure`
 * (issue 14): a weak month-alone, two-digit-year or lower-case-name candidate is shown in a view
 * (a masked clinical word hides what a coder must read), while a physician query or a dispute
 * packet built from that very text still lists it; unlabelled numbers, digit groups and weak ids,
 * found at the same low confidence, stay masked in every view. Through the dispatcher, on the real
 * store and import path.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import type { DocumentView } from '../../../shared/chart-contract';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { Deidentifier } from '../../../electron/core/redaction/deid';
import { withUsers } from '../../support/backend';
import { seedClaim } from '../../support/billing';
import { signIn } from '../../support/sign-in';

const WEAK_WORDS = ['March', "'98", 'mary kondouli'];
const WEAK_NUMBERS = ['7340192', '4417 2290 31', 'ZX-40117'];

const NOTE = `PROGRESS NOTE
HISTORY OF PRESENT ILLNESS:
Seen in clinic in March with chest pain. Ticket 7340192 reviewed. ID 4417 2290 31 noted. Case ZX-40117 opened. PMH: MI in '98, admitted 03/14/2024 for a stent.
ASSESSMENT AND PLAN:
Unstable angina, resolved. mary kondouli from speech in to see pt.
`;

function writeChart(db: Database): { encounterId: number; documentId: number } {
  const w = new ChartWriter(db);
  return db.transaction(() => {
    const patientId = w.patient({ sourceSystem: 'test', sourceId: 'p1', mrn: '55120987', givenName: 'Ottoline', familyName: 'Brackenridge', birthDate: '1951-06-02' });
    const encounterId = w.encounter({ sourceSystem: 'test', sourceId: 'e1', patientId, classCode: 'IMP', periodStart: '2024-03-14', periodEnd: '2024-03-16' });
    const documentId = w.document({ sourceSystem: 'test', sourceId: 'd1', patientId, encounterId, docType: 'progress-note', title: 'Progress note', authoredAt: '2024-03-15T09:00:00Z', text: NOTE, format: 'text' });
    return { encounterId, documentId };
  })();
}

const visibleText = (doc: DocumentView) => doc.sections.flatMap((s) => (s.visibility === 'visible' ? [s] : []));

describe('chart views at the viewing operating point', () => {
  it('show weak name and date candidates, keep weak numbers masked, and a query built from the view still flags them', async () => {
    const t = await withUsers([['cleo', 'cdi']]);
    const { encounterId } = writeChart(t.backend.store.db);
    // The stored spans are the disclosure set: every weak candidate is there, with its confidence.
    const stored = JSON.parse((t.backend.store.db.prepare('SELECT identifiers_json FROM document').get() as { identifiers_json: string }).identifiers_json) as Array<{ start: number; end: number; confidence: number }>;
    for (const v of [...WEAK_WORDS.map((w) => w.replace("'", '')), ...WEAK_NUMBERS]) {
      const s = stored.find((x) => NOTE.slice(x.start, x.end) === v);
      expect(s, v).toBeDefined();
      expect(s!.confidence, v).toBeLessThan(0.6);
    }
    const cdi = await signIn(t, 'w-cdi', 'cleo');
    // Quality review generalizes dates (a full date to its year; a month alone cannot be, so it would be masked) and masks names and ids.
    await cdi('declarePurpose', { purpose: 'quality_review', encounterId });
    const chart = await cdi('openChart', { encounterId });
    const doc = await cdi('openDocument', { documentId: chart.documents[0]!.id });
    const sections = visibleText(doc);
    const all = sections.map((s) => s.text).join('\n');
    for (const w of WEAK_WORDS) expect(all, w).toContain(w);
    for (const n of WEAK_NUMBERS) expect(all, n).not.toContain(n);
    expect(all).toContain('Ticket [OTHER_ID] reviewed. ID [PHONE] noted. Case [OTHER_ID] opened.');
    // A confident date is still handled by the purpose's rule.
    expect(all).toContain('admitted 2024 for a stent');
    expect(all).not.toContain('03/14');

    // Search sees what the view shows, and only that.
    expect((await cdi('findInChart', { encounterId, query: 'in March' })).total).toBe(1);
    expect((await cdi('findInChart', { encounterId, query: 'kondouli' })).total).toBe(1);
    for (const n of WEAK_NUMBERS) expect((await cdi('findInChart', { encounterId, query: n })).total, n).toBe(0);

    // A query quoting the view's text: the minimum-necessary check runs at the disclosure point.
    const at = (needle: string) => sections.find((s) => s.text.includes(needle))!;
    const [hpi, pmh, plan] = [at('March'), at("'98"), at('kondouli')];
    const q = await cdi('createQuery', {
      encounterId,
      question: 'Can the type of angina be further specified?',
      options: ['Stable angina', 'Unstable angina'],
      facts: [
        { sectionId: hpi.id, start: 0, end: hpi.text.length },
        { sectionId: pmh.id, start: 0, end: pmh.text.indexOf(' for a stent') },
        { sectionId: plan.id, start: 0, end: plan.text.length },
      ],
    });
    // The facts carry the text as the view showed it.
    expect(q.facts.map((f) => f.text)).toEqual([hpi.text, "PMH: MI in '98, admitted 2024", plan.text]);
    const flagged = q.findings.filter((f) => f.kind === 'identifier').map((f) => `${f.type}:${f.where}:${f.excerpt}`);
    expect(flagged).toEqual(expect.arrayContaining(['DATE:fact:0:March', 'DATE:fact:1:98', 'NAME:fact:2:mary kondouli']));
    t.backend.close();
  });

  it('a dispute packet shows a weak name in its excerpt source and its pre-export check lists it; weak numbers stay masked', async () => {
    const t = await withUsers([['bill', 'biller']]);
    const seeded = seedClaim(t.backend.store.db, { index: 0, remitDate: '2025-12-01', note: NOTE });
    const biller = await signIn(t, 'w-bill', 'bill');
    const draft = await biller('packetDraft', { claimId: seeded.claimId });
    const plan = draft.sources[0]!.sections.find((s) => s.text.includes('Unstable angina'))!;
    expect(plan.text).toContain('mary kondouli');
    const hpi = draft.sources[0]!.sections.find((s) => s.text.includes('chest pain'))!;
    expect(hpi.text).toContain('Ticket [OTHER_ID] reviewed. ID [PHONE] noted. Case [OTHER_ID] opened.');
    const serialized = JSON.stringify(draft);
    for (const n of WEAK_NUMBERS) expect(serialized, n).not.toContain(n);
    const check = await biller('packetCheck', {
      claimId: seeded.claimId,
      recipient: 'Blue Harbor Insurance Appeals',
      letter: draft.letterTemplate,
      excerpts: [{ sectionId: plan.id, reason: 'Shows the angina was treated' }],
    });
    expect(check.identifiers.map((i) => `${i.type}:${i.text}`)).toContain('NAME:mary kondouli');
    t.backend.close();
  });

  it('de-identified export still replaces every weak candidate the view shows (disclosure point)', () => {
    const out = new Deidentifier({ seed: 'viewing-point' }).deidentify(NOTE);
    for (const w of ['in March', "in '98", 'kondouli', ...WEAK_NUMBERS]) expect(out.text, w).not.toContain(w);
    expect(out.text).toContain('chest pain');
  });
});
