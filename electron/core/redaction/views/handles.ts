/**
 * Opaque per-session handles: a random string per row the renderer may refer to, held in a map in
 * the main process. Handles carry no row id, ordinal or count, so numbering gaps reveal nothing, and
 * a handle from another session (or from before a lock) resolves to nothing.
 */
import { randomBytes } from 'node:crypto';

export type HandleTarget =
  | { kind: 'document'; documentId: number; patientId: number; encounterId: number }
  | { kind: 'section'; sectionId: number; documentId: number; patientId: number; encounterId: number }
  | { kind: 'request'; documentId: number; sectionIds: number[]; patientId: number; encounterId: number };

const PREFIX = { document: 'd', section: 's', request: 'r' } as const;

export class HandleTable {
  private readonly byHandle = new Map<string, HandleTarget>();
  private readonly byKey = new Map<string, string>();

  /** The handle for a target: the same one each time within this table. */
  handle(target: HandleTarget): string {
    const key = keyOf(target);
    let h = this.byKey.get(key);
    if (!h) {
      h = `${PREFIX[target.kind]}_${randomBytes(12).toString('base64url')}`;
      this.byKey.set(key, h);
      this.byHandle.set(h, target);
    }
    return h;
  }

  resolve(handle: string): HandleTarget | undefined {
    return this.byHandle.get(handle);
  }

  get size(): number {
    return this.byHandle.size;
  }
}

function keyOf(t: HandleTarget): string {
  switch (t.kind) {
    case 'document':
      return `d${t.documentId}:${t.encounterId}`;
    case 'section':
      return `s${t.sectionId}:${t.encounterId}`;
    case 'request':
      return `r${t.documentId}:${t.sectionIds.join(',')}:${t.encounterId}`;
  }
}
