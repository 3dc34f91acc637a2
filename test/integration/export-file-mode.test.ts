/**
 * Exports are owner-only (0600) whether the file is new or replaces one, and the new bytes are
 * never in a file anyone else can read, not even for a moment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditExportCommand } from '../../electron/cli/audit-commands';
import { writeExportFile } from '../../electron/core/save-path';
import { testBackend } from '../support/backend';
import { tmpDir } from '../support/tmp';

const mode = (f: string) => fs.statSync(f).mode & 0o777;
const posix = process.platform !== 'win32';

describe.runIf(posix)('export file mode', () => {
  it('replaces an existing world-readable file with an owner-only one, as a new file (a reader of the old one never sees the new bytes)', () => {
    const dir = tmpDir();
    const target = path.join(dir, 'inventory.csv');
    fs.writeFileSync(target, 'old\n', { mode: 0o644 });
    fs.chmodSync(target, 0o644);
    const before = fs.statSync(target).ino;
    const held = fs.openSync(target, 'r'); // someone who opened the old file while it was readable
    try {
      writeExportFile(target, 'MRN123,PHI\n');
      expect(mode(target)).toBe(0o600);
      expect(fs.readFileSync(target, 'utf8')).toBe('MRN123,PHI\n');
      expect(fs.statSync(target).ino).not.toBe(before);
      const buf = Buffer.alloc(64);
      expect(buf.subarray(0, fs.readSync(held, buf, 0, 64, 0)).toString()).toBe('old\n');
    } finally {
      fs.closeSync(held);
    }
    expect(fs.readdirSync(dir)).toEqual(['inventory.csv']); // no temp file left beside it
  });

  it('replaces a symlink at the target instead of writing through it, and is 0600 under a permissive umask', () => {
    const dir = tmpDir();
    const elsewhere = path.join(dir, 'someone-elses.txt');
    fs.writeFileSync(elsewhere, 'theirs\n', { mode: 0o644 });
    const target = path.join(dir, 'packet.pdf');
    fs.symlinkSync(elsewhere, target);
    const old = process.umask(0);
    try {
      writeExportFile(target, new Uint8Array([1, 2, 3]));
    } finally {
      process.umask(old);
    }
    expect(fs.lstatSync(target).isSymbolicLink()).toBe(false);
    expect(mode(target)).toBe(0o600);
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('theirs\n');
  });

  it('a failed write leaves no partial file or temp file behind', () => {
    const dir = tmpDir();
    const target = path.join(dir, 'is-a-dir');
    fs.mkdirSync(target);
    expect(() => writeExportFile(target, 'x')).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['is-a-dir']);
  });

  it('ntk audit export --out over an existing readable file leaves it 0600', () => {
    const t = testBackend();
    t.backend.audit.append({ action: 'E', eventType: 'login', outcome: 'success', username: 'carol' });
    t.backend.close();
    const out = path.join(t.dir, 'audit.csv');
    fs.writeFileSync(out, 'old', { mode: 0o644 });
    fs.chmodSync(out, 0o644);
    expect(auditExportCommand(t.dbPath, t.keys, 'csv', {}, out, () => {})).toBeGreaterThan(0);
    expect(mode(out)).toBe(0o600);
    expect(fs.readFileSync(out, 'utf8')).toContain('carol');
  });
});
