import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { auditJson, FIXED_NOW, makeRepo, post, removeTempRepos, runPlan, STACK_FRAME } from '../helpers/repo.js';

afterAll(removeTempRepos);

const EXAMPLE_REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Two warnings (unknown fields turned down to warnings) and no errors. */
function repoWithWarnings() {
  return makeRepo(
    { 'content/a.md': post({ caption: 'Hi' }), 'content/b.md': post({ summary: 'Hi' }) },
    { config: 'practice:\n  name: Test\n  timezone: America/New_York\nrules:\n  schema/unknown-key: warning\n' },
  );
}

describe('plan audit: exit codes', () => {
  it('exits 0 on a clean repository', async () => {
    const repo = makeRepo({ 'content/a.md': post() });
    const run = await runPlan(['audit', '--now', FIXED_NOW], { cwd: repo.root });
    expect(run).toEqual({ code: 0, stdout: '✔ 1 post checked: no problems found\n', stderr: '' });
  });

  it('exits 1 on an error finding', async () => {
    const repo = makeRepo({ 'content/a.md': post({ networks: '[x, tiktok]' }) });
    const report = await auditJson(repo);
    expect(report.run.code).toBe(1);
    expect(report.counts).toEqual({ error: 1, warning: 0, info: 0 });
  });

  it('exits 0 with warnings, unless there are more than --max-warnings', async () => {
    const repo = repoWithWarnings();
    expect((await auditJson(repo)).run.code).toBe(0);
    expect((await auditJson(repo, ['--max-warnings', '2'])).run.code).toBe(0);
    expect((await auditJson(repo, ['--max-warnings', '1'])).run.code).toBe(1);
    expect((await auditJson(repo, ['--max-warnings', '0'])).run.code).toBe(1);
  });

  it('runs from a folder inside the repository, and with -C', async () => {
    const repo = makeRepo({ 'content/2030/a.md': post() });
    expect((await runPlan(['audit', '--now', FIXED_NOW], { cwd: path.join(repo.root, 'content/2030') })).code).toBe(0);
    const elsewhere = makeRepo({}, { config: null, plans: false });
    const run = await runPlan(['-C', repo.root, 'audit', '--now', FIXED_NOW], { cwd: elsewhere.root });
    expect(run.stdout).toBe('✔ 1 post checked: no problems found\n');
  });
});

