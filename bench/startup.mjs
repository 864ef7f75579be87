// Start-up cost of the CLI against bare Node, measured in one session so the ratio is fair.
// Usage: node bench/startup.mjs [runs]   (build first: npm run build)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 20);
const repo = fileURLToPath(new URL('..', import.meta.url));
const plan = fileURLToPath(new URL('../bin/plan.js', import.meta.url));

const commands = {
  'node -e 0': ['-e', '0'],
  'plan --version': [plan, '--version'],
  'plan audit (example repository)': [plan, 'audit', '--format', 'json', '--now', '2026-11-29T00:00:00Z'],
};

function timeOnce(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Interleave the commands so a noisy neighbour slows them all alike.
const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (const args of Object.values(commands)) timeOnce(args); // warm the file cache
for (let i = 0; i < runs; i++) for (const [name, args] of Object.entries(commands)) samples[name].push(timeOnce(args));

const baseline = median(samples['node -e 0']);
console.log(`start-up, median of ${runs} runs each, interleaved`);
for (const [name, values] of Object.entries(samples)) {
  const ms = median(values);
  console.log(`  ${name.padEnd(34)} ${ms.toFixed(1).padStart(7)} ms   ${(ms / baseline).toFixed(2)}× node -e 0`);
}
