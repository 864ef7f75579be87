#!/usr/bin/env node
import { readFileSync } from 'node:fs';

// `plan --version` answers before the command-line parser loads: CI runs it often and it should cost no more than Node itself.
if (process.argv.length === 3 && process.argv[2] === '--version') {
  console.log(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
} else {
  import('../dist/cli/index.js').catch((error) => {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli')) {
      console.error('plan: the tool is not built yet: run "npm install" (or "npm run build") in its folder first');
      process.exit(2);
    }
    throw error;
  });
}
