import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { noNodeModules } from '../noNodeModules.ts';

/** The citizen site (掌上新华), served at `/m/`: locally by `npm start`, deployed by CloudFront. */
export default defineConfig({
  root: import.meta.dirname,
  base: '/m/',
  plugins: [noNodeModules, react()],
  build: { outDir: 'dist', emptyOutDir: true },
});
