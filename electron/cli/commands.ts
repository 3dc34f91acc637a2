/** The self-contained `ntk` commands (see command.ts). Add one line per command module. */
import { accessCommand } from './access-command';
import type { CliCommand } from './command';

export const COMMANDS: readonly CliCommand[] = [
  accessCommand,
];
