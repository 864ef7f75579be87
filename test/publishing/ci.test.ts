// Exactly once as CI runs it: a bare repository stands in for GitHub (its pre-receive hook refuses
// pushes to main, as branch protection does), every job is a fresh clone, and `plan publish --commit`
// runs with the real clock against all six networks at once (strict fakes, and a real Bluesky PDS).
// Jobs are killed with SIGKILL (their whole process group, as a lost runner) at many points, run two at
// a time, meet refused pushes and damaged records. After each scenario, jobs run until one finds nothing
// due: every network then shows the post exactly once, and no job ever sent it twice.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RIGS, type Rig, type RunningRig } from './rigs.js';

const PLAN = fileURLToPath(new URL('../../bin/plan.js', import.meta.url));
const IMAGE = readFileSync(fileURLToPath(new URL('../../media/2026/flu-shot.jpg', import.meta.url)));
const TEXT = 'Flu shots are here. Walk in any weekday from 8 to 5.';
const ALT = 'A nurse holding a flu shot';
const POST_FILE = 'content/flu.md';
const RECORD = '.plan/ledger.jsonl';
/** A job's time to send: short, so a killed job's claims lapse within a test. */
const RUN_DEADLINE_MS = 4000;
const TEST_TIMEOUT_MS = 240_000;

const available = RIGS.filter((rig) => rig.unavailable === undefined);
const skipped = RIGS.filter((rig) => rig.unavailable !== undefined);
for (const rig of skipped) console.warn(`ci.test.ts: ${rig.network} left out: ${rig.unavailable}`);

interface Job {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface World {
  remote: string;
  rigs: Map<string, RunningRig>;
  env: Record<string, string>;
  home: string;
}

const temp = (name: string) => mkdtempSync(path.join(tmpdir(), `plan-ci-${name}-`));
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=Practice Lead', '-c', 'user.email=lead@example.org', ...args], { cwd, encoding: 'utf8', env: gitEnv() });
const gitEnv = () => ({ PATH: process.env.PATH ?? '', HOME: tmpdir(), GIT_CONFIG_NOSYSTEM: '1' });

/** Practice time (New York) an hour ago, as a post's publish_at: due now, by the real clock. */
function anHourAgo(): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(Date.now() - 3_600_000));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

// The hook a bare repository runs on every push: main only through pull requests, as branch protection
// has it; files beside the repository make it refuse or slow down pushes to the record branch.
const HOOK = `#!/bin/sh
while read old new ref; do
  case "$ref" in
    refs/heads/main) echo "main is protected: changes go through pull requests" >&2; exit 1 ;;
    refs/heads/plan-record)
      if [ -f "$GIT_DIR/refuse-record" ]; then echo "refs/heads/plan-record is protected by a branch rule" >&2; exit 1; fi
      last=$(git cat-file -p "$new:.plan/ledger.jsonl" | tail -n 1)
      if { [ -f "$GIT_DIR/slow-claims" ] && echo "$last" | grep -q '"attempting"'; } || { [ -f "$GIT_DIR/slow-results" ] && echo "$last" | grep -q '"published"'; }; then
        touch "$GIT_DIR/pushing"; sleep 5; rm -f "$GIT_DIR/pushing"
      fi
      ;;
  esac
done
exit 0
`;

async function makeWorld(rigs: readonly Rig[], accountOf = (_network: string, account: Record<string, unknown>) => account): Promise<World> {
  const running = new Map<string, RunningRig>();
  for (const rig of rigs) running.set(rig.network, await rig.start(IMAGE));
  const accounts = [...running].map(([network, r]) => `${network}: ${JSON.stringify(accountOf(network, r.account))}`).join('\n');
  const media = (running.get('facebook') ?? running.get('instagram') ?? [...running.values()][0]!).mediaBaseUrl;
  const seed = temp('seed');
  const files: Record<string, string | Buffer> = {
    'plan.config.yaml': `practice:\n  name: Cedar Valley Family Health\n  timezone: America/New_York\nmedia_base_url: ${media}\n`,
    'plans/networks.yaml': `${accounts}\n`,
    'plans/objectives.yaml': 'objectives:\n  education: { label: Patient education, share: 100 }\n',
    'plans/audiences.yaml': 'segments:\n  parents: { label: Parents, age: "30-49" }\n',
    '.gitattributes': '.plan/*.jsonl merge=union\n',
    [POST_FILE]: `---\ntitle: Flu shots\npublish_at: ${anHourAgo()}\nnetworks: [${[...running.keys()].join(', ')}]\nobjective: education\nstatus: ready\nmedia:\n  - file: media/2026/flu.jpg\n    alt: ${ALT}\n---\n${TEXT}\n`,
    'media/2026/flu.jpg': IMAGE,
  };
  for (const [file, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(seed, file)), { recursive: true });
    writeFileSync(path.join(seed, file), body);
  }
  const remote = path.join(temp('remote'), 'practice.git');
  execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', remote], { env: gitEnv() });
  git(seed, 'init', '--quiet', '-b', 'main');
  git(seed, 'add', '-A');
  git(seed, 'commit', '--quiet', '-m', 'The practice');
  git(seed, 'push', '--quiet', remote, 'main');
  writeFileSync(path.join(remote, 'hooks', 'pre-receive'), HOOK);
  chmodSync(path.join(remote, 'hooks', 'pre-receive'), 0o755);
  const env = Object.assign({}, ...[...running.values()].map((r) => r.env)) as Record<string, string>;
  return { remote, rigs: running, env, home: temp('home') };
}

