// `node bench/hostile.mjs`: each worst case of bench/lib/hostile-cases.mjs as one post of about
// 900 KB through `plan audit` (a child process, as a user runs it), against 900 KB of ordinary prose
// measured in the same run. Target: no case takes more than 5× the prose. Needs dist/ (npm run build).
// Usage: node bench/hostile.mjs [--kb 900] [--runs 1]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOSTILE_CASES, HOSTILE_CONFIG, HOSTILE_PLANS, hostilePost } from './lib/hostile-cases.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const PLAN = path.join(REPO, 'bin/plan.js');
const TARGET = 5;
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const kb = option('--kb', 900);
const runs = option('--runs', 1);

if (!existsSync(path.join(REPO, 'dist/cli/index.js'))) throw new Error('dist/ is missing: run npm run build first');

const work = mkdtempSync(path.join(os.tmpdir(), 'plan-hostile-'));
try {
  const results = [];
  for (const name of Object.keys(HOSTILE_CASES)) {
    const dir = path.join(work, name.replace(/\W+/g, '-'));
    for (const [file, text] of Object.entries({ 'plan.config.yaml': HOSTILE_CONFIG, ...HOSTILE_PLANS, 'content/post.md': hostilePost(name, kb * 1024) })) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const times = [];
    for (let run = 0; run < runs; run++) times.push(audit(dir, name));
    times.sort((a, b) => a - b);
    results.push({ name, ms: times[Math.floor(times.length / 2)] });
    process.stderr.write(`  ${name}: ${(results.at(-1).ms / 1000).toFixed(2)} s\n`);
  }
  const prose = results.find((result) => result.name === 'ordinary prose').ms;
  process.stdout.write(`plan audit of one ${kb} KB post, median of ${runs} run(s), load average ${os.loadavg()[0].toFixed(1)}\n\n`);
  process.stdout.write('| case | time | × prose |\n|---|--:|--:|\n');
  for (const { name, ms } of results) {
    const ratio = ms / prose;
    process.stdout.write(`| ${name} | ${(ms / 1000).toFixed(2)} s | ${ratio.toFixed(2)}× ${ratio <= TARGET ? '✔' : `✘ over ${TARGET}×`} |\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

function audit(dir, name) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [PLAN, 'audit', '-C', dir, '--format', 'json', '--now', '2029-12-01T12:00:00Z'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${name}: plan audit exited ${result.status}: ${result.stderr.slice(0, 2000)}`);
  if (JSON.parse(result.stdout).posts !== 1) throw new Error(`${name}: plan audit did not report the post`);
  return ms;
}
