/** The self-contained `ntk` commands (see command.ts). Add one line per command module. */
import type { CliCommand } from './command';
import { deidCommand } from './deid-command';
import { redactCommand } from './redact-command';

export const COMMANDS: readonly CliCommand[] = [
  redactCommand,
  deidCommand,
];
