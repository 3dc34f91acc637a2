/**
 * Pair tests (test/support/pairs.ts): for coders, CDI specialists and billers, two stores that differ
 * only in content the user may not see give the same reply to every call: worklist, purpose, chart,
 * documents, search, access requests from placeholders, break-glass and the chart after it.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { seedClaim } from '../../support/billing';
import { breakGlassWork, chartWork, denialWork, drives, queryWork, expectSameReplies, type PairSpec, type Twin } from '../../support/pairs';

/** Hidden content: unrelated to the encounter's codes, so coding may not see it. */
const HIDDEN = {
  sud: 'PAST PSYCHIATRIC HISTORY:\nHeroin use disorder on methadone maintenance; bipolar disorder treated with lithium.\n',
  therapy: 'PSYCHOTHERAPY NOTE:\nSession focused on grief; she disclosed recurring nightmares about the accident.\n',
  hiv: 'HIV-1 RNA viral load',
};
/** The plain twins: content of the same shape that every coding purpose's section rule masks (payers, 48768-6). */
const PLAIN = {
  sud: 'INSURANCE INFORMATION:\nPrimary Blue Harbor Health, secondary Medicare Part B; incision dressing supplies covered.\n',
  therapy: 'INSURANCE INFORMATION:\nSelf-pay balance on a payment plan; clinic copay waived.\n',
};

const NOTE_HEAD = 'HISTORY OF PRESENT ILLNESS:\nAdmitted with acute cholecystitis; laparoscopic cholecystectomy on day two.\n';
const NOTE_TAIL = 'ASSESSMENT AND PLAN:\nAcute cholecystitis, resolved after surgery. Discharge home.\n';

interface Chart {
  encounterId: number;
}

/**
 * An inpatient stay coded K81.0 (nothing sensitive), with a discharge summary, a second note and labs.
 * `psychotherapyOnly`: the twins differ only in a psychotherapy note (present or absent), which stays
 * closed even to break-glass, so the pair holds through a break-glass too; otherwise they also differ
 * in a substance-use section and an HIV result, which break-glass would open.
 */
function writeChart(db: Database, twin: Twin, psychotherapyOnly = false): Chart {
  const w = new ChartWriter(db);
  return db.transaction(() => {
    const patientId = w.patient({ sourceSystem: 't', sourceId: 'p1', mrn: 'MRN-5521', familyName: 'Quillfeather', givenName: 'Juniper' });
    const encounterId = w.encounter({ sourceSystem: 't', sourceId: 'e1', patientId, classCode: 'IMP', typeDisplay: 'Inpatient admission', periodStart: '2025-05-01', periodEnd: '2025-05-04' });
    w.condition({ sourceSystem: 't', sourceId: 'c1', patientId, encounterId, codeSystem: 'ICD-10-CM', code: 'K81.0', display: 'Acute cholecystitis' });
    const doc = (id: string, docType: string, title: string, day: string, text: string) =>
      w.document({ sourceSystem: 't', sourceId: id, patientId, encounterId, docType, title, authoredAt: `2025-05-0${day}T10:00:00Z`, text, format: 'text' });
    // A section masked for its label in one twin, for its section code in the other.
    const hidden = twin === 'hidden';
    doc('d1', 'discharge-summary', 'Discharge summary', '4', NOTE_HEAD + (hidden && !psychotherapyOnly ? HIDDEN.sud : PLAIN.sud) + NOTE_TAIL);
    if (psychotherapyOnly) {
      // A psychotherapy note in one twin, none in the other; and one whose text names nothing sensitive
      // (its kind alone says what it is).
      if (hidden) doc('d2', 'psychotherapy-note', 'Psychotherapy session', '2', HIDDEN.therapy);
      if (hidden) doc('d4', 'psychotherapy-note', 'Psychotherapy session', '3', 'ASSESSMENT:\nCoping better this week; sleep improved.\n');
    } else if (hidden) doc('d2', 'psychotherapy-note', 'Psychotherapy session', '2', HIDDEN.therapy);
    // ... or a note wholly masked by the section rule: neither is listed.
    else doc('d2', 'progress-note', 'Insurance', '2', PLAIN.therapy);
    doc('d3', 'progress-note', 'Progress note', '3', NOTE_HEAD + NOTE_TAIL);
    w.observation({ sourceSystem: 't', sourceId: 'o1', patientId, encounterId, category: 'laboratory', codeSystem: 'http://loinc.org', code: '1751-7', display: 'Albumin', valueNum: 3.9, unit: 'g/dL', effectiveAt: '2025-05-02T06:00:00Z' });
    // An HIV result in one twin only (a row the coder may not see, absent from the other).
    if (hidden && !psychotherapyOnly) w.observation({ sourceSystem: 't', sourceId: 'o2', patientId, encounterId, category: 'laboratory', codeSystem: 'http://loinc.org', code: '20447-9', display: HIDDEN.hiv, valueNum: 40, unit: 'copies/mL', effectiveAt: '2025-05-02T06:00:00Z' });
    return { encounterId };
  })();
}

const PROBES = ['heroin', 'methadone', 'lithium', 'nightmares', 'grief', 'incision', 'clinic', 'cholecystitis', 'HIV', 'the'];

