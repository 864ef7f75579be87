#!/usr/bin/env node
// Regenerates docs/review-example.md: the review comment of a realistic pull request on this
// project's example content repository (content/, plans/, media/), at a fixed time.
//
//   npm run build && node scripts/render-review-example.mjs
//
// The pull request is made in a temporary copy: it changes two posts, adds one and deletes one.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReview } from '../dist/review/index.js';
import { COMMENT_MAX_BYTES, formatReviewMarkdown } from '../dist/formats/review-markdown.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTPUT = path.join(ROOT, 'docs/review-example.md');
// Monday morning before the December posts begin, in the practice's time zone (10:30 am EST).
const NOW = new Date('2026-11-30T15:30:00Z');

const NEW_POST = `---
title: Walk-in flu shots today
publish_at: 2026-11-30 09:00
networks: [x, facebook, instagram]
audience: [parents, seniors]
objective: community-health
status: ready
approved_by: Dr. Priya Natarajan
link: https://cedarvalleyhealth.com/flu
---
No appointment needed: walk in for a flu shot today until 5 pm. Bring your insurance card.

#FluShot
`;

const repo = mkdtempSync(path.join(tmpdir(), 'plan-review-example-'));
try {
  for (const part of ['plan.config.yaml', 'plans', 'content', 'media', '.plan']) {
    if (existsSync(path.join(ROOT, part))) cpSync(path.join(ROOT, part), path.join(repo, part), { recursive: true });
  }
  git('init', '--quiet', '--initial-branch=main');
  commit('Cedar Valley Health', 'Example content');
  git('checkout', '--quiet', '-b', 'flu-clinic-and-evening-hours');
  edit('content/2026/12/flu-clinic-saturday.md', [
    ['9 am to 1 pm', '9 am to 2 pm'],
    ['expires: 2026-12-12 13:00', 'expires: 2026-12-12 14:00'],
  ]);
  edit('content/2026/12/evening-hours.md', [
    ['publish_at: 2026-12-08 10:00', 'publish_at: 2026-12-03 10:00'],
    ['networks: [linkedin, facebook, instagram]', 'networks: [linkedin, facebook, instagram, x]'],
  ]);
  write('content/2026/11/walk-in-flu-shots-today.md', NEW_POST);
  rmSync(path.join(repo, 'content/2026/12/thank-you-team.md'));
  commit('Sam Rivera', 'Flu clinic until 2 pm, evening hours from this week, walk-in flu shots today');

  const review = await buildReview({ cwd: repo, base: 'main', now: NOW });
  const markdown = formatReviewMarkdown(review, { maxBytes: COMMENT_MAX_BYTES });
  mkdirSync(path.dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, `${preface()}${markdown}`);
  console.log(`wrote ${path.relative(ROOT, OUTPUT)} (${Buffer.byteLength(markdown)} bytes of review)`);
} finally {
  rmSync(repo, { recursive: true, force: true });
}

function preface() {
  return `# What a reviewer sees

The comment below is what \`plan review --comment\` writes on a pull request of this project's
example content repository. The pull request changes two posts (the flu clinic runs an hour longer;
the evening-hours news moves up a week and adds X), adds a post whose time has already come, and
deletes one. Generated at a fixed time, ${NOW.toISOString()}, by \`scripts/render-review-example.mjs\`.

---

`;
}

function git(...args) {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: '2026-11-30T09:00:00Z', GIT_COMMITTER_DATE: '2026-11-30T09:00:00Z' },
  });
}

function commit(name, message) {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@cedarvalleyhealth.example`;
  git('add', '-A');
  git('-c', `user.name=${name}`, '-c', `user.email=${email}`, 'commit', '--quiet', '-m', message);
}

function write(file, text) {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
}

/** Replaces each text once; fails when the example posts no longer hold it, so the script is updated with them. */
function edit(file, replacements) {
  let text = readFileSync(path.join(repo, file), 'utf8');
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`${file} no longer contains "${from}": update scripts/render-review-example.mjs`);
    text = text.split(from).join(to);
  }
  write(file, text);
}
