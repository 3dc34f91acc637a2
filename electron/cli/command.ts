/**
 * A self-contained `ntk` command: its own options and run function. `electron/cli.ts` finds it by
 * name in `electron/cli/commands.ts`, parses its options (plus --db, --key-file, --json), prints the
 * result (`{"ok":true,"value":…}` with --json, else `text`) and maps errors to sysexits codes.
 */
import os from 'node:os';
import type { ParseArgsConfig } from 'node:util';
import { APP_INFO } from '../core/app-info';
import type { AuditActor } from '../core/audit/audit-log';
import type { Backend, BackendDeps } from '../core/backend';
import { NtkError } from '../core/errors';
import type { Viewer } from '../core/redaction/views';
import type { Role } from '../../shared/roles';
import type { KeySource } from '../core/db/keys';
import { headlessKeySource } from './key-options';
import { requireDb } from './options';

export type CliValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface CliContext {
  /** Positionals after the command name (a sub-command first, where the command has them). */
  args: string[];
  values: CliValues;
  env: NodeJS.ProcessEnv;
  json: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin?: () => Promise<string>;
}

export interface CliResult {
  /** What --json prints as `value`. */
  value: unknown;
  /** What a person sees without --json. */
  text: string;
  /** Exit code (default 0). The value is still printed. */
  exitCode?: number;
}

/** What the usage text and the argument parser need; kept in command-specs.ts, loaded at start-up. */
export interface CliCommandSpec {
  name: string;
  /** Lines for the usage text, already indented like the others. */
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
}

export interface CliCommand extends CliCommandSpec {
  run(ctx: CliContext): Promise<CliResult> | CliResult;
}

/** Who the command line acts as in the audit trail: the OS account, marked as the CLI. */
export function cliActor(): AuditActor {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    /* no passwd entry */
  }
  return { username: `cli:${user}`, role: 'admin', purpose: null };
}

/** Opens the store named by --db with the headless key, runs `fn`, and always closes it. */
export async function withCliBackend<T>(
  ctx: CliContext,
  fn: (backend: Backend, keys: KeySource) => Promise<T> | T,
  extra: Pick<BackendDeps, 'purgeOnStart'> = {},
): Promise<T> {
  const keys = headlessKeySource(ctx.values['key-file'] as string | undefined, ctx.env);
  const { createBackend } = await import('../core/backend');
  const backend = createBackend({ app: APP_INFO, ...extra, store: { path: requireDb(ctx.values.db as string | undefined), keys } });
  try {
    return await fn(backend, keys);
  } finally {
    backend.close();
  }
}

/**
 * Who a command reads as: the named user (`--user`, who must hold `role` when one is required), or
 * else the command line itself standing in for `role`.
 */
export function cliViewer(backend: Backend, name: string | undefined, role: Role, o: { requireRole?: boolean } = {}): Viewer & { displayName: string } {
  if (!name) {
    const username = cliActor().username ?? 'cli';
    return { userId: 0, username, role, purpose: null, displayName: username };
  }
  const u = backend.auth.users.byName(name);
  if (!u) throw new NtkError('NOT_FOUND', 'No such user.');
  if (o.requireRole && u.role !== role) throw new NtkError('FORBIDDEN', `That user's role is ${u.role}, not ${role}.`);
  return { userId: u.id, username: u.username, role: o.requireRole ? role : u.role, purpose: null, displayName: u.display_name };
}
