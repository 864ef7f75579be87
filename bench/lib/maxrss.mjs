// Preloaded with `node --import` into each measured process by bench/run.mjs: at exit, writes the
// process's peak resident set size (getrusage maxRSS, kilobytes) and CPU time to $PLAN_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const out = process.env.PLAN_BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    try {
      writeFileSync(out, JSON.stringify({ maxRssKb: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000 }));
    } catch {
      // the measurement is lost, not the run
    }
  });
}
