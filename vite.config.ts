import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: built once, served by Electron (app://) and by browser mode alike.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
