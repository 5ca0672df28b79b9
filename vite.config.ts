import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { VitePWA } from 'vite-plugin-pwa';

/** Pulso's blue (the header logo's): the manifest, the theme-color meta in index.html and the icons share it. */
const THEME_COLOR = '#0b4f8a';

export default defineConfig({
  plugins: [
    svelte(),
    VitePWA({
      // Never reload on its own: src/ui/pwa/pwa.svelte.ts asks the user (UpdatePrompt.svelte).
      registerType: 'prompt',
      // The app registers through `virtual:pwa-register` itself; nothing injected into index.html.
      injectRegister: false,
      // The icons are in the globPatterns already; listing them twice would duplicate precache entries.
      includeManifestIcons: false,
      manifest: {
        id: './',
        name: 'Pulso — customer health',
        short_name: 'Pulso',
        description:
          'Customer health scoring in your browser: build a health score, run it on your portfolio, act on it. No server, no account, works offline.',
        lang: 'en',
        dir: 'ltr',
        start_url: './',
        scope: './',
        display: 'standalone',
        theme_color: THEME_COLOR,
        // The splash screen's colour: the app's page background (App.svelte).
        background_color: '#f6f8fa',
        categories: ['business', 'productivity'],
        icons: [
          { src: 'icons/pulso-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/pulso-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/pulso-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Everything the build emits, the worker chunk and the lazy chunks included (source maps
        // excluded). manifest.webmanifest is added by the plugin itself, with its revision.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff2}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // The first install controls the open page at once, so chunks loaded later already come
        // from the cache; an update still waits for the user (no skipWaiting).
        clientsClaim: true,
        // No runtimeCaching: the app never asks another origin for anything.
      },
    }),
  ],
  build: { target: 'es2022', sourcemap: true },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        plugins: [svelteTesting()],
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['tests/component/**/*.test.ts'],
          setupFiles: ['tests/component/setup.ts'],
        },
      },
    ],
  },
});
