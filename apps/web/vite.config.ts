import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The single-page app. In development, /api and /ws go to the gateway (npm start serves it on :8080).
export default defineConfig({
  plugins: [preact()],
  build: { outDir: process.env.WEB_OUT_DIR ?? 'dist', emptyOutDir: true, target: 'es2022' },
  server: {
    proxy: {
      '/api': `http://localhost:${process.env.WEB_PORT ?? 8080}`,
      '/ws': { target: `ws://localhost:${process.env.WEB_PORT ?? 8080}`, ws: true },
    },
  },
});
