// Builds the offline Playground and the explorer, reader and obligations pages
// into ../server/static/dist, which the Go binary embeds (server/playground.go). Everything is bundled: no CDN at run time.
// esbuild rather than Vite: its platform packages are all recorded in the
// lockfile, so `npm ci` works with every npm version on every machine.
import { build } from 'esbuild';
import { mkdir, rm, readFile, writeFile } from 'node:fs/promises';

const out = new URL('../server/static/dist/', import.meta.url);
await rm(out, { recursive: true, force: true });
await mkdir(new URL('assets/', out), { recursive: true });

await build({
  entryPoints: { main: 'src/main.jsx', explore: 'src/explore.js', reader: 'src/reader.js', obligations: 'src/obligations.js' },
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  outdir: new URL('assets/', out).pathname,
  jsx: 'automatic',
  loader: { '.graphql': 'text', '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file' },
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'linked',
  logLevel: 'warning',
});

const html = (await readFile(new URL('index.html', import.meta.url), 'utf8'))
  .replace('<script type="module" src="./src/main.jsx"></script>',
    '<link rel="stylesheet" href="./assets/main.css" />\n    <script type="module" src="./assets/main.js"></script>');
await writeFile(new URL('index.html', out), html);
for (const page of ['explore.html', 'document.html', 'obligations.html']) {
  await writeFile(new URL(page, out), await readFile(new URL(page, import.meta.url), 'utf8'));
}
