// `plan audit` in-process on random posts (test/fuzz/grammar.ts). In `npm test`: a fixed seed and a
// bounded number of runs. `npm run fuzz`: 10,000 cases with a new seed, printed with the counts and
// the longest case (FUZZ_RUNS and FUZZ_SEED set them; a failure prints the seed and path to replay).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { runAuditCommand } from '../../src/cli/commands/audit.js';
import { runCommand } from '../helpers/command.js';
import { FIXED_NOW, makeRepo, removeTempRepos, STACK_FRAME } from '../helpers/repo.js';
import { PHI_FRAGMENTS, postSet } from './grammar.js';

afterAll(removeTempRepos);

const runs = Number(process.env.FUZZ_RUNS ?? 60);
const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RUNS ? Date.now() % 2 ** 31 : 20261207;
const FORMATS = ['json', 'pretty', 'github', 'sarif', 'markdown'] as const;
const CI_ENV = { CI: 'true', GITHUB_ACTIONS: 'true' };

interface Stats {
  cases: number;
  posts: number;
  findings: number;
  exitCodes: Record<number, number>;
  longestMs: number;
}

it(`audits random posts without a crash, a stack trace, a lost post or PHI from a field (seed ${seed}, ${runs} runs)`, async () => {
  const repo = makeRepo({ 'media/flu.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]) });
  const content = path.join(repo.root, 'content');
  const stats: Stats = { cases: 0, posts: 0, findings: 0, exitCodes: {}, longestMs: 0 };
  if (process.env.FUZZ_RUNS) process.stderr.write(`fuzz: seed ${seed}, ${runs} runs\n`);
  await fc.assert(
    fc.asyncProperty(postSet, async (posts) => {
      const started = performance.now();
      rmSync(content, { recursive: true, force: true });
      mkdirSync(content, { recursive: true });
      posts.forEach((text, index) => writeFileSync(path.join(content, `post-${index}.md`), text));
      for (const format of FORMATS) {
        const run = await runCommand({ cwd: repo.root, env: CI_ENV, now: new Date(FIXED_NOW) }, (context) => runAuditCommand([], { format, now: FIXED_NOW }, context));
        const output = run.stdout + run.stderr;
        expect([0, 1, 2], output).toContain(run.code);
        expect(output).not.toMatch(STACK_FRAME);
        expect(PHI_FRAGMENTS.filter((fragment) => output.includes(fragment)), output).toEqual([]);
        if (format === 'json') {
          const report = JSON.parse(run.stdout) as { posts: number; findings: unknown[] };
          expect(report.posts).toBe(posts.length);
          stats.findings += report.findings.length;
          stats.exitCodes[run.code] = (stats.exitCodes[run.code] ?? 0) + 1;
        }
      }
      stats.cases++;
      stats.posts += posts.length;
      stats.longestMs = Math.max(stats.longestMs, performance.now() - started);
      if (process.env.FUZZ_RUNS && stats.cases % 500 === 0) process.stderr.write(`fuzz: ${report(stats)}\n`);
    }),
    { numRuns: runs, seed },
  );
  console.log(`fuzz: seed ${seed}: ${report(stats)}`);
}, 7_200_000);

function report(stats: Stats): string {
  return `${stats.cases} cases, ${stats.posts} posts, ${stats.findings} findings, exit codes ${JSON.stringify(stats.exitCodes)}, longest case ${stats.longestMs.toFixed(0)} ms (5 audits)`;
}
