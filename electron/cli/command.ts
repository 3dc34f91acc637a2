/**
 * A self-contained `ntk` command: its own options and run function. `electron/cli.ts` finds it by
 * name in `electron/cli/commands.ts`, parses its options (plus --db, --key-file, --json), prints the
 * result (`{"ok":true,"value":…}` with --json, else `text`) and maps errors to sysexits codes.
 */
import os from 'node:os';
import type { ParseArgsConfig } from 'node:util';
import { APP_INFO } from '../core/app-info';
import type { AuditActor } from '../core/audit/audit-log';
import { createBackend, type Backend } from '../core/backend';
import type { KeySource } from '../core/db/keys';
import { headlessKeySource, requireDb } from './options';

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

export interface CliCommand {
  name: string;
  /** Lines for the usage text, already indented like the others. */
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
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
export async function withCliBackend<T>(ctx: CliContext, fn: (backend: Backend, keys: KeySource) => Promise<T> | T): Promise<T> {
  const keys = headlessKeySource(ctx.values['key-file'] as string | undefined, ctx.env);
  const backend = createBackend({ app: APP_INFO, store: { path: requireDb(ctx.values.db as string | undefined), keys } });
  try {
    return await fn(backend, keys);
  } finally {
    backend.close();
  }
}
