/** Review of issue 15 "Also fix": arguments validated before authorization. Every call, hostile args, signed out and as a coder. */
import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import type { CallName } from '../../../shared/contract';
import { withUsers } from '../../support/backend';
import { signIn } from '../../support/sign-in';

const PUBLIC = new Set(['appInfo', 'storeStatus', 'sessionState', 'setupFirstAdmin', 'login', 'logout', 'lockSession', 'unlockSession', 'recordActivity']);

describe('review: authorize before parse', () => {
  it('signed out: hostile arguments to any non-public call get UNAUTHENTICATED, never a schema message', async () => {
    const t = await withUsers([['cora', 'coder']]);
    const odd: string[] = [];
    for (const name of Object.keys(contract) as CallName[]) {
      if (PUBLIC.has(name)) continue;
      const r = await t.raw('stranger')(name, { __proto__: { x: 1 }, bogus: 'x'.repeat(10), encounterId: -1 });
      if (r.ok || r.error.code !== 'UNAUTHENTICATED') odd.push(`${name}: ${r.ok ? 'ok' : `${r.error.code} ${r.error.message}`}`);
    }
    expect(odd).toEqual([]);
  });

  it('as a coder: hostile arguments to calls a coder may not make get FORBIDDEN, not BAD_REQUEST', async () => {
    const t = await withUsers([['cora', 'coder']]);
    await signIn(t, 'cw', 'cora');
    const odd: string[] = [];
    for (const name of Object.keys(contract) as CallName[]) {
      const r = await t.raw('cw')(name, { bogus: 'x' });
      if (!r.ok && r.error.code === 'BAD_REQUEST') {
        // Was it a call the coder may make? Try it with no args at all: FORBIDDEN means the schema answered first.
        const again = await t.raw('cw')(name, {});
        if (!again.ok && again.error.code === 'FORBIDDEN') odd.push(`${name}: schema before role`);
      }
    }
    expect(odd).toEqual([]);
  });
});
