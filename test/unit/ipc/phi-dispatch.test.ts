/**
 * The dispatcher writes the PHI audit itself, from the contract's marks (shared/phi-replies.ts): a
 * handler cannot return PHI unaudited, cannot mislabel its reply, and an audit that fails withholds
 * the reply. And it authorizes before it looks at the argument.
 */
import { describe, expect, it } from 'vitest';
import { CALL_NAMES, channelOf, type CallName } from '../../../shared/contract';
import { PHI_REPLIES } from '../../../shared/phi-replies';
import { NtkError } from '../../../electron/core/errors';
import { createDispatcher, type Authorize, type Handlers, type RecordPhiReply } from '../../../electron/core/ipc/dispatch';
import { phiReply } from '../../../electron/core/ipc/phi-reply';
import type { Session } from '../../../electron/core/auth/sessions';

const ctx = { transport: 'test', sessionKey: 'w1' };
const session: Session = { id: 's1', userId: 3, username: 'cora', displayName: 'Cora', role: 'coder', state: 'active', lastActivity: 0, proof: null, mustChangePassword: false, purpose: null };
const NOTE = 'Lipase normalized after IV fluids';

const query = {
  id: 9,
  encounterId: 5,
  status: 'draft',
  question: 'Please clarify',
  options: ['A', 'B'],
  provider: null,
  facts: [{ id: 1, ordinal: 1, text: NOTE, documentTitle: 'Discharge summary', sectionTitle: 'Course', date: null }],
  issues: [],
  findings: [],
  answer: null,
  createdAt: 'x',
  updatedAt: 'x',
  sentAt: null,
  exports: 0,
};
const chart = {
  encounter: { id: 5, patientLabel: '[NAME]', mrn: null, classCode: null, type: null, start: null, end: null, attending: null },
  purpose: 'inpatient_coding',
  documents: [],
  structured: { diagnoses: [{ system: 'ICD-10-CM', code: 'K85.20', display: NOTE, date: null }], procedures: [], medications: [], labs: [] },
};

function setup(run: Partial<Record<CallName, () => unknown>>, o: { signedIn?: boolean; recordPhi?: RecordPhiReply } = {}) {
  const handlers = Object.fromEntries(CALL_NAMES.map((n) => [n, { access: 'signed-in', run: run[n] ?? (() => ({})) }])) as unknown as Handlers;
  const authorize: Authorize = (access) => {
    if (access !== 'public' && o.signedIn === false) throw new NtkError('UNAUTHENTICATED', 'Not signed in.');
    return session;
  };
  const recorded: Array<Parameters<RecordPhiReply>[0]> = [];
  const d = createDispatcher(handlers, authorize, () => {}, o.recordPhi ?? ((e) => void recorded.push(e)));
  return { d, recorded };
}

describe('PHI replies are audited by the dispatcher', () => {
  it('every call of the contract carries a PHI mark (false, handler or a subject reader)', () => {
    expect(Object.keys(PHI_REPLIES).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('records the subject a marked reply names, with the caller', async () => {
    const { d, recorded } = setup({ getQuery: () => query });
    const r = await d(channelOf('getQuery'), { queryId: 9 }, ctx);
    expect(r.ok).toBe(true);
    expect(recorded).toEqual([{ call: 'getQuery', session, subject: { encounterIds: [5] } }]);
  });

  it('records the subject a handler names for a call marked "handler"', async () => {
    const { d, recorded } = setup({ openChart: () => phiReply(chart, { patientIds: [2], encounterIds: [5] }) });
    const r = await d(channelOf('openChart'), { encounterId: 5 }, ctx);
    expect(r.ok).toBe(true);
    expect(recorded).toEqual([{ call: 'openChart', session, subject: { patientIds: [2], encounterIds: [5] } }]);
  });

  it('withholds a "handler" call\'s reply when its handler names no subject', async () => {
    const { d, recorded } = setup({ openChart: () => chart });
    const r = await d(channelOf('openChart'), { encounterId: 5 }, ctx);
    expect(r.ok === false && r.error.code).toBe('INTERNAL');
    expect(JSON.stringify(r)).not.toContain('Lipase');
    expect(recorded).toEqual([]);
  });

  it('withholds a PhiReply from a call the contract does not mark (the mark must be changed first)', async () => {
    const { d } = setup({ appInfo: () => phiReply({ name: NOTE, version: '1' }, { patientIds: [2] }) });
    const r = await d(channelOf('appInfo'), {}, ctx);
    expect(r.ok === false && r.error.code).toBe('INTERNAL');
    expect(JSON.stringify(r)).not.toContain('Lipase');
  });

  it('withholds the reply when the audit cannot be written', async () => {
    const { d } = setup(
      { getQuery: () => query },
      {
        recordPhi: () => {
          throw new Error('SQLITE_FULL');
        },
      },
    );
    const r = await d(channelOf('getQuery'), { queryId: 9 }, ctx);
    expect(r.ok === false && r.error.code).toBe('INTERNAL');
    expect(JSON.stringify(r)).not.toContain('Lipase');
  });

  it('records nothing for a refused or failed call', async () => {
    const { d, recorded } = setup({
      getQuery: () => {
        throw new NtkError('NOT_FOUND', 'No such query.');
      },
    });
    await d(channelOf('getQuery'), { queryId: 9 }, ctx);
    await d(channelOf('getQuery'), { queryId: -1 }, ctx);
    expect(recorded).toEqual([]);
  });
});

describe('authorization before argument parsing', () => {
  it.each(CALL_NAMES.map((n) => [n]))('%s: a signed-out caller gets the same refusal whatever the argument', async (name) => {
    const { d } = setup({}, { signedIn: false });
    const shapes: unknown[] = [{}, { encounterId: 1 }, { nope: true }, 'x', [1], null, { queryId: -5, __proto__: { a: 1 } }];
    const replies = await Promise.all(shapes.map((a) => d(channelOf(name), a, ctx)));
    expect(new Set(replies.map((r) => JSON.stringify(r)))).toEqual(new Set([JSON.stringify({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Not signed in.' } })]));
  });
});
