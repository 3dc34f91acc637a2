import { describe, expect, it } from 'vitest';
import { applyRuntimeSwitches } from '../../electron/adapters/dev-switches';
import { windowOptions } from '../../electron/adapters/window-security';

const facts = (isPackaged: boolean) => ({ isPackaged, packagedResources: '/opt/Need-to-Know/resources', devResources: '/repo/resources' });
const hostile = (): NodeJS.ProcessEnv => ({ NTK_DEVTOOLS: '1', NTK_RESOURCES_DIR: '/tmp/evil', NTK_FONT_DIR: '/tmp/evil-fonts', NTK_AUDIT_KEY_FILE: '/tmp/k', NTK_DB_PASSPHRASE: 'x', HOME: '/home/u', PATH: '/usr/bin' });

describe('development switches', () => {
  it('do not exist in a packaged app: DevTools stay off and the word lists come from the bundle, whatever the environment says', () => {
    const env = hostile();
    const s = applyRuntimeSwitches(env, facts(true));
    expect(s).toEqual({ devTools: false, resourcesDir: '/opt/Need-to-Know/resources' });
    expect(env).toEqual({ NTK_RESOURCES_DIR: '/opt/Need-to-Know/resources', HOME: '/home/u', PATH: '/usr/bin' });
    expect(windowOptions('/p.cjs', { devTools: s.devTools }).webPreferences!.devTools).toBe(false);
  });

  it('work in a development run', () => {
    const env = hostile();
    expect(applyRuntimeSwitches(env, facts(false))).toEqual({ devTools: true, resourcesDir: '/tmp/evil' });
    const plain: NodeJS.ProcessEnv = {};
    expect(applyRuntimeSwitches(plain, facts(false))).toEqual({ devTools: false, resourcesDir: '/repo/resources' });
  });

  it('the window factory never reads DevTools from the environment', () => {
    process.env.NTK_DEVTOOLS = '1';
    try {
      expect(windowOptions('/p.cjs').webPreferences!.devTools).toBe(false);
    } finally {
      delete process.env.NTK_DEVTOOLS;
    }
  });
});