/** A fresh clone of the practice's repository, as a CI job checks it out. */
function checkout(world: World): string {
  const dir = path.join(temp('job'), 'repo');
  execFileSync('git', ['clone', '--quiet', world.remote, dir], { env: gitEnv() });
  return dir;
}

function startJob(world: World, dir: string, env: Record<string, string> = world.env): Promise<Job> & { kill(): void } {
  const child = spawn(process.execPath, [PLAN, 'publish', '--commit'], {
    cwd: dir,
    detached: true,
    env: {
      ...gitEnv(),
      HOME: world.home,
      NO_COLOR: '1',
      CI: 'true',
      PLAN_RUN_DEADLINE_MS: String(RUN_DEADLINE_MS),
      PLAN_RETRY_DELAY_MS: '0',
      PLAN_POLL_INTERVAL_MS: '1',
      PLAN_HTTP_TIMEOUT_MS: '20000',
      PLAN_MAX_WAIT_MS: '2000',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<Job>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  // A runner that is lost takes everything it started with it: plan and its git children.
  return Object.assign(done, { kill: () => process.kill(-child.pid!, 'SIGKILL') });
}

const job = (world: World, env?: Record<string, string>) => startJob(world, checkout(world), env);

async function until(check: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The record as the remote holds it (the record branch), one entry per line. */
function remoteRecord(world: World): { state: string; network: string; run?: string }[] {
  try {
    const text = execFileSync('git', ['--git-dir', world.remote, 'cat-file', 'blob', `refs/heads/plan-record:${RECORD}`], { encoding: 'utf8', env: gitEnv() });
    return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
  } catch {
    return [];
  }
}

/**
 * Runs jobs, one after the other, until one finds nothing due. A job may stop short for safety (another
 * job's claim still running, exit 3, with its reason): the next one runs once that claim has lapsed.
 */
async function settleAll(world: World): Promise<Job[]> {
  const jobs: Job[] = [];
  for (let n = 0; n < 8; n++) {
    const run = await job(world);
    jobs.push(run);
    if (run.code === 0 && run.stdout.includes('nothing is due')) return jobs;
    if (run.code === 3) expect(run.stdout, run.stdout).toMatch(/HELD|UNKNOWN/);
    else expect([0, 3], `${run.stdout}\n${run.stderr}`).toContain(run.code);
    await new Promise((r) => setTimeout(r, run.code === 3 ? RUN_DEADLINE_MS : 50));
  }
  throw new Error(`no job found nothing due after ${jobs.length} jobs:\n${jobs.map((j) => j.stdout).join('\n---\n')}`);
}

/** Every network shows the post once, with its image and alt text; the remote's record says published once per network. */
async function expectExactlyOnce(world: World): Promise<void> {
  for (const [network, rig] of world.rigs) {
    const posts = await rig.posts();
    expect(posts.map((p) => p.text), network).toEqual([TEXT]);
    expect(posts[0]!.altTexts, network).toEqual([ALT]);
    expect(await rig.violations(), network).toEqual([]);
    expect(remoteRecord(world).filter((e) => e.network === network && e.state === 'published'), network).toHaveLength(1);
  }
  // main was never pushed to: the hook would have refused it, and the record lives on its own branch.
  expect(execFileSync('git', ['--git-dir', world.remote, 'log', '--oneline', 'main'], { encoding: 'utf8', env: gitEnv() }).trim().split('\n')).toHaveLength(1);
}

describe('plan publish --commit as CI runs it', { timeout: TEST_TIMEOUT_MS }, () => {
  const worlds: World[] = [];
  beforeAll(async () => {
    for (const rig of available) await rig.setup?.();
  }, 180_000);
  afterAll(async () => {
    for (const world of worlds) for (const rig of world.rigs.values()) await rig.close();
    for (const rig of available) await rig.teardown?.();
  });
  const world = async (rigs: readonly Rig[] = available, accountOf?: Parameters<typeof makeWorld>[1]) => {
    const made = await makeWorld(rigs, accountOf);
    worlds.push(made);
    return made;
  };

  it('publishes to every network once, with main protected; the next job finds nothing due', async () => {
    const w = await world();
    const first = await job(w);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('claimed');
    for (const network of w.rigs.keys()) expect(first.stdout).toContain(`PUBLISHED ${network}: ${POST_FILE}`);
    const second = await job(w);
    expect(second.stdout).toContain('nothing is due');
    expect(second.code).toBe(0);
    await expectExactlyOnce(w);
    // Every job's claims were on the remote before its first create call: the first line of the run is a claim.
    expect(remoteRecord(w)[0]!.state).toBe('attempting');
  });

  for (const rig of available) {
    it(`ends with each post once when a job is killed while its ${rig.network} create call is under way`, async () => {
      const w = await world();
      const target = w.rigs.get(rig.network)!;
      target.inject({ kind: 'delay', ms: 30_000 });
      const killed = job(w);
      await until(async () => (await target.posts()).length > 0);
      killed.kill();
      expect((await killed).signal).toBe('SIGKILL');
      // What the killed job claimed is never shown as simply due: it may have gone out.
      const claimed = new Set(remoteRecord(w).filter((e) => e.state === 'attempting').map((e) => e.network));
      expect(claimed.has(rig.network)).toBe(true);
      const status = JSON.parse(execFileSync(process.execPath, [PLAN, 'status', '--format', 'json'], { cwd: checkout(w), encoding: 'utf8', env: gitEnv() })) as { posts: { network: string; state: string; detail: string | null }[] };
      for (const row of status.posts.filter((r) => claimed.has(r.network) && r.state !== 'published')) {
        expect(row.state, row.network).not.toBe('due');
        expect(row.detail, row.network).toMatch(/started sending|checks the account/);
      }
      await settleAll(w);
      await expectExactlyOnce(w);
    });
  }

  it('ends with each post once when a job is killed as it starts, before any claim', async () => {
    const w = await world();
    const killed = job(w);
    await new Promise((r) => setTimeout(r, 150));
    killed.kill();
    await killed;
    await settleAll(w);
    await expectExactlyOnce(w);
  });

  it('ends with each post once when a job is killed while it pushes its claims', async () => {
    const w = await world();
    writeFileSync(path.join(w.remote, 'slow-claims'), '');
    const killed = job(w);
    await until(() => existsSync(path.join(w.remote, 'pushing')));
    killed.kill();
    await killed;
    rmSync(path.join(w.remote, 'slow-claims'));
    // The job sent nothing: whatever the remote kept of its claims lapses, and the next jobs publish.
    for (const rigOf of w.rigs.values()) expect(await rigOf.posts()).toEqual([]);
    await settleAll(w);
    await expectExactlyOnce(w);
  });

  it('ends with each post once when a job is killed while it pushes its results', async () => {
    const w = await world();
    writeFileSync(path.join(w.remote, 'slow-results'), '');
    const killed = job(w);
    await until(() => existsSync(path.join(w.remote, 'pushing')));
    killed.kill();
    await killed;
    rmSync(path.join(w.remote, 'slow-results'));
    const jobs = await settleAll(w);
    // The posts exist but their results never reached the remote: the next job found them on the accounts.
    expect(jobs.map((j) => j.stdout).join('\n')).toMatch(/SETTLED/);
    await expectExactlyOnce(w);
  });

  it('two jobs at once on two clones: the remote lets one claim each post, the other holds or finds it taken', async () => {
    const w = await world();
    const [a, b] = await Promise.all([job(w), job(w)]);
    for (const run of [a, b]) expect([0, 3], `${run.stdout}\n${run.stderr}`).toContain(run.code);
    const claimsPerNetwork = new Map<string, Set<string>>();
    for (const entry of remoteRecord(w).filter((e) => e.state === 'attempting')) claimsPerNetwork.set(entry.network, new Set([...(claimsPerNetwork.get(entry.network) ?? []), entry.run!]));
    for (const [network, runs] of claimsPerNetwork) expect(runs.size, network).toBe(1);
    await settleAll(w);
    await expectExactlyOnce(w);
  });

  it('two runs at once on one checkout: the second waits for nothing and sends nothing', async () => {
    const w = await world();
    const dir = checkout(w);
    w.rigs.get(available[0]!.network)!.inject({ kind: 'delay', ms: 3000 });
    const first = startJob(w, dir);
    await until(() => existsSync(path.join(dir, '.git', 'plan', 'publish.lock')));
    const second = await startJob(w, dir);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/another plan publish .* is running in this checkout/);
    expect((await first).code).toBe(0);
    await settleAll(w);
    await expectExactlyOnce(w);
  });

  it('sends nothing and says what to do when the remote refuses the record', async () => {
    const w = await world();
    writeFileSync(path.join(w.remote, 'refuse-record'), '');
    const refused = await job(w);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the remote refused the publish record \(pre-receive hook declined\): nothing was sent.*plan-record/);
    for (const rigOf of w.rigs.values()) expect(await rigOf.posts()).toEqual([]);
    rmSync(path.join(w.remote, 'refuse-record'));
    await settleAll(w);
    await expectExactlyOnce(w);
  });

  it('holds, and sends nothing twice, when the record on the remote is damaged; publishes once it is repaired', async () => {
    const w = await world();
    const first = await job(w);
    expect(first.code).toBe(0);
    const damaged = damageRecord(w, available[0]!.network);
    const held = await job(w);
    expect(held.code).toBe(3);
    expect(held.stdout).toMatch(/could not be read/);
    expect(held.stdout).toMatch(/HELD/);
    repairRecord(w, damaged);
    await settleAll(w);
    await expectExactlyOnce(w);
  });

  it('sends no credentials to a host plans/networks.yaml names that the job does not allow, and claims nothing there', async () => {
    const [first] = available;
    const w = await world(available, (network, account) => (network === first!.network ? { ...account, api_url: 'https://gateway.example.net' } : account));
    const run = await job(w);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`FAILED   ${first!.network}: ${POST_FILE}: plan will not publish to`);
    expect(run.stdout).toContain('gateway.example.net is not');
    expect(run.stdout).toContain('PLAN_ALLOW_API_HOSTS=gateway.example.net');
    expect(w.rigs.get(first!.network)!.calls()).toBe(0);
    expect(remoteRecord(w).filter((e) => e.network === first!.network)).toEqual([]);
    for (const [network, rigOf] of w.rigs) if (network !== first!.network) expect(await rigOf.posts(), network).toHaveLength(1);
  });

  it('claims nothing for a network whose token is missing, and publishes it once the token is there', async () => {
    const w = await world();
    const [first] = available;
    const rigOf = w.rigs.get(first!.network)!;
    const withoutIt = Object.fromEntries(Object.entries(w.env).filter(([name]) => !Object.keys(rigOf.env).includes(name)));
    const run = await job(w, withoutIt);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`FAILED   ${first!.network}: ${POST_FILE}`);
    expect(remoteRecord(w).filter((e) => e.network === first!.network)).toEqual([]);
    await settleAll(w);
    await expectExactlyOnce(w);
  });
});

