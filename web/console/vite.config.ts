import react from '@vitejs/plugin-react';
import { builtinModules } from 'node:module';
import { defineConfig, type Plugin } from 'vite';

/**
 * The console shares rules with the functions (shared/domain); a rule that
 * needs Node (crypto, fs) belongs on the server, and the build says so
 * instead of shipping a module that fails in the browser.
 */
const noNodeModules: Plugin = {
  name: 'no-node-modules',
  enforce: 'pre',
  resolveId(id, importer) {
    if (id.startsWith('node:') || builtinModules.includes(id))
      this.error(`${importer ?? 'the console'} imports ${id}: Node code cannot run in the browser`);
  },
};

/** The staff console, served at `/`: locally by `npm start`, deployed by CloudFront. */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [noNodeModules, react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Each screen is its own chunk: the inbox loads what the inbox needs.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // The split vendor chunks are named after every screen that loads them: a hash says enough.
        chunkFileNames: ({ name }) =>
          name.startsWith('vendor') ? 'assets/vendor-[hash].js' : 'assets/[name]-[hash].js',
        codeSplitting: {
          groups: [
            {
              // Libraries split by the screens that load them, so a module many screens share
              // (a form) is not put in the chunk every screen, the inbox first, must load.
              name: 'vendor',
              test: /node_modules/,
              entriesAware: true,
              // Crumbs of a few hundred bytes join a neighbour rather than cost a request each.
              entriesAwareMergeThreshold: 10_000,
            },
          ],
        },
      },
    },
  },
});
