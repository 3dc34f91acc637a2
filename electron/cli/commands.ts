/**
 * The self-contained `ntk` commands (see command.ts): each one's spec (command-specs.ts) and a
 * loader that imports its module only when it runs, so start-up loads no command's code.
 * Add one spec and one entry per command module.
 */
import type { CliCommand, CliCommandSpec } from './command';
import * as specs from './command-specs';

export interface LazyCommand extends CliCommandSpec {
  load(): Promise<CliCommand>;
}

export const COMMANDS: readonly LazyCommand[] = [
  { ...specs.importSpec, load: async () => (await import('./import-command')).importCommand },
  { ...specs.patientsSpec, load: async () => (await import('./patients-command')).patientsCommand },
  { ...specs.encountersSpec, load: async () => (await import('./encounters-command')).encountersCommand },
  { ...specs.demoSpec, load: async () => (await import('./demo-command')).demoCommand },
  { ...specs.redactSpec, load: async () => (await import('./redact-command')).redactCommand },
  { ...specs.deidSpec, load: async () => (await import('./deid-command')).deidCommand },
  { ...specs.accessSpec, load: async () => (await import('./access-command')).accessCommand },
  { ...specs.packetSpec, load: async () => (await import('./packet-command')).packetCommand },
  { ...specs.disclosuresSpec, load: async () => (await import('./disclosures-command')).disclosuresCommand },
  { ...specs.purgeSpec, load: async () => (await import('./retention-commands')).purgeCommand },
  { ...specs.inventorySpec, load: async () => (await import('./retention-commands')).inventoryCommand },
  { ...specs.reanalyzeSpec, load: async () => (await import('./reanalyze-command')).reanalyzeCommand },
];
