import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rules (DESIGN.md)', () => {
  it.each([
    ['shared/x.ts', "import { app } from 'electron';"],
    ['shared/x.ts', "import fs from 'node:fs';"],
    ['shared/x.ts', "import path from 'path';"],
    ['shared/x.ts', "import { useState } from 'react';"],
    ['shared/x.ts', "import { Store } from '../electron/core/db/store';"],
    ['electron/core/x.ts', "import { safeStorage } from 'electron';"],
    ['electron/cli.ts', "import { app } from 'electron';"],
    ['electron/core/x.ts', "import { App } from '../../renderer/src/App';"],
    ['renderer/src/x.ts', "import { Store } from '../../electron/core/db/store';"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.ts', "import fs from 'node:fs';"],
    ['renderer/src/x.ts', "import { execSync } from 'child_process';"],
  ])('refuses in %s: %s', async (file, code) => {
    expect((await layeringErrors(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';\nimport { ok } from './result';"],
    ['electron/core/x.ts', "import fs from 'node:fs';\nimport { contract } from '../../shared/contract';"],
    ['electron/adapters/x.ts', "import { safeStorage } from 'electron';"],
    ['renderer/src/x.ts', "import { call } from '../api';\nimport type { StoreStatus } from '../../shared/contract';"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});
