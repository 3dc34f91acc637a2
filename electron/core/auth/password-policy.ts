/**
 * NIST SP 800-63B memorized-secret rules: length (15+, or 8+ with a second
 * factor), no composition rules, and a check against known common/breached
 * passwords (the zxcvbn-ts common list, ~49k entries) and context words.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_LENGTH = 15;
export const MIN_LENGTH_WITH_SECOND_FACTOR = 8;
export const MAX_LENGTH = 256;

let common: Set<string> | undefined;
const commonPasswords = (): Set<string> =>
  (common ??= new Set((dictionary as Record<string, string[]>)['passwords-common']!.map((p) => p.toLowerCase())));

export interface PasswordContext {
  username: string;
  displayName?: string;
  hasSecondFactor?: boolean;
}

/** Problems with a proposed password, as sentences to show; empty when acceptable. */
export function passwordProblems(password: string, ctx: PasswordContext): string[] {
  const problems: string[] = [];
  const min = ctx.hasSecondFactor ? MIN_LENGTH_WITH_SECOND_FACTOR : MIN_LENGTH;
  const length = [...password.normalize('NFKC')].length;
  if (length < min) problems.push(`Use at least ${min} characters (a passphrase of several words works well).`);
  if (length > MAX_LENGTH) problems.push(`Use at most ${MAX_LENGTH} characters.`);
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) problems.push('This password appears in lists of common or breached passwords.');
  if (/^(.)\1+$/u.test(password)) problems.push('Do not repeat a single character.');
  if (isSequence(lower)) problems.push('Do not use a simple sequence of characters.');
  const context = [ctx.username, ...(ctx.displayName?.split(/\s+/) ?? []), 'needtoknow', 'need-to-know']
    .map((w) => w.toLowerCase())
    .filter((w) => w.length >= 4);
  if (context.some((w) => lower.includes(w))) problems.push('Do not include your user name, your name or the application name.');
  return problems;
}

function isSequence(s: string): boolean {
  if (s.length < 6) return false;
  const step = s.charCodeAt(1) - s.charCodeAt(0);
  if (Math.abs(step) !== 1) return false;
  for (let i = 2; i < s.length; i++) if (s.charCodeAt(i) - s.charCodeAt(i - 1) !== step) return false;
  return true;
}
