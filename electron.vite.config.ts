import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from './shared/csp.ts';

const root = import.meta.dirname;

/**
 * Puts the CSP in the built page itself, besides the header the app:// handler and the preview send. Only in
 * builds, because the dev server injects inline scripts for hot reload. `frame-ancestors` stays in the
 * headers only (a meta tag cannot carry it).
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'rapport-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // The window, menus and IPC relay.
          index: resolve(root, 'electron/main/index.ts'),
          // The backend (db/), hosted in an Electron utilityProcess.
          backend: resolve(root, 'electron/backend/index.ts'),
          // The lifetime-value fit, in a worker thread of the backend (db/analytics/lifetime-value-refits.ts).
          'clv-fit-worker': resolve(root, 'db/analytics/clv/fit-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load modules: one self-contained CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
