// The SQLCipher module is native. `npm start` rebuilds it for Electron's ABI;
// tests run under Node. Rebuild for Node only when the installed binary does not load.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  const Database = require('better-sqlite3-multiple-ciphers');
  new Database(':memory:').close();
} catch (e) {
  if (!/NODE_MODULE_VERSION|was compiled against a different Node\.js version|invalid ELF|Could not locate the bindings/.test(String(e))) throw e;
  console.error('[ensure-native] rebuilding better-sqlite3-multiple-ciphers for Node', process.version);
  execSync('npm rebuild better-sqlite3-multiple-ciphers', { stdio: 'inherit' });
}
