/**
 * The contract-wide PHI check: drive a seeded backend through its calls, record every reply with
 * the audit events written while it was made, then find (a) replies that carry a known PHI string
 * from a call the contract does not mark as carrying PHI, and (b) replies of marked calls with no
 * `phi.reply` audit event for that call. Reusable for any capability's calls.
 */
import type { CallName } from '../../shared/contract';
import { carriesPhi } from '../../shared/phi-replies';
import type { Result } from '../../shared/result';
import type { TestBackend } from './backend';

export interface RecordedReply {
  name: CallName;
  window: string;
  reply: Result<unknown>;
  /** `call` of every phi.reply event written while the call ran. */
  phiEvents: string[];
}

export function replyRecorder(t: TestBackend) {
  const log: RecordedReply[] = [];
  const db = t.backend.store.db;
  const maxSeq = () => (db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM audit_event').get() as { s: number }).s;
  const call = async (window: string, name: CallName, req: unknown): Promise<Result<unknown>> => {
    const before = maxSeq();
    const reply = await t.raw(window)(name, req);
    const rows = db.prepare("SELECT detail FROM audit_event WHERE seq > ? AND event_type = 'phi.reply' AND user_id IS NOT NULL").all(before) as Array<{ detail: string }>;
    log.push({ name, window, reply, phiEvents: rows.map((r) => String((JSON.parse(r.detail) as { call?: unknown }).call)) });
    return reply;
  };
  return { call, log };
}

export interface PhiFindings {
  /** Calls that returned a known PHI string but are not marked in shared/phi-replies.ts. */
  unmarked: Array<{ name: CallName; found: string[] }>;
  /** Marked calls whose successful reply wrote no phi.reply event for that call. */
  unaudited: CallName[];
}

export function phiFindings(log: readonly RecordedReply[], phi: readonly string[], marked: (n: CallName) => boolean = carriesPhi): PhiFindings {
  const unmarked: PhiFindings['unmarked'] = [];
  const unaudited: CallName[] = [];
  for (const r of log) {
    const text = JSON.stringify(r.reply);
    const found = phi.filter((s) => text.includes(s));
    if (found.length && !marked(r.name)) unmarked.push({ name: r.name, found });
    if (r.reply.ok && marked(r.name) && !r.phiEvents.includes(r.name)) unaudited.push(r.name);
  }
  return { unmarked, unaudited };
}