describe('plan audit: usage errors exit 2 with one clear line', () => {
  const repo = makeRepo({ 'content/a.md': post() });

  it.each([
    [['audit', '--bogus'], /^error: unknown option '--bogus'\n/],
    [['audit', '--max-warnings', 'many'], /^plan: --max-warnings "many" is not a whole number of 0 or more\n$/],
    [['audit', '--max-warnings', '-1'], /^plan: --max-warnings "-1" is not a whole number of 0 or more\n$/],
    [['audit', '--now', 'yesterday'], /^plan: --now "yesterday" is not a date and time: use ISO 8601/],
    [['audit', '--now', '1'], /^plan: --now "1" is not a date and time/],
    [['audit', '--now', '2030-02-30T09:00:00Z'], /^plan: --now "2030-02-30T09:00:00Z" is not a date/],
    [['audit', 'content/nothere.md'], /^plan: content\/nothere\.md: no such file or folder in the repository\n$/],
    [['audit', '--format', 'xml'], /^error: option '--format <format>' argument 'xml' is invalid/],
    [['frobnicate'], /^error: unknown command 'frobnicate'/],
  ])('%j', async (args, stderr) => {
    const run = await runPlan(args, { cwd: repo.root });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(stderr);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('accepts --now in the ISO forms people paste', async () => {
    for (const now of ['2030-01-01', '2030-01-01T09:00:00Z', '2030-01-01T09:00:00.000Z', '2030-01-01T09:00:00-05:00']) {
      expect((await runPlan(['audit', '--now', now], { cwd: repo.root })).code).toBe(0);
    }
  });

  it('--now fixes the clock the checks use', async () => {
    const repo = makeRepo({ 'content/a.md': post({ status: 'ready' }) });
    expect((await auditJson(repo, ['--now', '2030-01-07T13:59:00Z'])).findings).toEqual([]);
    const late = await auditJson(repo, ['--now', '2030-01-07T14:01:00Z']);
    expect(late.findings.map((f) => [f.rule, f.line])).toEqual([['plan/missed', 3]]);
    expect(late.run.code).toBe(0);
  });

  it('refuses a path outside the repository', async () => {
    const run = await runPlan(['audit', '..'], { cwd: repo.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('plan: ..: no such file or folder in the repository\n');
  });

  it('refuses a folder with no posts', async () => {
    const run = await runPlan(['audit', 'plans'], { cwd: repo.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('plan: plans: no posts there (posts are .md files under content/)\n');
  });
});

describe('plan audit: configuration', () => {
  it('exits 2 with a clear message when there is no plan.config.yaml', async () => {
    const repo = makeRepo({ 'content/a.md': post() }, { config: null });
    const run = await runPlan(['audit'], { cwd: repo.root });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^plan: no plan\.config\.yaml in .+ or any folder above it: run "plan init" to start a content repository, or pass -C DIR\n$/);
  });

  it('exits 2 with findings on a broken plan.config.yaml, and still audits the posts', async () => {
    const config = 'practice:\n  name: Test\n  timezone: America/Nowhere\n  phone: ["555-0100"]\nrules:\n  schema/unknown-kee: warning\n';
    const repo = makeRepo({ 'content/a.md': post({ networks: '[tiktok]' }) }, { config });
    const report = await auditJson(repo);
    expect(report.run.code).toBe(2);
    expect(report.run.stderr).toBe('');
    const onConfig = report.findings.filter((f) => f.file === 'plan.config.yaml').map((f) => [f.rule, f.line, f.message]);
    expect(onConfig).toEqual([
      ['schema/config', 3, 'practice.timezone is not a time zone: use a name from the IANA list, e.g. America/New_York or America/Chicago'],
      ['schema/unknown-key', 4, 'an unknown field in practice on line 4: did you mean "phones"?'],
    ]);
    expect(report.findings).toContainEqual(expect.objectContaining({ file: 'content/a.md', rule: 'schema/frontmatter', line: 4 }));
  });

  it('reports a misspelt rule id in rules: and overrides:', async () => {
    const config = 'practice:\n  name: Test\n  timezone: America/New_York\nrules:\n  schema/unknown-kee: warning\noverrides:\n  - files: ["content/old/**"]\n    rules: { schema/*: off }\n';
    const report = await auditJson(makeRepo({ 'content/a.md': post() }, { config }));
    expect(report.run.code).toBe(2);
    expect(report.findings.map((f) => [f.rule, f.file, f.line, f.message])).toEqual([
      ['schema/config', 'plan.config.yaml', 5, expect.stringContaining('unknown rule "schema/unknown-kee": did you mean "schema/unknown-key"?')],
    ]);
  });

  it('exits 2 on a YAML error in plan.config.yaml', async () => {
    const repo = makeRepo({ 'content/a.md': post() }, { config: 'practice:\n  name: [Test\n  timezone: America/New_York\n' });
    const report = await auditJson(repo);
    expect(report.run.code).toBe(2);
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'schema/parse', file: 'plan.config.yaml', line: 3 })]);
    expect(report.posts).toBe(1);
  });
});

describe('plan audit: output options', () => {
  it('--output writes the report to a file and prints the summary on stderr', async () => {
    const repo = makeRepo({ 'content/a.md': post({ networks: '[tiktok]' }) });
    const written = await runPlan(['audit', '--format', 'json', '--output', 'reports/audit.json', '--now', FIXED_NOW], { cwd: repo.root });
    expect(written.code).toBe(1);
    expect(written.stdout).toBe('');
    expect(written.stderr).toBe('1 post checked: 1 problem (1 error, 0 warnings) (report written to reports/audit.json)\n');
    const direct = await runPlan(['audit', '--format', 'json', '--now', FIXED_NOW], { cwd: repo.root });
    expect(readFileSync(path.join(repo.root, 'reports/audit.json'), 'utf8')).toBe(direct.stdout);
  });

  it('--output exits 2 with one clear line when the report cannot be written', async () => {
    const repo = makeRepo({ 'content/a.md': post() });
    const run = await runPlan(['audit', '--output', 'content/a.md/report.txt', '--now', FIXED_NOW], { cwd: repo.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^plan: --output content\/a\.md\/report\.txt: could not write the report \(E[A-Z]+\)\n$/);
  });

  it('--quiet shows errors only, and still fails on too many warnings', async () => {
    const repo = repoWithWarnings();
    repo.write('content/c.md', post({ networks: '[tiktok]' }));
    const all = await auditJson(repo);
    expect(all.counts).toEqual({ error: 1, warning: 2, info: 0 });
    const quiet = await auditJson(repo, ['--quiet']);
    expect(quiet.findings.map((f) => f.severity)).toEqual(['error']);
    expect(quiet.counts).toEqual({ error: 1, warning: 0, info: 0 });
    const pretty = await runPlan(['audit', '--quiet', '--now', FIXED_NOW], { cwd: repo.root });
    expect(pretty.stdout).toContain(' error ');
    expect(pretty.stdout).not.toContain(' warning ');
    repo.remove('content/c.md');
    expect((await auditJson(repo, ['--quiet', '--max-warnings', '1'])).run.code).toBe(1);
  });

  it('prints no colour without a terminal, even with FORCE_COLOR', async () => {
    const repo = makeRepo({ 'content/a.md': post({ networks: '[tiktok]' }) });
    const run = await runPlan(['audit', '--now', FIXED_NOW], { cwd: repo.root, env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
    expect(run.stdout).toContain('content/a.md');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('survives a reader that stops reading (plan audit | head)', async () => {
    const repo = makeRepo(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`content/p${i}.md`, post({ networks: '[tiktok]' })])));
    const run = await runPlan(['audit', '--now', FIXED_NOW], { cwd: repo.root, closeStdout: true });
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
  });
});

describe('plan audit --reveal', () => {
  const repo = makeRepo({ 'content/a.md': post() });

  it('is refused when CI is set', async () => {
    const run = await runPlan(['audit', '--reveal'], { cwd: repo.root, env: { CI: 'true' } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('plan: --reveal is refused in CI: CI logs are read by many people and PHI must not reach them\n');
  });

  it('is refused when stdout is not a terminal', async () => {
    const run = await runPlan(['audit', '--reveal'], { cwd: repo.root });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('plan: --reveal only prints to a terminal, not into a pipe or file\n');
  });

  it('is refused with another format or into a file', async () => {
    for (const args of [['--format', 'json'], ['--output', 'out.txt']]) {
      const run = await runPlan(['audit', '--reveal', ...args], { cwd: repo.root });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^plan: --reveal only works with the pretty format in a terminal/);
    }
    expect(existsSync(path.join(repo.root, 'out.txt'))).toBe(false);
  });
});

describe('the example repository', () => {
  it('audits clean with exit 0', async () => {
    // At a fixed time: once the example's first posts are due, a real clock would find them unpublished.
    const run = await runPlan(['audit', '--now', '2026-11-28T12:00:00Z'], { cwd: EXAMPLE_REPO });
    expect(run.stderr).toBe('');
    // Notes (info findings, e.g. where a feed folds the text) are counted, not listed, without --notes.
    expect(run.stdout).toMatch(/^✔ \d+ posts checked: no problems found(?: \(\d+ notes?\): list them with --notes)?\n$/);
    expect(run.code).toBe(0);
  });
});
