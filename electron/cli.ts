/**
 * `ntk`: the headless command line over the same backend the app uses.
 *
 *   ntk init --db PATH [--key-file FILE] [--json]
 *   ntk info --db PATH [--key-file FILE] [--json]
 *   ntk keygen --out FILE
 *   ntk audit verify --db PATH [--anchor FILE]
 *   ntk audit head --db PATH [--out FILE]
 *   ntk audit export --db PATH --format fhir-ndjson|csv [--user U] [--event T] [--from ISO] [--to ISO] [--out FILE]
 *   ntk sections [--jsonl] [--spans] FILE|-
 *   ntk phi scan [--jsonl] FILE|-
 *   ntk purge --db PATH [--dry-run]          (electron/cli/retention-commands.ts)
 *   ntk inventory --db PATH [--format csv|pdf --out FILE]
 *
 * Key: --key-file FILE (32 raw bytes or 64 hex characters), else NTK_DB_PASSPHRASE.
 * Exit codes follow sysexits(3); see electron/cli/exit-codes.ts.
 *
 * Start-up matters (the CLI is run once per batch by evaluations and scripts): everything a command
 * needs beyond argument parsing is imported when the command runs, so `--help`, `phi scan` and
 * `sections` never load the store (SQLite), PDF or OCR code. `scripts/build-cli.mjs` bundles this
 * file (through electron/cli/bin.ts) with code splitting; `bin/ntk.mjs` runs that bundle.
 */
import { parseArgs } from 'node:util';
import { isNtkError } from './core/errors';
import { EXIT_CODES } from './cli/exit-codes';
import { requireDb, UsageError } from './cli/options';
import { COMMANDS, type LazyCommand } from './cli/commands';

const USAGE = `usage: ntk <command> [options]

commands:
  init   --db PATH      create the encrypted store (or bring it to the latest schema)
  info   --db PATH      show the store's status without changing it
  keygen --out FILE     write a new random 256-bit key file (mode 0600)
  audit verify --db PATH [--anchor FILE]
                        check the audit chain; reports the first broken link, or the records it
                        cannot prove against a signed head (exit 65); --anchor: heads exported earlier
  audit head --db PATH [--out FILE]
                        sign the current audit head and print it (or append it to FILE) for the
                        organization to keep
  audit export --db PATH --format fhir-ndjson|csv [--user U] [--event TYPE]
               [--from ISO] [--to ISO] [--out FILE]
  sections [--jsonl] [--spans] FILE|-
                        sections of a note (offsets, LOINC code, title, DS4P labels) as JSON
  phi scan [--jsonl] FILE|-   identifier spans as JSON ({"spans":[...]}; --jsonl: {"id","text"} lines in, {"id","spans"} out)

${COMMANDS.map((c) => c.usage).join('\n')}

options:
  --key-file FILE       key for the store; otherwise scrypt of $NTK_DB_PASSPHRASE
  --json                machine-readable output`;

