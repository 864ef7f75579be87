// Exactly once, end to end: `plan publish` in a real temporary repository against each network's
// server over HTTP on 127.0.0.1 (a strict fake; for Bluesky a real PDS behind a fault-injecting proxy),
// with every fault, across re-runs, and a process killed between the create and the record. After
// each scenario: the posts the server shows, the record's states, the exit codes and no contract
// violation. These runs keep the record in the working tree; ci.test.ts runs them as CI jobs do.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Fault } from '../fakes/server.js';
import { RIGS, type FaultName, type RunningRig } from './rigs.js';

const PLAN = fileURLToPath(new URL('../../bin/plan.js', import.meta.url));
const IMAGE = fileURLToPath(new URL('../../media/2026/flu-shot.jpg', import.meta.url));
const NOW = '2026-12-01T14:30:00Z';
const TEXT = 'Flu shots are here. Walk in any weekday from 8 to 5.';
const ALT = 'A nurse holding a flu shot';
const POST_FILE = 'content/2026/12/flu.md';

// Every scenario runs `plan publish` (about a second of CPU each) two to four times: generous limits,
// so a loaded 2-core machine is slow, not failing. The tests of this file run one at a time.
const TEST_TIMEOUT_MS = 90_000;
/** Longest wait for the killed run's create call to reach the server. */
const CREATE_WAIT_MS = 45_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runPublish(root: string, env: Record<string, string>, extra: string[] = []): Promise<Run> & { kill(): void; exited(): boolean } {
  const child = spawn(process.execPath, [PLAN, 'publish', '--now', NOW, ...extra], {
    cwd: root,
    // PLAN_HTTP_TIMEOUT_MS is long: no scenario relies on a client timeout (the killed run is killed),
    // and a short one turns a slow answer on a loaded machine into an "unknown".
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', PLAN_RETRY_DELAY_MS: '0', PLAN_POLL_INTERVAL_MS: '1', PLAN_HTTP_TIMEOUT_MS: '20000', PLAN_MAX_WAIT_MS: '5000', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let exited = false;
  const done = new Promise<Run>((resolve) =>
    child.on('close', (code, signal) => {
      exited = true;
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return Object.assign(done, { kill: () => child.kill('SIGKILL'), exited: () => exited });
}

function postFile(network: string, withImage: boolean): string {
  const media = withImage ? `media:\n  - file: media/2026/flu.jpg\n    alt: ${ALT}\n` : '';
  return `---\ntitle: Flu shots\npublish_at: 2026-12-01 09:00\nnetworks: [${network}]\nobjective: education\nstatus: ready\napproved_by: Dr. Priya Natarajan\n${media}---\n${TEXT}\n`;
}

async function makeRepo(rig: RunningRig, network: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), `plan-publish-${network}-`));
  const files: Record<string, string | Buffer> = {
    // No approval: it is read from pull requests on GitHub, which test/github/approval.test.ts covers.
    'plan.config.yaml': `practice:\n  name: Cedar Valley Family Health\n  timezone: America/New_York\n  phones: ["844-466-7225"]\nmedia_base_url: ${rig.mediaBaseUrl}\napproval:\n  required: false\n`,
    'plans/networks.yaml': `${network}: ${JSON.stringify(rig.account)}\n`,
    'plans/objectives.yaml': 'objectives:\n  education: { label: Patient education, share: 100 }\n',
    'plans/audiences.yaml': 'segments:\n  parents: { label: Parents, age: "30-49" }\n',
    [POST_FILE]: postFile(network, true),
    'media/2026/flu.jpg': await readFile(IMAGE),
  };
  for (const [file, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), body);
  }
  return root;
}

interface Entry {
  state: string;
  remoteId?: string;
  url?: string;
}

async function ledger(root: string): Promise<Entry[]> {
  const text = await readFile(path.join(root, '.plan/ledger.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Entry);
}
/** States in order, with `attempting` lines in a row counted once: an attempt's checkpoints (Instagram's container id) and a retry after "LATER" are more of them. */
const collapse = (states: string[]) => states.filter((state, i) => !(state === 'attempting' && states[i - 1] === 'attempting'));
const ledgerStates = async (root: string) => collapse((await ledger(root)).map((e) => e.state));

const FAULTS: [FaultName, Fault][] = [
  ['a 503', { kind: 'status', status: 503, body: { error: 'unavailable' } }],
  ['an answer that never arrives after the post was created', { kind: 'drop-after-create' }],
  ['a connection broken before the request', { kind: 'drop-before' }],
  ['a rate limit', { kind: 'rate-limit', resetSeconds: 1 }],
];

for (const rig of RIGS) {
  const network = rig.network;
  const title = `plan publish to ${network}${rig.unavailable ? ` (skipped: ${rig.unavailable})` : ''}`;
  if (rig.unavailable) console.warn(`e2e.test.ts: ${network} skipped: ${rig.unavailable}`);

  describe.skipIf(rig.unavailable !== undefined)(title, { timeout: TEST_TIMEOUT_MS, concurrent: true }, () => {
    beforeAll(async () => {
      await rig.setup?.();
    }, 180_000);
    afterAll(async () => {
      await rig.teardown?.();
    });

    /** Runs a test with its own server (or account) and repository; after it, the server saw no contract violation. */
    const scenario = (test: (running: RunningRig, root: string) => Promise<void>) => async () => {
      const running = await rig.start(await readFile(IMAGE));
      const root = await makeRepo(running, network);
      try {
        await test(running, root);
        expect(await running.violations()).toEqual([]);
      } finally {
        await running.close();
        await rm(root, { recursive: true, force: true });
      }
    };

    /** The one post the network shows, and the ledger's one `published` entry naming it. */
    const expectOnePost = async (running: RunningRig, root: string, altTexts: string[]) => {
      const posts = await running.posts();
      expect(posts).toHaveLength(1);
      expect(posts[0]!.text).toBe(TEXT);
      expect(posts[0]!.altTexts).toEqual(altTexts);
      const entries = await ledger(root);
      const published = entries.filter((e) => e.state === 'published');
      expect(published).toHaveLength(1);
      expect(entries.at(-1)!.state).toBe('published');
      expect(published[0]!.remoteId).toBe(posts[0]!.id);
      expect(published[0]!.url).toMatch(/^https?:\/\/\S+$/);
    };

    if (rig.textOnly) {
      it('publishes a text post once, and nothing on the next run', scenario(async (running, root) => {
        await writeFile(path.join(root, POST_FILE), postFile(network, false));
        const first = await runPublish(root, running.env);
        expect(first.stdout).toContain(`PUBLISHED ${network}: ${POST_FILE}`);
        expect(first.code).toBe(0);
        const second = await runPublish(root, running.env);
        expect(second.stdout).toContain('nothing is due');
        expect(second.code).toBe(0);
        await expectOnePost(running, root, []);
        expect(await ledgerStates(root)).toEqual(['attempting', 'published']);
      }));
    } else {
      it('holds back a post without media, which the network does not take, and sends nothing', scenario(async (running, root) => {
        await writeFile(path.join(root, POST_FILE), postFile(network, false));
        const run = await runPublish(root, running.env);
        expect(run.stdout).toContain(`BLOCKED  ${network}: ${POST_FILE}`);
        // A due post that cannot go out needs a person: the run fails (exit 1, as for error findings).
        expect(run.code).toBe(1);
        expect(running.calls()).toBe(0);
        expect(await ledgerStates(root)).toEqual([]);
      }));
    }

    it('publishes a post with its image once, and nothing on the next run', scenario(async (running, root) => {
      const first = await runPublish(root, running.env);
      expect(first.stdout).toContain(`PUBLISHED ${network}: ${POST_FILE}`);
      expect(first.code).toBe(0);
      const second = await runPublish(root, running.env);
      expect(second.stdout).toContain('nothing is due');
      expect(second.code).toBe(0);
      await expectOnePost(running, root, [ALT]);
      expect(await ledgerStates(root)).toEqual(['attempting', 'published']);
    }));

    const repeat = rig.repeat;
    if (repeat) {
      it('recognises its post already on the network when the record of it was lost', scenario(async (running, root) => {
        if (!repeat.withImage) await writeFile(path.join(root, POST_FILE), postFile(network, false));
        expect((await runPublish(root, running.env)).code).toBe(0);
        const [original] = await running.posts();
        await rm(path.join(root, '.plan'), { recursive: true });
        const again = await runPublish(root, running.env);
        expect(again.code, again.stdout).toBe(0);
        expect(again.stdout).toContain(`PUBLISHED ${network}: ${POST_FILE}`);
        if (repeat.says) expect(again.stdout).toMatch(repeat.says);
        expect(await ledgerStates(root)).toEqual(['attempting', 'published']);
        await expectOnePost(running, root, repeat.withImage ? [ALT] : []);
        expect((await ledger(root))[1]!.remoteId).toBe(original!.id);
      }));
    }

    it('prints what it would send with --dry-run and sends nothing', scenario(async (running, root) => {
      const run = await runPublish(root, running.env, ['--dry-run']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`WOULD SEND ${network}: ${POST_FILE}`);
      expect(run.stdout).toContain(`│ ${TEXT}`);
      expect(running.calls()).toBe(0);
      expect(await ledgerStates(root)).toEqual([]);
    }));

    it('fails the network with a clear message when its credentials are missing, and publishes once they are back', scenario(async (running, root) => {
      const run = await runPublish(root, {});
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`FAILED   ${network}: ${POST_FILE}`);
      expect(run.stdout).toContain(rig.credential);
      expect(running.calls()).toBe(0);
      // Not the post's fault: nothing final is recorded, and the run with credentials sends it.
      expect((await ledgerStates(root)).filter((s) => s !== 'attempting')).toEqual([]);
      const fixed = await runPublish(root, running.env);
      expect(fixed.code).toBe(0);
      await expectOnePost(running, root, [ALT]);
    }));

    it.each(FAULTS)('ends with exactly one post after %s on the create, across re-runs', (name, fault) =>
      scenario(async (running, root) => {
        const expected = rig.firstRun[name];
        running.inject(fault);
        const first = await runPublish(root, running.env);
        expect({ code: first.code, states: await ledgerStates(root) }, first.stdout).toEqual(expected);
        const states = [...expected.states];
        if (expected.states.at(-1) !== 'published') {
          if (expected.code === 3) expect(first.stdout).toContain(`UNKNOWN  ${network}: ${POST_FILE}`);
          else expect(first.stdout).toContain(`LATER    ${network}: ${POST_FILE}`);
          // The next run looks first: the post the lost answer made is found and recorded; otherwise it is sent now.
          const made = fault.kind === 'drop-after-create';
          const second = await runPublish(root, running.env);
          expect(second.code, second.stdout).toBe(0);
          expect(second.stdout).toContain(`${made ? 'SETTLED ' : 'PUBLISHED'} ${network}: ${POST_FILE}`);
          // Either way the run claims the post first: settling may end in sending it.
          states.push('attempting', 'published');
        }
        const last = await runPublish(root, running.env);
        expect(last.stdout).toContain('nothing is due');
        expect(last.code).toBe(0);
        expect(await ledgerStates(root)).toEqual(collapse(states));
        await expectOnePost(running, root, [ALT]);
      })(),
    );

    it('records a final refusal as failed, exits 1, and does not send it again', scenario(async (running, root) => {
      running.inject({ kind: 'status', status: 400, body: rig.finalErrorBody });
      const first = await runPublish(root, running.env);
      expect(first.stdout).toContain(`FAILED   ${network}: ${POST_FILE}`);
      const calls = running.calls();
      const second = await runPublish(root, running.env);
      expect([first.code, second.code]).toEqual([1, 1]);
      expect(second.stdout).toContain('failed earlier');
      expect(running.calls()).toBe(calls);
      expect(await running.posts()).toEqual([]);
      expect(await ledgerStates(root)).toEqual(['attempting', 'failed']);
    }));

    it('settles a post whose process was killed between the create and the record', scenario(async (running, root) => {
      running.inject({ kind: 'delay', ms: 30_000 });
      const killed = runPublish(root, running.env);
      const deadline = Date.now() + CREATE_WAIT_MS;
      while ((await running.posts()).length === 0 && !killed.exited() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      killed.kill();
      expect((await killed).signal).toBe('SIGKILL');
      expect(await running.posts()).toHaveLength(1);
      const states = await ledgerStates(root);
      expect(states.length).toBeGreaterThan(0);
      expect(states.every((s) => s === 'attempting')).toBe(true);
      const rerun = await runPublish(root, running.env);
      expect(rerun.code, rerun.stdout).toBe(0);
      expect(rerun.stdout).toContain(`SETTLED  ${network}: ${POST_FILE}`);
      await expectOnePost(running, root, [ALT]);
      expect(await ledgerStates(root)).toEqual([...states, 'published']);
    }));

    it('never prints a credential', scenario(async (running, root) => {
      running.inject({ kind: 'status', status: 400, body: { error: { message: `echo: ${Object.values(running.env).join(' ')}` } } });
      const run = await runPublish(root, running.env);
      expect(run.code).toBe(1);
      for (const secret of Object.values(running.env)) {
        expect(run.stdout).not.toContain(secret);
        expect(run.stderr).not.toContain(secret);
      }
      const recorded = await readFile(path.join(root, '.plan/ledger.jsonl'), 'utf8');
      for (const secret of Object.values(running.env)) expect(recorded).not.toContain(secret);
    }));
  });
}
