/** The self-contained `ntk` commands (see command.ts). Add one line per command module. */
import type { CliCommand } from './command';
import { encountersCommand } from './encounters-command';
import { importCommand } from './import-command';
import { patientsCommand } from './patients-command';

export const COMMANDS: readonly CliCommand[] = [importCommand, patientsCommand, encountersCommand];
