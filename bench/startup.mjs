// Start-up cost of the CLI against bare Node, measured in one session so the ratio is fair.
// Usage: node bench/startup.mjs [runs]   (build first: npm run build)
// As a module: measureStartup({ runs }) → { runs, rows: [{ name, ms, ratio }] } (used by bench/run.mjs).
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const plan = fileURLToPath(new URL('../bin/plan.js', import.meta.url));

export const STARTUP_COMMANDS = {
  'node -e 0': ['-e', '0'],
  'plan --version': [plan, '--version'],
  'plan audit (example repository)': [plan, 'audit', '--format', 'json', '--now', '2026-11-29T00:00:00Z'],
};

function timeOnce(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median wall time of each command over `runs` interleaved runs (after one warm-up run each), and its ratio to `node -e 0`. */
export function measureStartup({ runs = 20, commands = STARTUP_COMMANDS } = {}) {
  // Interleave the commands so a noisy neighbour slows them all alike.
  const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (const args of Object.values(commands)) timeOnce(args); // warm the file cache
  for (let i = 0; i < runs; i++) for (const [name, args] of Object.entries(commands)) samples[name].push(timeOnce(args));
  const baseline = median(samples['node -e 0']);
  return {
    runs,
    rows: Object.entries(samples).map(([name, values]) => ({ name, ms: median(values), ratio: median(values) / baseline, samples: values })),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { runs, rows } = measureStartup({ runs: Number(process.argv[2] ?? 20) });
  console.log(`start-up, median of ${runs} runs each, interleaved`);
  for (const { name, ms, ratio } of rows) console.log(`  ${name.padEnd(34)} ${ms.toFixed(1).padStart(7)} ms   ${ratio.toFixed(2)}× node -e 0`);
}
