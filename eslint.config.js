// Lint, including the layering rules from DESIGN.md:
//   shared/         imports nothing of ours, and no node, electron, react or DOM
//   electron/core/  never imports electron (or the renderer)
//   renderer/       never imports electron/ or node built-ins; reaches the backend only via renderer/api.ts
//   only electron/adapters/, electron/main.ts and electron/preload.ts may import 'electron'
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const restrict = (patterns, paths = []) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: restrict(
      [
        { group: ['electron', 'electron/*', 'react', 'react-dom', 'react/*', 'zustand'], message: 'shared/ must not depend on a process or UI library.' },
        { group: ['../*', '!./*'], message: 'shared/ imports nothing of ours outside shared/.' },
        { group: nodeBuiltins, message: 'shared/ runs in every process: no Node built-ins.' },
      ],
    ),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/adapters/**', 'electron/main.ts', 'electron/preload.ts'],
    rules: restrict([
      { group: ['electron', 'electron/*'], message: "Only electron/adapters, main.ts and preload.ts import 'electron'." },
      { group: ['**/renderer', '**/renderer/**'], message: 'The main process never imports the renderer.' },
    ]),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([
      { group: ['electron', 'electron/*', '**/electron/**', '**/electron'], message: 'The renderer is untrusted: it reaches the backend only through renderer/api.ts.' },
      { group: nodeBuiltins, message: 'The renderer has no Node built-ins.' },
      { group: ['better-sqlite3*'], message: 'The renderer never touches the store.' },
    ]),
  },
);
