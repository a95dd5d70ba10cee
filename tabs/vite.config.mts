/**
 * Builds the tab pages into tabs/dist; the service serves that folder at /tabs/*. One HTML entry per
 * Teams page so each page loads only its own code; React, Fluent and teams-js land in shared chunks.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const page = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  root,
  base: '/tabs/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        patients: page('patients.html'),
        'patients-config': page('patients-config.html'),
        'my-visits': page('my-visits.html'),
        'visits-queue': page('visits-queue.html'),
        'on-call': page('on-call.html'),
        dashboard: page('dashboard.html'),
        lobby: page('lobby.html'),
        room: page('room.html'),
        templates: page('templates.html'),
      },
      output: {
        // Named vendor chunks: cached across pages and deploys, and their sizes readable in the build output.
        // `shared` is what every page needs (Fluent core, src/shared); components only one page uses stay
        // in that page's chunk.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 4 },
            { name: 'teams-js', test: /node_modules[\\/](@microsoft[\\/]teams-js|debug|ms|base64-js)[\\/]/, priority: 3 },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 2 },
            // `entriesAware`: split by which chunks use a module, so a page never downloads what only the
            // Patients page and its lazy dialogs share (tabster, floating-ui, DataGrid's helpers...).
            { name: 'shared', minShareCount: 3, priority: 1, entriesAware: true, entriesAwareMergeThreshold: 0 },
          ],
        },
      },
    },
  },
});
