/**
 * A limit per source of sign-in attempts, across login names, so that one caller cannot lock out
 * the names it chooses (the name lockout still protects each name from guessing). A source is
 * whatever the transport can vouch for: the window (webContents) over IPC, the command line, and,
 * for an organization server, the client address — see `sourceOf`. Stored in the database so the
 * command line (a new process each run) is counted too.
 *
 * Each admitted attempt counts when it is admitted (before hashing); a success takes its own count
 * back. SOURCE_LIMIT counted attempts within SOURCE_WINDOW_MS block the source for SOURCE_BLOCK_MS.
 * The limit is below twice the name lockout (LOCK_AFTER), so one source can lock at most one name
 * per window before it is blocked itself; every lock and block is an alert for administrators
 * (`signInAlerts`, and `lockout` / `sign-in.source-blocked` audit events).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CallContext } from '../ipc/dispatch';

export const SOURCE_LIMIT = 15;
export const SOURCE_WINDOW_MS = 15 * 60_000;
export const SOURCE_BLOCK_MS = 15 * 60_000;

/**
 * The source of a call: the transport's own `source` when it has one (a server fills in the client
 * address), else the transport and its caller id. The command line counts as one source.
 */
export function sourceOf(ctx: CallContext): string {
  if (ctx.source) return ctx.source;
  if (ctx.transport === 'cli') return 'cli';
  return `${ctx.transport}:${ctx.sessionKey}`;
}

interface Row {
  failures: number;
  window_start: number;
  blocked_until: number;
}

export class SourceThrottle {
  constructor(private readonly db: Database) {}

  private row(source: string): Row | undefined {
    return this.db.prepare('SELECT failures, window_start, blocked_until FROM auth_source_throttle WHERE source = ?').get(source) as Row | undefined;
  }

  /** Milliseconds the source must still wait, or 0. */
  blockedFor(source: string, nowMs: number): number {
    const r = this.row(source);
    return r && r.blocked_until > nowMs ? r.blocked_until - nowMs : 0;
  }

  /** How many sources are blocked at `nowMs`. */
  blockedNow(nowMs: number): number {
    return (this.db.prepare('SELECT count(*) AS n FROM auth_source_throttle WHERE blocked_until > ?').get(nowMs) as { n: number }).n;
  }

  /** Counts an admitted attempt; returns true when this attempt reached the limit (the source is now blocked). */
  count(source: string, nowMs: number): boolean {
    const r = this.row(source);
    const fresh = !r || nowMs - r.window_start >= SOURCE_WINDOW_MS || r.window_start > nowMs;
    const failures = (fresh ? 0 : r.failures) + 1;
    const blocked = failures >= SOURCE_LIMIT;
    this.db
      .prepare(
        `INSERT INTO auth_source_throttle (source, failures, window_start, blocked_until) VALUES (@source, @failures, @start, @blocked)
         ON CONFLICT(source) DO UPDATE SET failures = @failures, window_start = @start, blocked_until = @blocked`,
      )
      .run({ source, failures, start: fresh ? nowMs : r.window_start, blocked: blocked ? nowMs + SOURCE_BLOCK_MS : (r?.blocked_until ?? 0) });
    return blocked;
  }

  /** A success takes back the count its attempt added. */
  succeeded(source: string): void {
    this.db.prepare('UPDATE auth_source_throttle SET failures = max(failures - 1, 0) WHERE source = ?').run(source);
  }
}
