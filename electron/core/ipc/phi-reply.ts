/**
 * A reply that carries PHI together with whom it is about. Handlers of calls marked 'handler' in
 * shared/phi-replies.ts return one (their type says so); the dispatcher unwraps it, shapes the value
 * through the contract and writes the `phi.reply` audit event naming the subject.
 */
import type { PhiSubject } from '../../../shared/phi-replies';

export class PhiReply<T> {
  constructor(
    readonly value: T,
    readonly subject: PhiSubject,
  ) {}
}

export const phiReply = <T>(value: T, subject: PhiSubject): PhiReply<T> => new PhiReply(value, subject);
