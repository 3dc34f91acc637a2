/**
 * Break 4 of issue 15: getQuery and previewQuery returned fact text from notes and wrote no audit
 * event, so a supervisor read fact text of an encounter they never opened. Now every such reply is
 * audited by the dispatcher against the patient, and fact text is re-derived only under a purpose
 * the reader declared for that encounter (which their worklist or a grant must give them).
 */
import { describe, expect, it } from 'vitest';
import { withUsers } from '../../support/backend';
import { writeSampleChart } from '../../support/charts';
import { signIn } from '../../support/sign-in';

const FACT = 'Managed with IV fluids';

async function setup() {
  const t = await withUsers([
    ['cora', 'coder'],
    ['sam', 'supervisor'],
  ]);
  const chart = writeSampleChart(t.backend.store.db);
  const cora = await signIn(t, 'cora', 'cora');
  await cora('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId });
  const doc = await cora('openDocument', { documentId: (await cora('openChart', { encounterId: chart.encounterId })).documents[0]!.id });
  const course = doc.sections.find((s) => s.visibility === 'visible' && s.text.includes(FACT));
  if (!course || course.visibility !== 'visible') throw new Error('no visible course section');
  const start = course.text.indexOf(FACT);
  const q = await cora('createQuery', { encounterId: chart.encounterId, question: 'Please clarify the etiology of the pancreatitis.', options: ['Alcohol induced', 'Gallstone'], facts: [{ sectionId: course.id, start, end: start + FACT.length }] });
  const sam = await signIn(t, 'sam', 'sam');
  return { t, chart, q, sam };
}

const phiReads = (t: Awaited<ReturnType<typeof setup>>['t'], userId: number, call: string) =>
  t.backend.store.db
    .prepare("SELECT patient_id AS p, encounter_id AS e FROM audit_event WHERE event_type = 'phi.reply' AND user_id = ? AND detail LIKE ? ORDER BY seq")
    .all(userId, `%"call":"${call}"%`);

describe('reading a physician query', () => {
  it('a supervisor who never opened the encounter gets no fact text, and the read is audited against the patient', async () => {
    const { t, chart, q, sam } = await setup();
    // Sam works under a purpose for another encounter of the patient; it does not reach this one.
    await sam('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.otherEncounterId });
    const got = await sam('getQuery', { queryId: q.id });
    const preview = await sam('previewQuery', { queryId: q.id });
    expect(JSON.stringify([got, preview])).not.toContain(FACT);
    expect(got.facts.map((f) => f.text)).toEqual([null]);
    expect(phiReads(t, t.ids.sam!, 'getQuery')).toEqual([{ p: chart.patientId, e: chart.encounterId }]);
    expect(phiReads(t, t.ids.sam!, 'previewQuery')).toEqual([{ p: chart.patientId, e: chart.encounterId }]);
  });

  it('under a purpose declared for the encounter the supervisor reads the fact, and each read is audited', async () => {
    const { t, chart, q, sam } = await setup();
    await sam('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId });
    const replies = await Promise.all([sam('getQuery', { queryId: q.id }), sam('previewQuery', { queryId: q.id }), sam('getQuery', { queryId: q.id })]);
    expect(replies[0]!.facts.map((f) => f.text)).toEqual([FACT]);
    expect(replies[1]!.text).toContain(FACT);
    expect(phiReads(t, t.ids.sam!, 'getQuery')).toHaveLength(2);
    expect(phiReads(t, t.ids.sam!, 'previewQuery')).toHaveLength(1);
  });
});
