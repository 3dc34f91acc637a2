/** The self-contained `ntk` commands (see command.ts). Add one line per command module. */
import type { CliCommand } from './command';
import { demoCommand } from './demo-command';
import { disclosuresCommand } from './disclosures-command';
import { packetCommand } from './packet-command';
import { encountersCommand } from './encounters-command';
import { importCommand } from './import-command';
import { patientsCommand } from './patients-command';
import { redactCommand } from './redact-command';

export const COMMANDS: readonly CliCommand[] = [
  importCommand,
  patientsCommand,
  encountersCommand,
  demoCommand,
  redactCommand,
  packetCommand,
  disclosuresCommand,
];
