/**
 * The dispatcher checks who is calling before it looks at the argument: a signed-out window, or a
 * signed-in user whose role may not make the call, gets one and the same refusal whatever it sends,
 * so nobody can probe the schemas (field names, limits) of calls they may not make.
 */
import { describe, expect, it } from 'vitest';
import { CALL_NAMES, type CallName } from '../../../shared/contract';
import { withUsers } from '../../support/backend';
import { signIn } from '../../support/sign-in';

/** Calls anyone may make (sign-in and session state). */
const PUBLIC: ReadonlySet<CallName> = new Set(['appInfo', 'sessionState', 'setupFirstAdmin', 'login', 'logout', 'unlockSession']);
const SHAPES: unknown[] = [{}, { encounterId: 1 }, { claimId: 'x', extra: true }, { userId: 1, role: 'admin' }, 'DROP TABLE', [1, 2], null, 42, { limit: 1e9 }];

describe('refusal before parsing', () => {
  it('a signed-out window gets the same refusal from every non-public call, whatever the argument', async () => {
    const t = await withUsers([]);
    const calls = CALL_NAMES.filter((n) => !PUBLIC.has(n));
    for (const name of calls) {
      const replies = await Promise.all(SHAPES.map((a) => t.raw('stranger')(name, a)));
      expect({ name, replies: [...new Set(replies.map((r) => JSON.stringify(r)))] }).toEqual({ name, replies: [JSON.stringify({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Not signed in.' } })] });
    }
  });

  it('a coder gets the same refusal from calls of other roles, whatever the argument', async () => {
    const t = await withUsers([['cora', 'coder']]);
    await signIn(t, 'cora', 'cora');
    for (const name of ['listUsers', 'addUser', 'setUserRole', 'auditEvents', 'runRetention', 'exposureInventory', 'denialWorklist', 'packetDraft', 'disclosureReport', 'accessInbox', 'importFiles'] as const) {
      const replies = await Promise.all(SHAPES.map((a) => t.raw('cora')(name, a)));
      const distinct = [...new Set(replies.map((r) => JSON.stringify(r)))];
      expect({ name, distinct: distinct.length, code: replies[0]!.ok ? 'ok' : replies[0]!.error.code }).toEqual({ name, distinct: 1, code: 'FORBIDDEN' });
    }
  });
});
