import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attempt, type AttemptSettings } from './attempt.js';
import { type PublishedPost, type Publisher } from './types.js';
import { CallError } from '../http/errors.js';
import { fingerprint, readRecord, type RecordEntry } from '../loading/record.js';
import { workingTreeHome } from './record.js';
import { type PreparedPost } from '../networks/prepare.js';

let root: string;
let logs: string[];
let settings: AttemptSettings;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'plan-attempt-'));
  logs = [];
  settings = {
    home: workingTreeHome(root),
    run: 'run-test',
    deadline: Date.now() + 60_000,
    maxTries: 3,
    retryDelayMs: 0,
    maxWaitMs: 1000,
    clock: () => new Date('2026-12-01T14:00:00Z'),
    sleep: async () => {},
    log: (line) => logs.push(line),
    redact: (text) => text.split('s3cret-token').join('[redacted]'),
  };
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const post: PreparedPost = {
  postId: '2026/12/flu',
  network: 'x',
  file: 'content/2026/12/flu.md',
  text: 'Flu shots are here',
  media: [],
  fingerprint: fingerprint('Flu shots are here'),
  idempotencyKey: 'key',
};

/** A publisher that answers each publish call with the next scripted result. */
function scripted(results: (PublishedPost | CallError)[], existing?: PublishedPost | Error): Publisher & { calls: number } {
  return {
    network: 'x',
    calls: 0,
    async publish() {
      const next = results[this.calls++];
      if (!next) throw new Error('publish called more often than scripted');
      if (next instanceof CallError) throw next;
      return next;
    },
    async findExisting() {
      if (existing instanceof Error) throw existing;
      return existing;
    },
  };
}

const states = async () => (await readRecord(root)).entries.map((e) => e.state);
const published = { remoteId: '1', url: 'https://x.com/i/web/status/1' };

describe('one attempt of a post on a network', () => {
  it('records published after the create, with the run that sent it', async () => {
    const publisher = scripted([published]);
    expect(await attempt(publisher, post, undefined, settings)).toEqual({ state: 'published', url: published.url, settled: false });
    expect((await readRecord(root)).entries).toEqual([expect.objectContaining({ state: 'published', run: 'run-test', remoteId: '1' })]);
  });

  it("makes no create call once the run's time is up", async () => {
    const publisher = scripted([published]);
    const late = { ...settings, deadline: Date.now() - 1 };
    expect(await attempt(publisher, post, undefined, late)).toEqual({ state: 'postponed', detail: "this run's time is up before it could send it" });
    expect(publisher.calls).toBe(0);
  });

  it('waits out no rate limit longer than the time the run has left', async () => {
    const publisher = scripted([new CallError('rate-limited', 'slow down', 900)]);
    const nearlyDone = { ...settings, deadline: Date.now() + 500 };
    expect((await attempt(publisher, post, undefined, nearlyDone)).state).toBe('postponed');
    expect(publisher.calls).toBe(1);
  });

  it('reports a refused token while settling as the thing to fix, not as an unknown outcome', async () => {
    const previous: RecordEntry = { post: post.postId, network: 'x', state: 'attempting', at: '2026-12-01T13:00:00Z', fingerprint: post.fingerprint, file: post.file };
    const publisher = scripted([published], new CallError('credentials', 'X rejected the token in PLAN_X_ACCESS_TOKEN'));
    expect(await attempt(publisher, post, previous, settings)).toEqual({ state: 'failed', detail: 'X rejected the token in PLAN_X_ACCESS_TOKEN' });
    expect(publisher.calls).toBe(0);
  });

  it('retries what is safe to retry, then publishes once', async () => {
    const publisher = scripted([new CallError('retryable', 'connection refused'), new CallError('rate-limited', 'slow down', 10), published]);
    expect((await attempt(publisher, post, undefined, settings)).state).toBe('published');
    expect(publisher.calls).toBe(3);
    expect(await states()).toEqual(['published']);
  });

  it('never retries a create that may have succeeded: it is recorded unknown', async () => {
    const publisher = scripted([new CallError('ambiguous', 'no answer after sending')]);
    expect((await attempt(publisher, post, undefined, settings)).state).toBe('unknown');
    expect(publisher.calls).toBe(1);
    expect(await states()).toEqual(['unknown']);
  });

  it('settles an earlier unknown outcome from the account before sending anything', async () => {
    const previous: RecordEntry = { post: post.postId, network: 'x', state: 'unknown', at: '2026-12-01T13:00:00Z', fingerprint: post.fingerprint, file: post.file };
    const publisher = scripted([], published);
    expect(await attempt(publisher, post, previous, settings)).toEqual({ state: 'published', url: published.url, settled: true });
    expect(publisher.calls).toBe(0);
  });

  it('publishes when the account shows the earlier attempt never arrived', async () => {
    const previous: RecordEntry = { post: post.postId, network: 'x', state: 'attempting', at: '2026-12-01T13:00:00Z', fingerprint: post.fingerprint, file: post.file };
    const publisher = scripted([published], undefined);
    expect((await attempt(publisher, post, previous, settings)).state).toBe('published');
    expect(publisher.calls).toBe(1);
  });

  it('stays unknown, sending nothing, when the account cannot be checked', async () => {
    const previous: RecordEntry = { post: post.postId, network: 'x', state: 'unknown', at: '2026-12-01T13:00:00Z', fingerprint: post.fingerprint, file: post.file };
    const publisher = scripted([published], new Error('lookup failed'));
    expect((await attempt(publisher, post, previous, settings)).state).toBe('unknown');
    expect(publisher.calls).toBe(0);
  });

  it('records a final refusal as failed, with the credential removed from the reason', async () => {
    const publisher = scripted([new CallError('final', 'HTTP 400: bad request for token s3cret-token')]);
    const outcome = await attempt(publisher, post, undefined, settings);
    expect(outcome).toEqual({ state: 'failed', detail: 'HTTP 400: bad request for token [redacted]' });
    const ledger = await readRecord(root);
    expect(JSON.stringify(ledger)).not.toContain('s3cret-token');
  });

  it('leaves a post for the next run when the rate-limit wait is longer than a run should sit out', async () => {
    const publisher = scripted([new CallError('rate-limited', 'daily cap reached', 6 * 3_600_000)]);
    expect((await attempt(publisher, post, undefined, settings)).state).toBe('postponed');
    expect(await states()).toEqual([]);
  });

  it('records a checkpoint the publisher makes before its last step', async () => {
    const publisher: Publisher = {
      network: 'instagram',
      async publish(_post, hooks) {
        await hooks.checkpoint({ containerId: 'c-1' });
        throw new CallError('ambiguous', 'media_publish got no answer');
      },
      async findExisting() {
        return undefined;
      },
    };
    await attempt(publisher, { ...post, network: 'instagram' }, undefined, settings);
    const ledger = await readRecord(root);
    expect(ledger.entries.map((e) => `${e.state} ${e.checkpoint?.containerId ?? '-'}`)).toEqual(['attempting c-1', 'unknown c-1']);
  });
});
