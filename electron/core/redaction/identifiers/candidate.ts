import type { IdentifierType } from '../../../../shared/identifier-types';

/** A detector's proposal, before overlaps are resolved. */
export interface Candidate {
  start: number;
  end: number;
  type: IdentifierType;
  confidence: number;
}

export type Emit = (start: number, end: number, type: IdentifierType, confidence: number) => void;

/** Text before `pos`, up to `n` characters, lowercased (for label / cue checks). */
export function before(text: string, pos: number, n: number): string {
  return text.slice(Math.max(0, pos - n), pos).toLowerCase();
}

/** Text after `pos`, up to `n` characters, lowercased. */
export function after(text: string, pos: number, n: number): string {
  return text.slice(pos, pos + n).toLowerCase();
}

/**
 * Calls fn for each match of a global regex. Much faster than String.prototype.matchAll, which
 * clones the regex and allocates an iterator on every call.
 */
export function eachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    fn(m);
  }
  re.lastIndex = 0;
}
