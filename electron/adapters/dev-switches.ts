/**
 * Development switches (NTK_DEVTOOLS, NTK_RESOURCES_DIR, NTK_FONT_DIR, NTK_AUDIT_KEY_FILE …) exist
 * only in a development run. In a packaged app every NTK_* variable is removed from the process
 * environment before anything reads it, the word lists and fonts come from the app's own
 * resources folder, and DevTools are off, whatever the user's environment says. Pure (no
 * 'electron' import), so it is unit-tested; main.ts passes app.isPackaged and the paths.
 */
export interface RuntimeSwitches {
  /** Whether the window may open DevTools. */
  devTools: boolean;
  /** Where the engine's word lists and fonts come from. */
  resourcesDir: string;
}

export interface RuntimeFacts {
  isPackaged: boolean;
  /** process.resourcesPath: inside the signed app bundle. */
  packagedResources: string;
  /** The repo's resources/ folder, for a development run. */
  devResources: string;
}

/** Applies the switches to env (mutating it: core reads process.env) and returns what main.ts needs. */
export function applyRuntimeSwitches(env: NodeJS.ProcessEnv, facts: RuntimeFacts): RuntimeSwitches {
  if (facts.isPackaged) {
    for (const name of Object.keys(env)) if (name.startsWith('NTK_')) delete env[name];
    env.NTK_RESOURCES_DIR = facts.packagedResources;
    return { devTools: false, resourcesDir: facts.packagedResources };
  }
  env.NTK_RESOURCES_DIR ??= facts.devResources;
  return { devTools: env.NTK_DEVTOOLS === '1', resourcesDir: env.NTK_RESOURCES_DIR };
}
