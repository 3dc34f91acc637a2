/**
 * Pair tests: two stores identical except for content a user may not see (one chart holds a
 * substance-use section, a psychotherapy note, an HIV result ...; its twin holds plain content of the
 * same shape, masked for the same user), the same script of calls driven through the backend's
 * dispatcher against each, and every reply compared. Replies must be deep-equal once opaque handles
 * are numbered by first appearance (random handles may differ; how many there are and where they
 * recur may not). Errors are compared too: a refusal on one side only is a difference.
 *
 * A capability adds its calls as a `Drive` (a function of one `PairSide`), or composes the drives
 * here; `expectSameReplies(spec, drive)` runs it on both twins and asserts.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { expect } from 'vitest';
import type { CallName, CallRequest, CallResponse } from '../../shared/contract';
import type { Purpose } from '../../shared/purposes';
import type { Role } from '../../shared/roles';
import { withUsers, type TestBackend } from './backend';
import { NEW_PASSWORD, signIn } from './sign-in';

/** Which twin: `hidden` holds the content the user may not see, `plain` its innocent counterpart. */
export type Twin = 'plain' | 'hidden';

export interface PairSpec<F> {
  /** Users of both stores (created in this order in each, so their ids agree). */
  users: Array<[string, Role]>;
  /**
   * Writes one twin's charts. Both twins write the same rows in the same order, differing only in
   * content the user may not see in either (a row the user may not see may be left out of the other).
   */
  write(db: Database, twin: Twin): F;
}

