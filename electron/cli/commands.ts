/** The self-contained `ntk` commands (see command.ts). Add one import and one entry per command module. */
import type { CliCommand } from './command';
import { demoCommand } from './demo-command';
import { redactCommand } from './redact-command';

export const COMMANDS: readonly CliCommand[] = [
  demoCommand,
  redactCommand,
];