const USERS: PairSpec<Chart>['users'] = [
  ['cora', 'coder'],
  ['cid', 'cdi'],
  ['sam', 'supervisor'],
];
const coding: PairSpec<Chart> = { users: USERS, write: (db, twin) => writeChart(db, twin) };
const psychotherapy: PairSpec<Chart> = { users: USERS, write: (db, twin) => writeChart(db, twin, true) };

describe('pairs: every reply is the same for two charts that differ only in what the user may not see', () => {
  it('coder, inpatient coding: a section masked for its label, a psychotherapy note, an HIV result', async () => {
    let encounterId = 0;
    const plain = await expectSameReplies(coding, async (s) => {
      encounterId = s.fixture.encounterId;
      await drives<Chart>(chartWork({ user: 'cora', purpose: 'inpatient_coding', encounterId, probes: PROBES }), queryWork({ user: 'cora', encounterId }))(s);
    });
    expect(plain.transcript.find((x) => x.name === 'previewQuery')!.reply).toMatchObject({ ok: true });
    // The drive did the work: two documents listed and opened (by each drive), one placeholder, a request made from it.
    const names = plain.transcript.map((x) => x.name);
    expect(names.filter((n) => n === 'openDocument')).toHaveLength(4);
    expect(names.filter((n) => n === 'requestAccess')).toHaveLength(1);
    const worklist = plain.transcript.find((x) => x.name === 'listWorklist')!.reply;
    expect(worklist).toMatchObject({ ok: true, value: { rows: [expect.objectContaining({ encounterId, documentCount: 2 })] } });
  });

  it('coder, through a break-glass: a psychotherapy note present or not', async () => {
    const plain = await expectSameReplies(psychotherapy, async (s) =>
      drives<Chart>(
        chartWork({ user: 'cora', purpose: 'inpatient_coding', encounterId: s.fixture.encounterId, probes: [...PROBES, 'coping', 'sleep'] }),
        queryWork({ user: 'cora', encounterId: s.fixture.encounterId }),
        breakGlassWork({ user: 'cora', encounterId: s.fixture.encounterId, probes: [...PROBES, 'coping', 'sleep'] }),
      )(s),
    );
    const bg = plain.transcript.find((x) => x.name === 'breakGlass')!;
    expect(bg.reply).toMatchObject({ ok: true, value: { status: 'approved' } });
    // After break-glass the insurance section opens: the look after it saw more than the one before.
    expect(plain.transcript.filter((x) => x.name === 'openDocument').flatMap((x) => (x.reply.ok ? [JSON.stringify(x.reply.value)] : [])).join()).toContain('Blue Harbor');
  });

  it('coder, professional-fee coding remembered as the purpose (the worklist counts under it)', async () => {
    await expectSameReplies(coding, async (s) => {
      await s.call('cora', 'setCoderPrefs', { rememberedPurpose: 'profee_coding' });
      await chartWork<Chart>({ user: 'cora', purpose: 'profee_coding', encounterId: s.fixture.encounterId, probes: PROBES })(s);
    });
  });

  it('supervisor, inpatient coding', async () => {
    await expectSameReplies(coding, async (s) => chartWork<Chart>({ user: 'sam', purpose: 'inpatient_coding', encounterId: s.fixture.encounterId, probes: PROBES })(s));
  });

  it('CDI specialist, inpatient coding then quality review, then a break-glass', async () => {
    await expectSameReplies(coding, async (s) =>
      drives<Chart>(
        chartWork({ user: 'cid', purpose: 'inpatient_coding', encounterId: s.fixture.encounterId, probes: PROBES }),
        chartWork({ user: 'cid', purpose: 'quality_review', encounterId: s.fixture.encounterId, probes: PROBES, requestAccess: false }),
      )(s),
    );
    await expectSameReplies(psychotherapy, async (s) =>
      drives<Chart>(
        chartWork({ user: 'cid', purpose: 'inpatient_coding', encounterId: s.fixture.encounterId, probes: PROBES }),
        breakGlassWork({ user: 'cid', encounterId: s.fixture.encounterId, probes: PROBES }),
      )(s),
    );
  });

  it('biller: the denial worklist, packet drafts with their placeholders and requests from them', async () => {
    const billing: PairSpec<{ claimIds: number[] }> = {
      users: [['bill', 'biller']],
      write: (db, twin) => {
        // A hospital course (in the dispute's data set) masked for substance use in one twin; a social
        // history (not in it) with plain habits in the other.
        const social = twin === 'hidden' ? 'HOSPITAL COURSE:\nHeroin use disorder on methadone maintenance; withdrawal managed.\n' : 'SOCIAL HISTORY:\nRetired teacher, walks daily.\n';
        const note = `HISTORY OF PRESENT ILLNESS:\nChest pain, NSTEMI; PCI to the LAD.\n${social}DISCHARGE DIAGNOSIS:\nNSTEMI.\n`;
        return { claimIds: [seedClaim(db, { index: 0, note, remitDate: '2025-04-01' }).claimId] };
      },
    };
    const plain = await expectSameReplies(billing, async (s) => denialWork<{ claimIds: number[] }>({ user: 'bill', claimIds: s.fixture.claimIds })(s));
    const draft = plain.transcript.find((x) => x.name === 'packetDraft')!.reply;
    expect(draft).toMatchObject({ ok: true, value: { sources: [expect.objectContaining({ masked: 1 })] } });
  });
});