interface Out {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin?: () => Promise<string>;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, out: Out): Promise<number> {
  let json = argv.includes('--json');
  try {
    const registered = COMMANDS.find((c) => c.name === argv[0]);
    if (registered) return await runRegistered(registered, argv.slice(1), env, out);
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        'key-file': { type: 'string' },
        out: { type: 'string' },
        anchor: { type: 'string' },
        format: { type: 'string' },
        user: { type: 'string' },
        event: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        json: { type: 'boolean', default: false },
        jsonl: { type: 'boolean', default: false },
        spans: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    json = values.json;
    const [command, sub, ...extra] = positionals;
    const rest = command === 'audit' ? extra : [sub, ...extra].filter((x) => x !== undefined);
    if (values.help || !command) {
      out.stdout(USAGE);
      return values.help ? 0 : EXIT_CODES.USAGE;
    }
    if (command === 'sections') {
      if (rest.length > 1) throw new UsageError(`Unexpected argument: ${rest[1]}`);
      const { readInput, sectionsCommand } = await import('./cli/sections-command');
      for (const line of sectionsCommand(readInput(rest[0]), values)) out.stdout(line);
      return 0;
    }
    if (command === 'phi') {
      const { phiCommand } = await import('./cli/phi-commands');
      return await phiCommand(rest, values.jsonl, { stdout: out.stdout, readStdin: out.readStdin });
    }
    if (rest.length) throw new UsageError(`Unexpected argument: ${rest[0]}`);
    let result: unknown;
    let text: string;
    switch (command) {
      case 'init':
      case 'info': {
        const { headlessKeySource } = await import('./cli/key-options');
        const { formatStatus, storeStatusCommand } = await import('./cli/store-commands');
        const status = storeStatusCommand(requireDb(values.db), headlessKeySource(values['key-file'], env), command);
        result = status;
        text = formatStatus(status);
        break;
      }
      case 'keygen': {
        if (!values.out) throw new UsageError('--out FILE is required.');
        const { createKeyFile } = await import('./core/db/keys');
        createKeyFile(values.out);
        result = { keyFile: values.out };
        text = `wrote a new key to ${values.out}; keep it apart from the store`;
        break;
      }
      case 'audit': {
        const { headlessKeySource } = await import('./cli/key-options');
        const keys = headlessKeySource(values['key-file'], env);
        const db = requireDb(values.db);
        const { auditExportCommand, auditHeadCommand, auditVerifyCommand, formatVerify } = await import('./cli/audit-commands');
        if (sub === 'verify') {
          const report = auditVerifyCommand(db, keys, values.anchor);
          result = report;
          text = formatVerify(report);
          if (!report.ok) {
            out.stdout(json ? JSON.stringify({ ok: true, value: report }) : text);
            return EXIT_CODES.WRONG_KEY_OR_NOT_STORE;
          }
        } else if (sub === 'head') {
          const head = auditHeadCommand(db, keys, values.out);
          result = head;
          text = values.out ? `signed audit head at record ${head.seq} appended to ${values.out}` : JSON.stringify(head);
        } else if (sub === 'export') {
          const filter = { username: values.user, eventType: values.event, from: values.from, to: values.to };
          const rows = auditExportCommand(db, keys, values.format, filter, values.out, (c) => out.stdout(c.replace(/\n$/, '')));
          if (!values.out) return 0;
          result = { rows, out: values.out };
          text = `exported ${rows} audit records to ${values.out}`;
        } else {
          throw new UsageError('audit takes verify, head or export.');
        }
        break;
      }
      default:
        throw new UsageError(`Unknown command: ${command}`);
    }
    out.stdout(json ? JSON.stringify({ ok: true, value: result }) : text);
    return 0;
  } catch (e) {
    return failure(e, json, out);
  }
}

async function runRegistered(entry: LazyCommand, argv: string[], env: NodeJS.ProcessEnv, out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      'key-file': { type: 'string' },
      json: { type: 'boolean', default: false },
      ...entry.options,
    },
  });
  const cmd = await entry.load();
  const json = values.json === true;
  const r = await cmd.run({ args: positionals, values, env, json, stdout: out.stdout, stderr: out.stderr, readStdin: out.readStdin });
  out.stdout(json ? JSON.stringify({ ok: true, value: r.value }) : r.text);
  return r.exitCode ?? 0;
}

function failure(e: unknown, json: boolean, out: Out): number {
  const code = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 'USAGE' : isNtkError(e) ? e.code : 'INTERNAL';
  const message = code === 'INTERNAL' && !isNtkError(e) ? 'Unexpected error; nothing was changed.' : (e as Error).message;
  if (json) out.stdout(JSON.stringify({ ok: false, error: { code: code === 'USAGE' ? 'BAD_REQUEST' : code, message } }));
  else out.stderr(`ntk: ${message}${code === 'USAGE' ? `\n\n${USAGE}` : ''}`);
  return EXIT_CODES[code];
}

/** Runs `ntk` as this process: arguments from argv, output to stdout/stderr, the exit code set. */
export function runProcess(argv = process.argv.slice(2)): Promise<void> {
  return main(argv, process.env, {
    stdout: (t) => process.stdout.write(t + '\n'),
    stderr: (t) => process.stderr.write(t + '\n'),
  }).then((code) => {
    process.exitCode = code;
  });
}

// `tsx electron/cli.ts …` (from source); the bundle enters through electron/cli/bin.ts instead.
const isEntry = process.argv[1] && /cli\.(ts|js|cjs|mjs)$/.test(process.argv[1]);
if (isEntry) void runProcess();
