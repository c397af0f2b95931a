import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { noNodeModules } from '../noNodeModules.ts';

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
