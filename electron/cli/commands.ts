/** The self-contained `ntk` commands (see command.ts). Add one import and one entry per command module. */
import type { CliCommand } from './command';
import { demoCommand } from './demo-command';
import { encountersCommand } from './encounters-command';
import { importCommand } from './import-command';
import { patientsCommand } from './patients-command';
import { redactCommand } from './redact-command';
import { inventoryCommand, purgeCommand } from './retention-commands';

export const COMMANDS: readonly CliCommand[] = [
  importCommand,
  patientsCommand,
  encountersCommand,
  demoCommand,
  redactCommand,
  purgeCommand,
  inventoryCommand,
];