/**
 * Damages the remote record as disks and hand edits do: a NUL byte in one line, two lines glued, and
 * the published line of one network broken so that it cannot be read. Returns the original text.
 */
function damageRecord(world: World, network: string): string {
  const text = execFileSync('git', ['--git-dir', world.remote, 'cat-file', 'blob', `refs/heads/plan-record:${RECORD}`], { encoding: 'utf8', env: gitEnv() });
  const lines = text.split('\n').filter(Boolean);
  const broken = lines.map((line) => (line.includes(`"network":"${network}"`) && line.includes('"published"') ? line.slice(0, 60) : line));
  const glued = `\0${broken.slice(0, 2).join('')}\n${broken.slice(2).join('\n')}\n`;
  writeRemoteRecord(world, glued);
  return text;
}

function repairRecord(world: World, text: string): void {
  writeRemoteRecord(world, text);
}

/** Commits a record text onto the remote's record branch, as a person editing it by hand would. */
function writeRemoteRecord(world: World, text: string): void {
  const dir = checkout(world);
  git(dir, 'fetch', '--quiet', 'origin', 'plan-record');
  git(dir, 'checkout', '--quiet', '-B', 'plan-record', 'FETCH_HEAD');
  writeFileSync(path.join(dir, RECORD), text);
  git(dir, 'commit', '--quiet', '-am', 'Edit the record by hand');
  git(dir, 'push', '--quiet', 'origin', 'plan-record');
}
