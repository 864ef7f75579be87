#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// `plan --version` answers before the command-line parser loads: CI runs it often and it should cost no more than Node itself.
if (process.argv.length === 3 && process.argv[2] === '--version') {
  console.log(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
} else {
  // V8 lets the heap grow to about three times what a run keeps alive before it collects; an audit of
  // 10,000 posts keeps 70 MB and would peak over 400 MB. Growing by half at a time keeps it near 260 MB
  // for no measurable time.
  setFlagsFromString('--heap-growing-percent=50');
  // The bundle (scripts/bundle.mjs) when the build made one: a few modules load much faster than hundreds.
  const bundle = new URL('../dist/bundle/index.js', import.meta.url);
  import(existsSync(bundle) ? bundle.href : '../dist/cli/index.js').catch((error) => {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli')) {
      console.error('plan: the tool is not built yet: run "npm install" (or "npm run build") in its folder first');
      process.exit(2);
    }
    throw error;
  });
}
