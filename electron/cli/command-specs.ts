/**
 * What `ntk --help` and argument parsing need of each registered command (name, usage, options),
 * kept apart from the commands themselves so that neither loads a command's code (store, PDF, OCR).
 * Each command module spreads its spec into its CliCommand.
 */
import type { CliCommandSpec } from './command';

export const importSpec: CliCommandSpec = {
  name: 'import',
  usage: `  import --db PATH FILE_OR_DIR... [--map text=COL,title=COL,type=COL,...] [--max-file-mb N]
                        import FHIR R4 JSON/NDJSON, C-CDA XML, X12 835 remittances, scanned images
                        (PNG/JPEG/TIFF) and PDFs (text layer or OCR), text notes (.txt, CSV, JSONL);
                        re-importing updates in place; exit 65 when a file was rejected`,
  options: {
    map: { type: 'string' },
    'max-file-mb': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
};

export const patientsSpec: CliCommandSpec = {
  name: 'patients',
  usage: `  patients --db PATH    imported patients: id, source, MRN, sex, birth year, counts`,
};

export const encountersSpec: CliCommandSpec = {
  name: 'encounters',
  usage: `  encounters --db PATH [--patient ID]
                        encounters: id, patient id, class, type, dates, counts`,
  options: { patient: { type: 'string' } },
};

export const demoSpec: CliCommandSpec = {
  name: 'demo',
  usage: `  demo --db PATH --patients N --seed S [--big-chart N]
                        write seeded synthetic demo charts (notes, codes, claims, remits); prints counts`,
  options: {
    patients: { type: 'string' },
    seed: { type: 'string' },
    'big-chart': { type: 'string' },
  },
};

export const redactSpec: CliCommandSpec = {
  name: 'redact',
  usage: `  redact --db PATH --encounter ID --role ROLE --purpose PURPOSE [--user NAME]
                        the role-scoped view of an encounter (documents expanded) as JSON`,
  options: {
    encounter: { type: 'string' },
    role: { type: 'string' },
    purpose: { type: 'string' },
    user: { type: 'string' },
  },
};

export const deidSpec: CliCommandSpec = {
  name: 'deid',
  usage: `  deid [--patient-key KEY] [--keep-providers] [--jsonl] FILE|-
                        Safe Harbor de-identification with consistent surrogates and per-patient date shift`,
  options: {
    'patient-key': { type: 'string' },
    'keep-providers': { type: 'boolean', default: false },
    jsonl: { type: 'boolean', default: false },
  },
};

export const accessSpec: CliCommandSpec = {
  name: 'access',
  usage: `  access list|approve|deny|revoke --db PATH --as USER [ID...] [--all] [--minutes N] [--reason TEXT] [--otp CODE]
                        elevated-access requests, as USER (password from $NTK_PASSWORD or stdin);
                        the app's role checks and separation of duties apply`,
  options: {
    as: { type: 'string' },
    otp: { type: 'string' },
    all: { type: 'boolean', default: false },
    minutes: { type: 'string' },
    reason: { type: 'string' },
  },
};

export const packetSpec: CliCommandSpec = {
  name: 'packet',
  usage: `  packet build --db PATH --claim CLAIM_NO --out FILE.pdf [--excerpt SECTION_ID --reason TEXT]...
               [--recipient NAME] [--letter FILE] [--user NAME]
                        build a denial dispute packet headlessly; prints a JSON summary with its SHA-256`,
  options: {
    claim: { type: 'string' },
    out: { type: 'string' },
    excerpt: { type: 'string', multiple: true },
    reason: { type: 'string', multiple: true },
    recipient: { type: 'string' },
    letter: { type: 'string' },
    user: { type: 'string' },
  },
};

export const disclosuresSpec: CliCommandSpec = {
  name: 'disclosures',
  usage: `  disclosures --db PATH --patient MRN|#ID [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format csv|pdf --out FILE]
                        the patient's accounting of disclosures (45 CFR 164.528)`,
  options: {
    patient: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
  },
};

export const purgeSpec: CliCommandSpec = {
  name: 'purge',
  usage: `  purge --db PATH [--dry-run]
                        purge cached clinical content the retention policy says is due (per patient id)`,
  options: { 'dry-run': { type: 'boolean', default: false } },
};

export const inventorySpec: CliCommandSpec = {
  name: 'inventory',
  usage: `  inventory --db PATH [--format csv|pdf --out FILE]
                        exposure inventory: patients (by MRN), encounters, documents, labels, dates held here`,
  options: { format: { type: 'string' }, out: { type: 'string' } },
};

export const reanalyzeSpec: CliCommandSpec = {
  name: 'reanalyze',
  usage: `  reanalyze --db PATH [--all] [--status]
                        re-analyse stored documents with this engine (progress on stderr; Ctrl-C stops between charts, run again to resume)`,
  options: { all: { type: 'boolean', default: false }, status: { type: 'boolean', default: false } },
};
