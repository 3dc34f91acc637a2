import { NtkError } from '../errors';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** UTF-8 text of a file, or BAD_INPUT when it is not UTF-8 (random bytes, a binary file, UTF-16). */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new NtkError('BAD_INPUT', `The ${what} is not UTF-8 text.`);
  }
}
