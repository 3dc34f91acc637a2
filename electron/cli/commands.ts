/** The self-contained `ntk` commands (see command.ts). Add one line per command module. */
import type { CliCommand } from './command';
import { disclosuresCommand } from './disclosures-command';
import { packetCommand } from './packet-command';

export const COMMANDS: readonly CliCommand[] = [packetCommand, disclosuresCommand];
