import { describe, expect, it } from 'vitest';
import { buildApi } from '../../shared/bridge';
import { CALL_NAMES, channelOf, contract } from '../../shared/contract';

describe('the IPC contract and the bridge generated from it', () => {
  it('names every call exactly once, each with request and response schemas', () => {
    expect(Object.keys(contract).sort()).toEqual([...CALL_NAMES].sort());
    for (const name of CALL_NAMES) {
      expect(typeof contract[name].request.safeParse).toBe('function');
      expect(typeof contract[name].response.parse).toBe('function');
      // Requests are strict: a field the contract does not name (an identity, a role, a session id) is refused.
      expect(contract[name].request.safeParse({ sessionId: 'forged' }).success).toBe(false);
    }
  });

  it('exposes exactly the contract functions, frozen, with no generic invoke', async () => {
    const sent: Array<[string, unknown]> = [];
    const api = buildApi(async (channel, arg) => {
      sent.push([channel, arg]);
      return { ok: true, value: null };
    });
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect('invoke' in api).toBe(false);
    await api.storeStatus({});
    expect(sent).toEqual([[channelOf('storeStatus'), {}]]);
  });
});
