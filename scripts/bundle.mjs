#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/index.js) and its dependencies into a few files under
// dist/bundle/, so a run reads a handful of modules instead of hundreds: most of a short run's time
// is Node finding and compiling modules. Each command's code stays in its own chunk, loaded when the
// command runs. bin/plan.js uses the bundle when it is there, and dist/cli otherwise.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const outdir = fileURLToPath(new URL('../dist/bundle', import.meta.url));
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { index: fileURLToPath(new URL('../dist/cli/index.js', import.meta.url)) },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Charts are drawn only by plan insights, by libraries that load their own files.
  external: ['vega', 'vega-lite', 'playwright-core'],
  // The CommonJS packages inside (gray-matter, twitter-text) call require() for Node's own modules.
  banner: { js: "import { createRequire as __planRequire } from 'node:module'; const require = __planRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
});
