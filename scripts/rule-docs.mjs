#!/usr/bin/env node
// Writes docs/rules/<family>/<name>.md for every rule, and the rule table of README.md, from the
// rules' meta (src/rules/) and the examples in test/fixtures/every-rule (its posts and plan files,
// and their corrected versions under fixed/).
//
//   npm run build && node scripts/rule-docs.mjs
//
// test/rules/rule-docs.test.ts fails when the pages or the table are not what this writes.

import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = path.join(ROOT, 'test/fixtures/every-rule');
const PAGES = path.join(ROOT, 'docs/rules');

let docs;
try {
  docs = await import('../dist/rules/docs/index.js');
} catch (e) {
  console.error(`rule-docs: cannot load dist/rules/docs/index.js (${e.message}); run "npm run build" first`);
  process.exit(2);
}

const pages = await docs.rulePages(EXAMPLES);
rmSync(PAGES, { recursive: true, force: true });
for (const [page, text] of pages) {
  mkdirSync(path.dirname(path.join(ROOT, page)), { recursive: true });
  writeFileSync(path.join(ROOT, page), text);
}
const readmeFile = path.join(ROOT, 'README.md');
writeFileSync(readmeFile, docs.withRuleTable(readFileSync(readmeFile, 'utf8'), docs.ruleTable()));
const families = readdirSync(PAGES).length;
console.log(`rule-docs: wrote ${pages.size} pages in ${families} families under docs/rules/, and the rule table of README.md`);
