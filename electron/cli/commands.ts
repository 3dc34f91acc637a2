/** The self-contained `ntk` commands (see command.ts). Add one import and one entry per command module. */
import { accessCommand } from './access-command';
import type { CliCommand } from './command';
import { deidCommand } from './deid-command';
import { demoCommand } from './demo-command';
import { disclosuresCommand } from './disclosures-command';
import { packetCommand } from './packet-command';
import { encountersCommand } from './encounters-command';
import { importCommand } from './import-command';
import { patientsCommand } from './patients-command';
import { reanalyzeCommand } from './reanalyze-command';
import { redactCommand } from './redact-command';
import { inventoryCommand, purgeCommand } from './retention-commands';

export const COMMANDS: readonly CliCommand[] = [
  importCommand,
  patientsCommand,
  encountersCommand,
  demoCommand,
  redactCommand,
  deidCommand,
  accessCommand,
  packetCommand,
  disclosuresCommand,
  purgeCommand,
  inventoryCommand,
  reanalyzeCommand,
];
