// Builds the offline Playground into ../server/static/dist, which the Go
// binary embeds (server/playground.go). No CDN: every asset is bundled.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: {
    outDir: '../server/static/dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
  },
});
