// Exactly once, end to end: `plan publish` in a real temporary repository against each network's
// strict fake over HTTP on 127.0.0.1, with every fault, across re-runs, and a process killed
// between the create and the record.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fault } from '../fakes/server.js';
import { RIGS, type Rig, type RunningRig } from './rigs.js';

const PLAN = fileURLToPath(new URL('../../bin/plan.js', import.meta.url));
const IMAGE = fileURLToPath(new URL('../../media/2026/flu-shot.jpg', import.meta.url));
const NOW = '2026-12-01T14:30:00Z';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runPublish(root: string, env: Record<string, string>, extra: string[] = []): Promise<Run> & { kill(): void } {
  const child = spawn(process.execPath, [PLAN, 'publish', '--now', NOW, ...extra], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', PLAN_RETRY_DELAY_MS: '0', PLAN_POLL_INTERVAL_MS: '1', PLAN_HTTP_TIMEOUT_MS: '3000', PLAN_MAX_WAIT_MS: '5000', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return Object.assign(done, { kill: () => child.kill('SIGKILL') });
}

async function makeRepo(rig: RunningRig, network: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), `plan-publish-${network}-`));
  const files: Record<string, string | Buffer> = {
    'plan.config.yaml': `practice:\n  name: Cedar Valley Family Health\n  timezone: America/New_York\n  phones: ["844-466-7225"]\nmedia_base_url: ${rig.mediaBaseUrl}\napproval:\n  required: true\n`,
    'plans/networks.yaml': `${network}: ${JSON.stringify(rig.account)}\n`,
    'plans/objectives.yaml': 'objectives:\n  education: { label: Patient education, share: 100 }\n',
    'plans/audiences.yaml': 'segments:\n  parents: { label: Parents, age: "30-49" }\n',
    'content/2026/12/flu.md': `---\ntitle: Flu shots\npublish_at: 2026-12-01 09:00\nnetworks: [${network}]\nobjective: education\nstatus: ready\napproved_by: Dr. Priya Natarajan\nmedia:\n  - file: media/2026/flu.jpg\n    alt: A nurse holding a flu shot\n---\nFlu shots are here. Walk in any weekday from 8 to 5.\n`,
    'media/2026/flu.jpg': await readFile(IMAGE),
  };
  for (const [file, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), body);
  }
  return root;
}

async function ledgerStates(root: string): Promise<string[]> {
  const text = await readFile(path.join(root, '.plan/ledger.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { state: string }).state);
}

describe.each(RIGS.map((rig): [string, Rig] => [rig.network, rig]))('plan publish to %s', (network, rig) => {
  let running: RunningRig;
  let root: string;
  beforeEach(async () => {
    running = await rig.start(await readFile(IMAGE));
    root = await makeRepo(running, network);
  });
  afterEach(async () => {
    expect(running.violations()).toEqual([]);
    await running.close();
    await rm(root, { recursive: true, force: true });
  });

  const publishTwice = async () => {
    const first = await runPublish(root, running.env);
    const second = await runPublish(root, running.env);
    return { first, second };
  };

  it('publishes a post with its image once, and nothing on the next run', async () => {
    const { first, second } = await publishTwice();
    expect(first.stdout).toContain(`PUBLISHED ${network}: content/2026/12/flu.md`);
    expect(first.code).toBe(0);
    expect(second.stdout).toContain('nothing is due');
    expect(running.created()).toBe(1);
    expect(running.altTexts()).toEqual(['A nurse holding a flu shot']);
    const states = await ledgerStates(root);
    expect(states.at(-1)).toBe('published');
    expect(states.filter((s) => s === 'published')).toHaveLength(1);
  });

  it('prints what it would send with --dry-run and sends nothing', async () => {
    const run = await runPublish(root, running.env, ['--dry-run']);
    expect(run.stdout).toContain(`WOULD SEND ${network}: content/2026/12/flu.md`);
    expect(running.created()).toBe(0);
  });

  it('fails the network with a clear message when its credentials are missing', async () => {
    const run = await runPublish(root, {});
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/PLAN_[A-Z_]+/);
    expect(running.created()).toBe(0);
  });

  const faults: [string, Fault][] = [
    ['a 503', { kind: 'status', status: 503, body: { error: 'unavailable' } }],
    ['an answer that never arrives after the post was created', { kind: 'drop-after-create' }],
    ['a connection broken before the request', { kind: 'drop-before' }],
    ['a rate limit', { kind: 'rate-limit', resetSeconds: 1 }],
  ];
  it.each(faults)('ends with exactly one post after %s on the create, across re-runs', async (_name, fault) => {
    running.inject(fault);
    let run = await runPublish(root, running.env);
    for (let rerun = 0; rerun < 3 && (run.code !== 0 || run.stdout.includes('LATER')); rerun++) run = await runPublish(root, running.env);
    expect(run.code).toBe(0);
    expect(running.created()).toBe(1);
    expect((await runPublish(root, running.env)).stdout).toContain('nothing is due');
    expect(running.created()).toBe(1);
  });

  it('records a final refusal as failed, exits 1, and does not send it again', async () => {
    running.inject({ kind: 'status', status: 400, body: running.finalErrorBody });
    const first = await runPublish(root, running.env);
    const second = await runPublish(root, running.env);
    expect([first.code, second.code]).toEqual([1, 1]);
    expect(second.stdout).toContain('FAILED');
    expect(running.created()).toBe(0);
    expect((await ledgerStates(root)).filter((s) => s === 'failed')).toHaveLength(1);
  });

  it('settles a post whose process was killed between the create and the record', async () => {
    running.inject({ kind: 'delay', ms: 10_000 });
    const killed = runPublish(root, running.env);
    for (let i = 0; i < 200 && running.created() === 0; i++) await new Promise((r) => setTimeout(r, 25));
    killed.kill();
    await killed;
    expect(await ledgerStates(root)).toContain('attempting');
    expect(await ledgerStates(root)).not.toContain('published');
    const rerun = await runPublish(root, running.env);
    expect(rerun.code).toBe(0);
    expect(running.created()).toBe(1);
  });

  it('never prints a credential', async () => {
    running.inject({ kind: 'status', status: 400, body: { error: { message: `echo: ${Object.values(running.env).join(' ')}` } } });
    const run = await runPublish(root, running.env);
    for (const secret of Object.values(running.env)) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
    expect(await readFile(path.join(root, '.plan/ledger.jsonl'), 'utf8')).not.toContain(Object.values(running.env)[0]!);
  });
});
