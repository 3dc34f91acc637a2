/** The self-contained `ntk` commands (see command.ts). Add one line per command module. */
import type { CliCommand } from './command';
import { demoCommand } from './demo-command';
import { inventoryCommand, purgeCommand } from './retention-commands';

export const COMMANDS: readonly CliCommand[] = [demoCommand, purgeCommand, inventoryCommand];
