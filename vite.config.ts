import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  root: 'src/web',
  plugins: [
    react(),
    // The counters' phone pages work offline: a service worker that precaches the built app and
    // answers /m/counts/… navigations with index.html. Registered by the count page only, with the
    // scope /m/counts/, so the rest of the app keeps loading from the network as before (no
    // manifest link or registration script in index.html; see docs/decisions.md).
    VitePWA({
      injectRegister: false,
      manifest: false,
      filename: 'count-sw.js',
      scope: '/m/counts/',
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        maximumFileSizeToCacheInBytes: 12 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackAllowlist: [/^\/m\/counts\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [
          // Who is signed in, so the page opens with no network; the sheet itself is in IndexedDB.
          {
            urlPattern: ({ url }) => url.pathname === '/api/auth/me',
            handler: 'NetworkFirst',
            options: { cacheName: 'count-session', networkTimeoutSeconds: 4 },
          },
        ],
      },
    }),
  ],
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 3000 },
  server: { port: 5173, proxy: { '^/api/(?!.*\\.tsx?$)': 'http://localhost:3000' } },
});
