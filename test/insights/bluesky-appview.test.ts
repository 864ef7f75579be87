// plan insights --fetch against a real Bluesky AppView (test/bluesky/appview.mjs): posts of the practice's
// account, a reader's likes, reposts, replies and quotes indexed by the AppView into PostgreSQL, and the
// counts app.bsky.feed.getPosts gives through the PDS. Skipped, with the reason, where PostgreSQL or the
// test/bluesky package is not installed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, post, removeTempRepos, runPlan } from '../helpers/repo.js';
// @ts-expect-error: a plain ES module of the separate test/bluesky package, without types
import { appViewUnavailable, startAppView } from '../bluesky/appview.mjs';

const unavailable: string | undefined = appViewUnavailable();

interface AppView {
  service: string;
  handle: string;
  password: string;
  post(text: string): Promise<{ uri: string; cid: string }>;
  react(subject: { uri: string; cid: string }, what: { likes?: number; reposts?: number; replies?: number; quotes?: number }): Promise<void>;
  index(): Promise<void>;
  close(): Promise<void>;
}

describe.skipIf(unavailable !== undefined)(`plan insights --fetch on a real Bluesky AppView${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let appView: AppView;

  beforeAll(async () => {
    appView = (await startAppView()) as AppView;
  }, 120_000);

  afterAll(async () => {
    await appView?.close();
    removeTempRepos();
  });

  it("keeps the AppView's counts of each post: likes as reactions, reposts and quotes as shares, replies as comments", async () => {
    const popular = await appView.post('Flu shots are here: walk in any weekday.');
    const quiet = await appView.post('Wash your hands for twenty seconds.');
    await appView.react(popular, { likes: 1, reposts: 1, replies: 2, quotes: 1 });
    await appView.index();

    const published = (id: string, uri: string) => JSON.stringify({ post: id, network: 'bluesky', state: 'published', at: new Date().toISOString(), fingerprint: 'sha256:0', file: `content/${id}.md`, remoteId: uri });
    const repo = makeRepo(
      {
        'plans/networks.yaml': `bluesky: { handle: ${appView.handle}, service: "${appView.service}" }\n`,
        'content/flu.md': post({ networks: '[bluesky]' }),
        'content/hands.md': post({ networks: '[bluesky]' }),
        '.plan/ledger.jsonl': `${published('flu', popular.uri)}\n${published('hands', quiet.uri)}\n`,
      },
      { git: true },
    );
    const run = await runPlan(['insights', '--fetch', '--format', 'json'], { cwd: repo.root, env: { PLAN_BLUESKY_APP_PASSWORD: appView.password } });
    expect(run.stderr).not.toMatch(/^plan:/m);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(appView.password);
    const snapshots = readFileSync(path.join(repo.root, '.plan/metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { post: string; remoteId: string; metrics: Record<string, number> });
    expect(snapshots.find((s) => s.post === 'flu')).toMatchObject({ remoteId: popular.uri, metrics: { reactions: 1, shares: 2, comments: 2, saves: 0 } });
    expect(snapshots.find((s) => s.post === 'hands')!.metrics).toEqual({ reactions: 0, shares: 0, comments: 0, saves: 0 });
  }, 60_000);
});
