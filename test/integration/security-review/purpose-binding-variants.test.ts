/** Review of issue 15 breaks 4-5 (class): handles and queries across an encounter change; role/purpose fit of requests. */
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/result';
import { withUsers } from '../../support/backend';
import { writeSampleChart } from '../../support/charts';
import { signIn } from '../../support/sign-in';

const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);
const WHY = 'Need the full chart to code the principal diagnosis correctly.';

async function setup() {
  const t = await withUsers([
    ['cora', 'coder'],
    ['carl', 'coder'],
    ['sam', 'supervisor'],
    ['bill', 'biller'],
  ]);
  const chart = writeSampleChart(t.backend.store.db);
  const cora = await signIn(t, 'cora-win', 'cora');
  const carl = await signIn(t, 'carl-win', 'carl');
  const sam = await signIn(t, 'sam-win', 'sam');
  const bill = await signIn(t, 'bill-win', 'bill');
  return { t, chart, cora, carl, sam, bill };
}

async function coraQuery(s: Awaited<ReturnType<typeof setup>>) {
  const { cora, chart } = s;
  await cora('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId });
  const view = await cora('openChart', { encounterId: chart.encounterId });
  const doc = await cora('openDocument', { documentId: view.documents[0]!.id });
  const section = doc.sections.find((x) => x.visibility === 'visible' && x.text.includes('Lipase normalized'))!;
  if (section.visibility !== 'visible') throw new Error('no visible section');
  const start = section.text.indexOf('Lipase normalized');
  const q = await cora('createQuery', { encounterId: chart.encounterId, question: 'Please clarify the type of pancreatitis.', options: ['Alcoholic', 'Biliary'], facts: [{ sectionId: section.id, start, end: start + 17 }] });
  return { q, handle: view.documents[0]!.id, fact: 'Lipase normalized' };
}

describe('review: purpose binding variants', () => {
  it('a document handle from encounter A is refused once the purpose is declared for encounter B', async () => {
    const s = await setup();
    const { handle } = await coraQuery(s);
    await s.cora('declarePurpose', { purpose: 'inpatient_coding', encounterId: s.chart.otherEncounterId });
    const r = await s.t.raw('cora-win')('openDocument', { documentId: handle });
    expect(code(r)).not.toBe('ok');
  });

  it("another coder cannot read cora's query (fact text) by id", async () => {
    const s = await setup();
    const { q, fact } = await coraQuery(s);
    for (const name of ['getQuery', 'previewQuery'] as const) {
      const r = await s.t.raw('carl-win')(name, { queryId: q.id });
      expect(`${name}:${code(r)}`).not.toBe(`${name}:ok`);
      expect(JSON.stringify(r)).not.toContain(fact);
    }
    const list = await s.t.raw('carl-win')('listQueries', {});
    expect(JSON.stringify(list)).not.toContain('pancreatitis');
  });

  it('cora loses her own query once carl claims the encounter (time of check / time of use)', async () => {
    const s = await setup();
    const { q, fact } = await coraQuery(s);
    await s.carl('claimEncounter', { encounterId: s.chart.encounterId });
    for (const name of ['getQuery', 'previewQuery'] as const) {
      const r = await s.t.raw('cora-win')(name, { queryId: q.id });
      // Held: the reply is ok (her own question) but the fact text is withheld once the chart is not hers.
      expect(JSON.stringify(r)).not.toContain(fact);
    }
  });

  it('a supervisor with no purpose for the encounter cannot read the query fact text', async () => {
    const s = await setup();
    const { q, fact } = await coraQuery(s);
    await s.carl('claimEncounter', { encounterId: s.chart.encounterId });
    const r = await s.t.raw('sam-win')('getQuery', { queryId: q.id });
    // Supervisors review queries (ok by design, audited); the fact text must not come with it.
    expect(JSON.stringify(r)).not.toContain(fact);
  });

  it('a biller cannot read a coder query by id', async () => {
    const s = await setup();
    const { q, fact } = await coraQuery(s);
    const r = await s.t.raw('bill-win')('getQuery', { queryId: q.id });
    expect(code(r)).not.toBe('ok');
    expect(JSON.stringify(r)).not.toContain(fact);
  });

  it('requestAccess refuses a purpose outside the requester role (coder: compliance_inquiry; biller: inpatient_coding)', async () => {
    const s = await setup();
    const a = await s.t.raw('cora-win')('requestAccess', { encounterId: s.chart.encounterId, purpose: 'compliance_inquiry', justification: WHY });
    const b = await s.t.raw('bill-win')('requestAccess', { encounterId: s.chart.encounterId, purpose: 'inpatient_coding', justification: WHY });
    expect([code(a), code(b)]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });
});
