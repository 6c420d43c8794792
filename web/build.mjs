// Bundles the dashboard into one directory (default dist/; `node build.mjs OUTDIR`):
// index.html, app.js (with the world map's TopoJSON inside) and app.css. No CDN, no tiles.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || join(here, 'dist');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { app: join(here, 'src/main.js') },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outdir: out,
  loader: { '.json': 'json' },
  legalComments: 'linked',
  logLevel: 'warning',
});
cpSync(join(here, 'src/index.html'), join(out, 'index.html'));
console.log(`dashboard built into ${out}`);