/** One recorded call: who asked, what, and the raw reply (value or error). */
export interface Exchange {
  user: string;
  name: CallName;
  request: unknown;
  reply: { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
}

export interface PairSide<F> {
  twin: Twin;
  t: TestBackend & { ids: Record<string, number> };
  fixture: F;
  transcript: Exchange[];
  /** Calls as `user` (signed in as a window of that name), records the reply, returns its value or throws its error. */
  call<K extends CallName>(user: string, name: K, req: CallRequest<K>): Promise<CallResponse<K>>;
  /** Like call, but returns the raw reply (for calls that may be refused). */
  attempt<K extends CallName>(user: string, name: K, req: CallRequest<K>): Promise<Exchange['reply']>;
}

export type Drive<F> = (side: PairSide<F>) => Promise<void>;

/** Opaque per-session handles (redaction/views/handles.ts): document, section, request. */
const HANDLE = /^[dsr]_[A-Za-z0-9_-]{16}$/;

/** Any JSON value with every opaque handle replaced by its kind and order of first appearance. */
export function numberHandles(value: unknown): unknown {
  const seen = new Map<string, string>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string' && HANDLE.test(v)) {
      let n = seen.get(v);
      if (!n) seen.set(v, (n = `<${v[0]}#${seen.size + 1}>`));
      return n;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(JSON.parse(JSON.stringify(value)));
}

/** The transcript with every opaque handle numbered (see numberHandles). */
export const normalizeHandles = (transcript: readonly Exchange[]): unknown => numberHandles(transcript);

async function side<F>(spec: PairSpec<F>, twin: Twin): Promise<PairSide<F>> {
  const t = await withUsers(spec.users);
  const fixture = spec.write(t.backend.store.db, twin);
  for (const [u] of spec.users) await signIn(t, u, u);
  const transcript: Exchange[] = [];
  const attempt = async (user: string, name: CallName, req: unknown): Promise<Exchange['reply']> => {
    const r = await t.raw(user)(name, req);
    const reply: Exchange['reply'] = r.ok ? { ok: true, value: r.value } : { ok: false, error: { code: r.error.code, message: r.error.message } };
    transcript.push({ user, name, request: req, reply });
    return reply;
  };
  return {
    twin,
    t,
    fixture,
    transcript,
    attempt: attempt as PairSide<F>['attempt'],
    call: (async (user: string, name: CallName, req: unknown) => {
      const r = await attempt(user, name, req);
      if (!r.ok) throw Object.assign(new Error(`${name} as ${user}: ${r.error.code} ${r.error.message}`), r.error);
      return r.value;
    }) as PairSide<F>['call'],
  };
}

/** Runs `drive` on both twins; returns both sides (normalized transcripts compared by the caller). */
export async function runPair<F>(spec: PairSpec<F>, drive: Drive<F>): Promise<{ plain: PairSide<F>; hidden: PairSide<F> }> {
  const plain = await side(spec, 'plain');
  const hidden = await side(spec, 'hidden');
  try {
    await drive(plain);
    await drive(hidden);
  } finally {
    plain.t.backend.close();
    hidden.t.backend.close();
  }
  return { plain, hidden };
}

/**
 * Asserts that every reply of `drive` is the same on both twins, call by call (so a difference
 * names the call). Returns the plain side for assertions that the drive did real work.
 */
export async function expectSameReplies<F>(spec: PairSpec<F>, drive: Drive<F>): Promise<PairSide<F>> {
  const { plain, hidden } = await runPair(spec, drive);
  const a = normalizeHandles(plain.transcript) as Exchange[];
  const b = normalizeHandles(hidden.transcript) as Exchange[];
  expect(b.map((x) => `${x.user}:${x.name}`)).toEqual(a.map((x) => `${x.user}:${x.name}`));
  a.forEach((x, i) => expect(b[i], `reply ${i} (${x.user} ${x.name})`).toEqual(x));
  return plain;
}

// --- drives --------------------------------------------------------------------------------------

/** Every document of an open chart, opened; returns the placeholders' request handles in order. */
export async function openEveryDocument<F>(s: PairSide<F>, user: string, encounterId: number): Promise<string[]> {
  const chart = await s.call(user, 'openChart', { encounterId });
  const handles: string[] = [];
  for (const d of chart.documents) {
    const doc = await s.call(user, 'openDocument', { documentId: d.id });
    for (const x of doc.sections) if (x.visibility === 'masked') handles.push(x.requestHandle);
  }
  return handles;
}

export interface ChartWorkOptions {
  user: string;
  purpose: Purpose;
  encounterId: number;
  /** Words searched for with findInChart (include words of the hidden content and of the visible). */
  probes: string[];
  /** Also request access from every placeholder (and list my requests). Default true. */
  requestAccess?: boolean;
}

const JUSTIFICATION = 'Need the full documentation to assign the principal diagnosis.';
const EMERGENCY = 'Attending asked for the full chart during a rapid response.';

/**
 * The coding workstation's calls (coder, CDI, supervisor): worklist, purpose, chart, every document,
 * search, a request from each placeholder, my requests, and the worklist once more.
 */
export function chartWork<F>(o: ChartWorkOptions): Drive<F> {
  return async (s) => {
    const { user, purpose, encounterId } = o;
    await s.attempt(user, 'listWorklist', { scope: 'all', limit: 100 });
    await s.call(user, 'declarePurpose', { purpose, encounterId });
    const placeholders = await openEveryDocument(s, user, encounterId);
    for (const query of o.probes) await s.call(user, 'findInChart', { encounterId, query });
    if (o.requestAccess ?? true) {
      for (const requestHandle of placeholders) await s.attempt(user, 'requestAccess', { requestHandle, purpose, justification: JUSTIFICATION });
      await s.call(user, 'myAccessRequests', {});
    }
    await s.attempt(user, 'listWorklist', { scope: 'all', limit: 100 });
  };
}

/**
 * A manual break-glass for the encounter under the purpose already declared, then the chart again.
 * Use it only on pairs whose hidden content stays closed to break-glass (psychotherapy notes):
 * break-glass opens the rest, and what the user may see may differ between twins.
 */
export function breakGlassWork<F>(o: { user: string; encounterId: number; probes: string[] }): Drive<F> {
  return async (s) => {
    const { user, encounterId } = o;
    await s.call(user, 'reauthenticate', { password: NEW_PASSWORD, for: 'breakGlass' });
    await s.attempt(user, 'breakGlass', { encounterId, reasonCode: 'patient-safety', reasonText: EMERGENCY });
    await s.call(user, 'myAccessRequests', {});
    await openEveryDocument(s, user, encounterId);
    for (const query of o.probes) await s.call(user, 'findInChart', { encounterId, query });
    await s.attempt(user, 'listWorklist', { scope: 'all', limit: 100 });
  };
}

/** The denials workstation's calls (biller): the denial worklist, each claim's packet draft. */
export function denialWork<F>(o: { user: string; claimIds: number[] }): Drive<F> {
  return async (s) => {
    await s.call(o.user, 'denialWorklist', {});
    for (const claimId of o.claimIds) {
      const draft = await s.attempt(o.user, 'packetDraft', { claimId });
      if (!draft.ok) continue;
      const withheld = (draft.value as CallResponse<'packetDraft'>).sources.flatMap((d) => d.withheld.map((w) => w.requestHandle));
      for (const requestHandle of withheld) await s.attempt(o.user, 'requestAccess', { requestHandle, purpose: 'denial_dispute', justification: JUSTIFICATION });
      await s.call(o.user, 'myAccessRequests', {});
    }
  };
}

/**
 * Physician queries (coder, CDI): a query with one fact from each visible section of the chart's
 * documents (purpose already declared), then get, preview and list it.
 */
export function queryWork<F>(o: { user: string; encounterId: number }): Drive<F> {
  return async (s) => {
    const { user, encounterId } = o;
    const chart = await s.call(user, 'openChart', { encounterId });
    const facts: Array<{ sectionId: string; start: number; end: number }> = [];
    for (const d of chart.documents) {
      const doc = await s.call(user, 'openDocument', { documentId: d.id });
      for (const x of doc.sections) if (x.visibility === 'visible' && x.text.length > 10) facts.push({ sectionId: x.id, start: 0, end: Math.min(40, x.text.length) });
    }
    const q = await s.attempt(user, 'createQuery', { encounterId, question: 'Please clarify the type of the condition documented.', options: ['Acute', 'Chronic'], facts: facts.slice(0, 30) });
    if (!q.ok) return;
    const queryId = (q.value as CallResponse<'createQuery'>).id;
    await s.attempt(user, 'getQuery', { queryId });
    await s.attempt(user, 'previewQuery', { queryId });
    await s.attempt(user, 'listQueries', { encounterId });
  };
}

/** Runs drives one after the other. */
export const drives =
  <F>(...ds: Array<Drive<F>>): Drive<F> =>
  async (s) => {
    for (const d of ds) await d(s);
  };
