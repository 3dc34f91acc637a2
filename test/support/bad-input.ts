import { expect } from 'vitest';
import { isNtkError } from '../../electron/core/errors';

/** Runs `fn`, expects it to refuse the input with BAD_INPUT, and returns the message the user would see. */
export function badInput(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(isNtkError(e) && e.code).toBe('BAD_INPUT');
    return (e as Error).message;
  }
  throw new Error('expected BAD_INPUT');
}
