import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

const alias = { '@shared': resolve(import.meta.dirname, 'shared') };

/**
 * `npm run dev` only: React Refresh injects an inline preamble and Vite keeps a hot-reload
 * WebSocket, which the pages' strict CSP meta tag would block. Builds keep the strict tag.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'frok-relax-csp-for-dev-server',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*"),
  };
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      // keytar is an optional dependency with a native .node file: it must stay external
      // (loaded from node_modules at run time), never bundled.
      externalizeDeps: { include: ['keytar'] },
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    resolve: { alias },
    plugins: [react(), relaxCspForDevServer()],
    base: './',
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'renderer/index.html'),
          'quick-ask': resolve(import.meta.dirname, 'renderer/quick-ask.html'),
          hud: resolve(import.meta.dirname, 'renderer/hud.html'),
        },
      },
    },
  },
});
