import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withUsers } from '../../support/backend';
import { CANARY, HOSTILE, seedClaim } from '../../support/billing';
import { parsePdf, squash } from '../../support/pdf-text';
import { NEW_PASSWORD, signIn } from '../../support/sign-in';


async function setup(note?: string) {
  const t = await withUsers([
    ['bill', 'biller'],
    ['coda', 'coder'],
  ]);
  const seeded = seedClaim(t.backend.store.db, { index: 0, remitDate: '2025-12-01', note });
  const biller = await signIn(t, 'w-bill', 'bill');
  return { t, seeded, biller };
}

describe('dispute packet (IPC)', () => {
  it('builds the minimum set plus one chosen excerpt, checks identifiers, re-authenticates, exports and records the disclosure', async () => {
    const { t, seeded, biller } = await setup();
    const list = await biller('denialWorklist', {});
    expect(list.rows.map((r) => r.claimNumber)).toEqual([seeded.claimNumber]);

    const draft = await biller('packetDraft', { claimId: seeded.claimId });
    expect(draft.summary.lines.map((l) => l.code)).toEqual(['92928', '99223']);
    const doc = draft.sources[0]!;
    // The view withholds the substance-use section; its text never reaches the renderer.
    expect(JSON.stringify(draft)).not.toContain(CANARY.withheld);
    expect(JSON.stringify(draft)).not.toContain(CANARY.family);
    expect(doc.masked).toBeGreaterThanOrEqual(1);
    expect(doc.sections.map((x) => x.title)).not.toContain('SOCIAL HISTORY');
    const course = doc.sections.find((s) => s.title === 'HOSPITAL COURSE')!;

    const check = await biller('packetCheck', {
      claimId: seeded.claimId,
      recipient: 'Blue Harbor Insurance Appeals',
      letter: draft.letterTemplate,
      excerpts: [{ sectionId: course.id, reason: 'Shows the stent placement the payer says is undocumented' }],
    });
    expect(check.excerpts).toHaveLength(1);
    expect(check.identifiers.map((i) => i.text)).toEqual(expect.arrayContaining([seeded.memberId, seeded.claimNumber, seeded.payerClaimControl, '1245319599']));
    expect(check.elements).toContain('Documentation excerpts (1)');

    // Signing in is no re-authentication, and a proof for another action does not count.
    await expect(biller('packetExport', { checkId: check.checkId, confirmed: true })).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    await biller('reauthenticate', { password: NEW_PASSWORD, for: 'disclosureExport' });
    await expect(biller('packetExport', { checkId: check.checkId, confirmed: true })).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    await biller('reauthenticate', { password: NEW_PASSWORD, for: 'packetExport' });
    // A cancelled save dialog writes nothing, records no disclosure, and leaves the check open for a retry.
    t.cancelNextSave();
    await expect(biller('packetExport', { checkId: check.checkId, confirmed: true })).rejects.toMatchObject({ code: 'CONFLICT', message: /cancelled/ });
    expect(t.backend.store.db.prepare('SELECT count(*) AS n FROM packet').get()).toEqual({ n: 0 });
    await expect(biller('packetExport', { checkId: check.checkId, confirmed: true })).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' }); // the proof was spent
    await biller('reauthenticate', { password: NEW_PASSWORD, for: 'packetExport' });
    const out = await biller('packetExport', { checkId: check.checkId, confirmed: true });
    // The main process wrote the file where the user chose; its suggested name carries no PHI.
    expect(out.fileName).toMatch(/^\d+-dispute-packet-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(t.exports).toHaveLength(1);
    const bytes = t.lastExport();
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(out.sha256);

    const pdf = await parsePdf(bytes);
    const text = pdf.pages.flat().join('\n');
    // The minimum set is there …
    for (const v of [seeded.claimNumber, seeded.memberId, seeded.payerClaimControl, '2025-03-14', '92928', 'LD', '99223', 'I21.4', 'I25.10', '1245319599', '1679576722', '$1,850.00', 'CO-50', 'N115', 'M127']) expect(text).toContain(v);
    // … the chosen excerpt with its reason and source …
    expect(text).toContain('drug-eluting stent');
    expect(text).toContain('Shows the stent placement the payer says is undocumented');
    expect(text).toContain('Minimum-necessary certificate');
    expect(text).not.toContain('42 CFR part 2'); // no substance-use excerpt, no Part 2 notice
    // … and nothing else: no withheld section, no unchosen section, no patient identifier.
    for (const bad of [CANARY.withheld, 'Alcohol', 'AA meetings', 'chest pain', 'aspirin', CANARY.family, CANARY.given, CANARY.mrn, CANARY.birthDate, CANARY.address, CANARY.phone]) {
      expect(text).not.toContain(bad);
    }
    // Metadata carries no PHI and no user name; pdf-lib's defaults are replaced.
    expect(pdf.info).toMatchObject({ Title: 'Denial dispute packet', Producer: 'Need-to-Know', Creator: 'Need-to-Know' });
    expect(pdf.info.Author).toBeUndefined();
    const meta = JSON.stringify(pdf.info) + (pdf.xmp ?? '');
    for (const bad of [seeded.claimNumber, seeded.memberId, 'bill', CANARY.family, 'pdf-lib']) expect(meta).not.toContain(bad);
    expect(pdf.xmp).toContain('Need-to-Know');

    // Packet history with the file hash; the accounting of disclosures lists it.
    const history = await biller('packetHistory', { claimId: seeded.claimId });
    expect(history).toEqual([expect.objectContaining({ id: out.packetId, sha256: out.sha256, excerpts: 1, pages: out.pages })]);
    expect((await biller('denialWorklist', {})).rows[0]!.status).toBe('sent');
    const db = t.backend.store.db;
    const disclosure = db.prepare('SELECT * FROM disclosure').get() as { recipient: string; purpose: string; excerpt_ids_json: string; file_sha256: string; description: string };
    expect(disclosure).toMatchObject({ recipient: 'Blue Harbor Insurance Appeals', purpose: 'denial_dispute', file_sha256: out.sha256 });
    expect(JSON.parse(disclosure.excerpt_ids_json)).toHaveLength(1);
    expect(disclosure.description).toContain('HOSPITAL COURSE');
    const events = db.prepare("SELECT event_type, detail FROM audit_event WHERE event_type LIKE 'packet.%' ORDER BY seq").all() as Array<{ event_type: string; detail: string }>;
    expect(events.map((e) => e.event_type)).toEqual(['packet.draft', 'packet.check', 'packet.export']);
    const declared = db.prepare("SELECT purpose, encounter_id FROM audit_event WHERE event_type = 'purpose.declare' AND outcome = 'success'").all();
    expect(declared).toEqual([{ purpose: 'denial_dispute', encounter_id: seeded.encounterId }]);
    for (const e of events) expect(e.detail).not.toContain(CANARY.family);
    t.backend.close();
  });

  it('refuses handles the caller was not given, withheld sections, coders, multi-line reasons and a check from another session', async () => {
    const { t, seeded, biller } = await setup();
    const draft = await biller('packetDraft', { claimId: seeded.claimId });
    const course = draft.sources[0]!.sections[0]!;
    const base = { claimId: seeded.claimId, recipient: 'Payer', letter: 'x' };
    await expect(biller('packetCheck', { ...base, excerpts: [{ sectionId: 's_notissuedtoyou1', reason: 'because' }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(biller('packetCheck', { ...base, excerpts: [{ sectionId: course.id, reason: 'two\nlines' }] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(biller('packetCheck', { ...base, excerpts: [{ sectionId: course.id, reason: '' }] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const coder = await signIn(t, 'w-coda', 'coda');
    await expect(coder('packetDraft', { claimId: seeded.claimId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Another biller session cannot use this session's handles or confirm its check.
    const check = await biller('packetCheck', { ...base, excerpts: [{ sectionId: course.id, reason: 'needed' }] });
    await t.as('admin')('addUser', { username: 'bill2', displayName: 'Second Biller', role: 'biller', password: 'seventeen quiet lanterns' });
    const other = await signIn(t, 'w-bill2', 'bill2');
    await expect(other('packetCheck', { ...base, excerpts: [{ sectionId: course.id, reason: 'needed' }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await other('reauthenticate', { password: NEW_PASSWORD, for: 'packetExport' });
    await expect(other('packetExport', { checkId: check.checkId, confirmed: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    t.backend.close();
  });

  it('the identifier check lists what a user typed into the letter, before anything leaves', async () => {
    const { t, seeded, biller } = await setup();
    const check = await biller('packetCheck', { claimId: seeded.claimId, recipient: 'Payer', letter: `Re: patient ${CANARY.given} ${CANARY.family}, phone ${CANARY.phone}.`, excerpts: [] });
    const inLetter = check.identifiers.filter((i) => i.where.includes('letter'));
    expect(inLetter).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'NAME', text: `${CANARY.given} ${CANARY.family}` }), expect.objectContaining({ type: 'PHONE', text: CANARY.phone })]));
    t.backend.close();
  });

  it('a span excerpt carries only the selected part of the visible section', async () => {
    const { t, seeded, biller } = await setup();
    const draft = await biller('packetDraft', { claimId: seeded.claimId });
    const course = draft.sources[0]!.sections.find((s) => s.title === 'HOSPITAL COURSE')!;
    const start = course.text.indexOf('Cardiac');
    const end = course.text.indexOf('placed') + 'placed'.length;
    const check = await biller('packetCheck', { claimId: seeded.claimId, recipient: 'Payer', letter: 'Letter', excerpts: [{ sectionId: course.id, start, end, reason: 'The procedure' }] });
    await biller('reauthenticate', { password: NEW_PASSWORD, for: 'packetExport' });
    await biller('packetExport', { checkId: check.checkId, confirmed: true });
    const text = (await parsePdf(t.lastExport())).pages.flat().join(' ');
    expect(text).toContain('Cardiac catheterization');
    expect(text).not.toContain('Troponin');
    expect(text).not.toContain('without complication');
    t.backend.close();
  });

  it('hostile note text renders: operators stay text, glyphs the font lacks are replaced, long lines wrap', async () => {
    const { t, seeded, biller } = await setup(HOSTILE);
    const draft = await biller('packetDraft', { claimId: seeded.claimId });
    const findings = draft.sources[0]!.sections.find((s) => s.title === 'FINDINGS')!;
    const check = await biller('packetCheck', { claimId: seeded.claimId, recipient: 'Payer ) Tj ET', letter: 'Dear payer (see) \\ ) Tj', excerpts: [{ sectionId: findings.id, reason: 'Hostile ) Tj ET reason 😀' }] });
    await biller('reauthenticate', { password: NEW_PASSWORD, for: 'packetExport' });
    await biller('packetExport', { checkId: check.checkId, confirmed: true });
    const pdf = await parsePdf(t.lastExport());
    const text = pdf.pages.flat().join('\n');
    expect(text).toContain(') Tj ET BT /F1 12 Tf (injected) Tj ET');
    expect(text).toContain('שלום');
    expect(text).toContain('مرحبا');
    expect(text).toContain('😀');
    expect(text).toContain('\ufffd'); // CJK and control characters were replaced
    expect(text).not.toContain('中');
    expect(text).not.toContain('\u202e');
    expect(squash(text)).toContain('x'.repeat(3000)); // wrapped across lines, every character kept
    t.backend.close();
  });
});
