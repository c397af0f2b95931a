import { builtinModules } from 'node:module';
import type { Plugin } from 'vite';

/**
 * The web apps share rules with the functions (shared/domain); a rule that
 * needs Node (crypto, fs) belongs on the server, and the build says so
 * instead of shipping a module that fails in the browser.
 */
export const noNodeModules: Plugin = {
  name: 'no-node-modules',
  enforce: 'pre',
  resolveId(id, importer) {
    if (id.startsWith('node:') || builtinModules.includes(id))
      this.error(`${importer ?? 'a web app'} imports ${id}: Node code cannot run in the browser`);
  },
};
