import { describe, expect, it } from 'vitest';
import { withUsers } from '../../support/backend';
import { CANARY, seedClaim } from '../../support/billing';
import { parsePdf, squash } from '../../support/pdf-text';
import { NEW_PASSWORD, signIn } from '../../support/sign-in';

const WHY = 'The payer disputes the documented history; the appeal needs this section.';

describe('excerpts beyond the purpose defaults', () => {
  it('need an approved access request: a withheld section becomes an excerpt only after a privacy officer approves', async () => {
    const t = await withUsers([
      ['bill', 'biller'],
      ['sam', 'supervisor'],
      ['pat', 'privacy_officer'],
    ]);
    const seeded = seedClaim(t.backend.store.db, { index: 0, remitDate: '2025-12-01' });
    const biller = await signIn(t, 'w-bill', 'bill');
    const sam = await signIn(t, 'w-sam', 'sam');
    const pat = await signIn(t, 'w-pat', 'pat');

    const before = await biller('packetDraft', { claimId: seeded.claimId });
    const doc = before.sources[0]!;
    expect(doc.sections.map((s) => s.title)).not.toContain('SOCIAL HISTORY');
    expect(doc.withheld.length).toBe(doc.masked);
    expect(JSON.stringify(doc.withheld)).not.toContain(CANARY.withheld);

    // The stored section id cannot be smuggled in either: the builder only takes handles from the view.
    const req = await biller('requestAccess', { encounterId: seeded.encounterId, sectionCodes: ['29762-2'], purpose: 'denial_dispute', justification: WHY, minutes: 60 });
    const [refused] = await sam('decideAccess', { requestIds: [req.id], decision: 'approve', minutes: 60 });
    expect(refused).toMatchObject({ ok: false }); // substance-use records: a privacy officer must approve
    const [outcome] = await pat('decideAccess', { requestIds: [req.id], decision: 'approve', minutes: 60 });
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });

    const after = await biller('packetDraft', { claimId: seeded.claimId });
    const social = after.sources[0]!.sections.find((s) => s.title === 'SOCIAL HISTORY')!;
    expect(social).toBeDefined();
    const check = await biller('packetCheck', { claimId: seeded.claimId, recipient: 'Payer', letter: 'Letter', excerpts: [{ sectionId: social.id, reason: 'Approved for this appeal' }] });
    expect(check.labels).toContain('ETH');
    await biller('reauthenticate', { password: NEW_PASSWORD, for: 'packetExport' });
    await biller('packetExport', { checkId: check.checkId, confirmed: true });
    const text = squash((await parsePdf(t.lastExport())).pages.flat().join(''));
    expect(text).toContain(squash(CANARY.withheld));
    expect(text).toContain(squash("access beyond the purpose's defaults approved by pat"));
    expect(text).toContain(squash('protected by federal confidentiality rules (42 CFR part 2)')); // the redisclosure notice Part 2 requires

    // Revoked: the same handle no longer resolves.
    await pat('revokeAccess', { requestId: req.id, reason: 'Appeal sent; access no longer needed.' });
    await expect(biller('packetCheck', { claimId: seeded.claimId, recipient: 'Payer', letter: 'Letter', excerpts: [{ sectionId: social.id, reason: 'Again' }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    t.backend.close();
  });
});
