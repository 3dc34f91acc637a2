/**
 * Real small or read-only file systems for the disk-full and read-only tests:
 * a tmpfs mount (needs root, which CI and the dev machines have). Where mounting
 * is not allowed the tests that need it are reported as skipped, never faked.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-mnt-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface Tmpfs {
  dir: string;
  remount(options: 'ro' | 'rw'): void;
  /** Writes a filler file until the file system refuses more (ENOSPC); returns its path. */
  fill(): string;
  dispose(): void;
}

export function mountTmpfs(sizeKb: number): Tmpfs {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-mnt-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0700`, 'tmpfs', dir]);
  return {
    dir,
    remount: (o) => execFileSync('mount', ['-o', `remount,${o}`, dir]),
    fill() {
      const filler = path.join(dir, 'filler.bin');
      const fd = fs.openSync(filler, 'w');
      const chunk = Buffer.alloc(4096, 1);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      } finally {
        fs.closeSync(fd);
      }
      return filler;
    },
    dispose() {
      try {
        execFileSync('umount', [dir]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
