// What a user feels on the example practice (46 posts): an audit with its cache warm and cold, and a
// review of a 5-post pull request, against `node -e 0` and markdownlint-cli2 on the same files, in
// one session so the ratios are fair. Runs interleave; each figure is the median.
// Usage: npm run build && node bench/example.mjs [runs]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './startup.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const PLAN = path.join(REPO, 'bin/plan.js');
const MARKDOWNLINT = path.join(REPO, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
const CACHE = path.join(REPO, 'node_modules/.cache/plan');

function timeOnce(args, cwd, before) {
  before?.();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

/** A clone of the example on a branch that changes 5 upcoming posts: what a pull request's review job sees. */
function pullRequestClone() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plan-bench-review-'));
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', REPO, dir]);
  const git = (...args) => execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args], { cwd: dir });
  git('checkout', '--quiet', '-b', 'five-posts');
  const upcoming = readdirSync(path.join(dir, 'content/2027/02')).filter((f) => f.endsWith('.md')).slice(0, 5);
  for (const file of upcoming) {
    const full = path.join(dir, 'content/2027/02', file);
    writeFileSync(full, `${readFileSync(full, 'utf8').trimEnd()}\n\nSee you soon.\n`);
  }
  git('commit', '--quiet', '-am', 'Five posts');
  cpSync(path.join(REPO, '.plan'), path.join(dir, '.plan'), { recursive: true });
  return { dir, files: upcoming.length };
}

export function measureExample({ runs = 9 } = {}) {
  const review = pullRequestClone();
  const now = ['--now', new Date().toISOString()];
  const commands = {
    'node -e 0': { args: ['-e', '0'], cwd: REPO },
    'plan --version': { args: [PLAN, '--version'], cwd: REPO },
    'plan audit, cache warm': { args: [PLAN, 'audit', '--format', 'json', ...now], cwd: REPO },
    'plan audit, cold': { args: [PLAN, 'audit', '--format', 'json', ...now], cwd: REPO, before: () => rmSync(CACHE, { recursive: true, force: true }) },
    'markdownlint-cli2, same files': { args: [MARKDOWNLINT, 'content/**/*.md'], cwd: REPO },
    'plan audit, pull-request clone': { args: [PLAN, 'audit', '--format', 'json', ...now], cwd: review.dir },
    [`plan review, ${review.files} posts changed`]: { args: [PLAN, 'review', '--base', 'main', '--format', 'json', ...now], cwd: review.dir },
  };
  const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (const { args, cwd } of Object.values(commands)) timeOnce(args, cwd);
  for (let run = 0; run < runs; run++) {
    for (const [name, { args, cwd, before }] of Object.entries(commands)) times[name].push(timeOnce(args, cwd, before));
  }
  timeOnce(commands['plan audit, cache warm'].args, REPO); // leave the cache filled
  rmSync(review.dir, { recursive: true, force: true });
  const ms = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));
  const node = ms['node -e 0'];
  const lint = ms['markdownlint-cli2, same files'];
  const reviewName = `plan review, ${review.files} posts changed`;
  return {
    runs,
    rows: Object.entries(ms).map(([name, value]) => ({ name, ms: value, node: value / node, markdownlint: value / lint })),
    targets: [
      { figure: 'warm audit ≤ 3× node -e 0', ratio: ms['plan audit, cache warm'] / node, target: 3 },
      { figure: 'warm audit ≤ 0.6× markdownlint-cli2', ratio: ms['plan audit, cache warm'] / lint, target: 0.6 },
      { figure: 'cold audit ≤ 5× node -e 0', ratio: ms['plan audit, cold'] / node, target: 5 },
      { figure: 'review of 5 posts ≤ 1.5× one audit', ratio: ms[reviewName] / ms['plan audit, pull-request clone'], target: 1.5 },
      { figure: '--version ≤ 1.5× node -e 0', ratio: ms['plan --version'] / node, target: 1.5 },
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { runs, rows, targets } = measureExample({ runs: Number(process.argv[2] ?? 9) });
  console.log(`Example practice, median of ${runs} interleaved runs\n`);
  console.log('| command | ms | × node -e 0 | × markdownlint-cli2 |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.name} | ${r.ms.toFixed(0)} | ${r.node.toFixed(2)} | ${r.markdownlint.toFixed(2)} |`);
  console.log('\n| figure | ratio | met |');
  console.log('|---|---|---|');
  for (const t of targets) console.log(`| ${t.figure} | ${t.ratio.toFixed(2)} | ${t.ratio <= t.target ? 'yes' : 'no'} |`);
}
