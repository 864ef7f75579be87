// `plan insights --fetch` against a strict fake of each network's metrics read, over real HTTP: the
// snapshots it keeps, a network that fails while the others are read, rate limits, and --commit.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FRAGMENT } from '../../src/http/redact.js';
import { startFakeBluesky, type FakeBluesky } from '../fakes/bluesky.js';
import { startFakeFacebook, type FakeFacebook } from '../fakes/facebook.js';
import { startFakeInstagram, type FakeInstagram } from '../fakes/instagram.js';
import { startFakeLinkedIn, type FakeLinkedIn } from '../fakes/linkedin.js';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon.js';
import { startFakeX, type FakeX } from '../fakes/x.js';
import { makeRepo, post, removeTempRepos, runPlan, type PlanRun, type TempRepo } from '../helpers/repo.js';

const SECRETS = {
  PLAN_X_API_KEY: 'xk-Rt5Wq8Zp',
  PLAN_X_API_SECRET: 'xs-Ny3Kd7Lv',
  PLAN_X_ACCESS_TOKEN: 'xt-Bq2Mh9Jc',
  PLAN_X_ACCESS_SECRET: 'xa-Gf6Tw1Ps',
  PLAN_LINKEDIN_TOKEN: 'AQX-Lk4Vb8Yn',
  PLAN_FACEBOOK_PAGE_TOKEN: 'EAAJt3Hs8Qm',
  PLAN_INSTAGRAM_TOKEN: 'IGQVJm5Rk2Wd',
  PLAN_BLUESKY_APP_PASSWORD: 'k7qd-2mzx-r4tw-y9pb',
  PLAN_MASTODON_TOKEN: 'Mt0-Hv6Nc3Lr',
};
const ORGANIZATION = 'urn:li:organization:5590506';
const HANDLE = 'cedarvalley.bsky.social';
const DAY = 86_400_000;

let x: FakeX;
let linkedin: FakeLinkedIn;
let facebook: FakeFacebook;
let instagram: FakeInstagram;
let bluesky: FakeBluesky;
let mastodon: FakeMastodon;
let repo: TempRepo;
/** What each network's publication of the posts is, as the record names it. */
let ids: Record<string, string>;

beforeAll(async () => {
  x = await startFakeX({ apiKey: SECRETS.PLAN_X_API_KEY, apiSecret: SECRETS.PLAN_X_API_SECRET, accessToken: SECRETS.PLAN_X_ACCESS_TOKEN, accessSecret: SECRETS.PLAN_X_ACCESS_SECRET });
  linkedin = await startFakeLinkedIn({ token: SECRETS.PLAN_LINKEDIN_TOKEN, organization: ORGANIZATION });
  facebook = await startFakeFacebook({ pageToken: SECRETS.PLAN_FACEBOOK_PAGE_TOKEN });
  instagram = await startFakeInstagram({ token: SECRETS.PLAN_INSTAGRAM_TOKEN });
  bluesky = await startFakeBluesky({ handle: HANDLE, password: SECRETS.PLAN_BLUESKY_APP_PASSWORD });
  mastodon = await startFakeMastodon({ token: SECRETS.PLAN_MASTODON_TOKEN });
  ids = seedPublications();
});

afterAll(async () => {
  await Promise.all([x, linkedin, facebook, instagram, bluesky, mastodon].map((fake) => fake.close()));
});

beforeEach(() => {
  repo = makeRepo(repoFiles(), { git: true });
});

afterEach(() => {
  for (const fake of [x, linkedin, facebook, instagram, bluesky, mastodon]) expect(fake.violations).toEqual([]);
  removeTempRepos();
});

/** Posts on every network with figures, as if plan had published them: a week ago, and (on X) 40 days ago. */
function seedPublications(): Record<string, string> {
  const weekAgo = new Date(Date.now() - 7 * DAY);
  const tweet = x.seedPost('Wash your hands.', { createdAt: weekAgo.toISOString() });
  x.setMetrics(tweet.id, { public_metrics: { impression_count: 900, like_count: 30, reply_count: 4, retweet_count: 6, quote_count: 1, bookmark_count: 2 }, non_public_metrics: { url_link_clicks: 12, engagements: 61 } });
  const oldTweet = x.seedPost('Flu shots are here.', { createdAt: new Date(Date.now() - 40 * DAY).toISOString() });
  x.setMetrics(oldTweet.id, { public_metrics: { impression_count: 400, like_count: 9, reply_count: 0, retweet_count: 1, quote_count: 0, bookmark_count: 0 } });
  const share = linkedin.seedPost({ commentary: 'Wash your hands.' });
  linkedin.setStatistics(share.id, { impressionCount: 500, uniqueImpressionsCount: 420, clickCount: 15, likeCount: 20, commentCount: 3, shareCount: 2 });
  const page = facebook.seedPost({ message: 'Wash your hands.', createdTime: weekAgo });
  facebook.setMetrics(page.id, { insights: { post_media_view: 1200, post_total_media_view_unique: 950, post_clicks: 18 }, reactions: 40, comments: 5 });
  const media = instagram.seedMedia({ caption: 'Wash your hands.', timestamp: weekAgo });
  instagram.setMetrics(media.id, { views: 800, reach: 640, likes: 52, comments: 6, shares: 3, saved: 9, total_interactions: 70 });
  const story = instagram.seedMedia({ caption: 'Flu shots today.', timestamp: weekAgo, mediaProductType: 'STORY' });
  instagram.setMetrics(story.id, { views: 300, reach: 280, total_interactions: 4 });
  const skeet = `at://${bluesky.did}/app.bsky.feed.post/3kabcdefghij2`;
  bluesky.setCounts(skeet, { likeCount: 11, repostCount: 2, quoteCount: 1, replyCount: 3, bookmarkCount: 1 });
  const toot = mastodon.seedPost('Wash your hands.');
  mastodon.setCounts(toot.id, { favourites_count: 14, reblogs_count: 5, replies_count: 2 });
  return { x: tweet.id, xOld: oldTweet.id, linkedin: share.id, facebook: page.id, instagram: media.id, story: story.id, bluesky: skeet, mastodon: toot.id };
}

function repoFiles(): Record<string, string> {
  const weekAgo = new Date(Date.now() - 7 * DAY).toISOString();
  const fortyDaysAgo = new Date(Date.now() - 40 * DAY).toISOString();
  const networks = [
    `x: { account: "@cedarvalley", api_url: "${x.url}" }`,
    `linkedin: { organization: "${ORGANIZATION}", api_url: "${linkedin.url}" }`,
    `facebook: { page_id: "${facebook.pageId}", api_url: "${facebook.url}" }`,
    `instagram: { user_id: "${instagram.userId}", api_url: "${instagram.url}" }`,
    `bluesky: { handle: ${HANDLE}, service: "${bluesky.url}" }`,
    `mastodon: { instance: "${mastodon.url}" }`,
  ].join('\n');
  const published = (postId: string, network: string, remoteId: string, at = weekAgo) =>
    JSON.stringify({ post: postId, network, state: 'published', at, fingerprint: 'sha256:0', file: `content/${postId}.md`, remoteId, url: `https://example.invalid/${network}/${remoteId}` });
  const ledger = [
    published('hands', 'x', ids.x!),
    published('hands', 'linkedin', ids.linkedin!),
    published('hands', 'facebook', ids.facebook!),
    published('hands', 'instagram', ids.instagram!),
    published('hands', 'bluesky', ids.bluesky!),
    published('hands', 'mastodon', ids.mastodon!),
    published('flu', 'x', ids.xOld!, fortyDaysAgo),
    published('flu', 'instagram', ids.story!),
  ];
  return {
    'plans/networks.yaml': `${networks}\n`,
    'content/hands.md': post({ networks: '[x, linkedin, facebook, instagram, bluesky, mastodon]', audience: '[parents]', objective: 'education', publish_at: weekAgo.slice(0, 16).replace('T', ' ') }),
    'content/flu.md': post({ networks: '[x, instagram]', audience: '[seniors]', objective: 'new-patients', publish_at: fortyDaysAgo.slice(0, 16).replace('T', ' ') }),
    '.plan/ledger.jsonl': `${ledger.join('\n')}\n`,
  };
}

interface Snapshot {
  post: string;
  network: string;
  remoteId: string;
  at: string;
  metrics: Record<string, number>;
}

function snapshotsIn(text: string): Snapshot[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Snapshot);
}

function fetch(env: Record<string, string | undefined> = {}, args: string[] = []): Promise<PlanRun> {
  return runPlan(['insights', '--fetch', '--format', 'json', ...args], { cwd: repo.root, env: { ...SECRETS, PLAN_RETRY_DELAY_MS: '10', ...env } });
}

function expectNoSecret(run: PlanRun): void {
  for (const secret of Object.values(SECRETS)) {
    for (let at = 0; at + FRAGMENT <= secret.length; at++) expect(run.stdout + run.stderr).not.toContain(secret.slice(at, at + FRAGMENT));
  }
}

describe('plan insights --fetch', () => {
  it("reads each network's documented figures and keeps one snapshot per publication; what a network does not give is absent", async () => {
    const run = await fetch();
    expect(run.stderr).not.toMatch(/^plan:/m);
    expect(run.code).toBe(0);
    const byNetwork = Object.fromEntries(snapshotsIn(readFileSync(path.join(repo.root, '.plan/metrics.jsonl'), 'utf8')).map((s) => [`${s.post}/${s.network}`, s]));
    expect(byNetwork['hands/x']!.metrics).toEqual({ impressions: 900, reactions: 30, comments: 4, shares: 7, saves: 2, clicks: 12, engagements: 61 });
    // Older than 30 days: X gives public figures only, and plan does not ask for the others.
    expect(byNetwork['flu/x']!.metrics).toEqual({ impressions: 400, reactions: 9, comments: 0, shares: 1, saves: 0 });
    expect(byNetwork['hands/linkedin']!.metrics).toEqual({ impressions: 500, reach: 420, clicks: 15, reactions: 20, comments: 3, shares: 2, engagements: 40 });
    expect(byNetwork['hands/facebook']!.metrics).toEqual({ impressions: 1200, reach: 950, clicks: 18, reactions: 40, comments: 5, shares: 0 });
    expect(byNetwork['hands/instagram']!.metrics).toEqual({ impressions: 800, reach: 640, reactions: 52, comments: 6, shares: 3, saves: 9, engagements: 70 });
    // A story supports neither likes nor comments, saves or shares: each refused metric is left out and the call made again.
    expect(byNetwork['flu/instagram']!.metrics).toEqual({ impressions: 300, reach: 280, engagements: 4 });
    expect(byNetwork['hands/bluesky']!.metrics).toEqual({ reactions: 11, shares: 3, comments: 3, saves: 1 });
    expect(byNetwork['hands/mastodon']!.metrics).toEqual({ reactions: 14, shares: 5, comments: 2 });
    expect(byNetwork['hands/x']!.remoteId).toBe(ids.x);
    expectNoSecret(run);

    const report = JSON.parse(run.stdout) as { objectives: { objective: string; publications: number; measured: number; metrics: Record<string, number> }[] };
    const education = report.objectives.find((o) => o.objective === 'education')!;
    expect(education).toMatchObject({ publications: 6, measured: 6 });
    expect(education.metrics.impressions).toBe(900 + 500 + 1200 + 800);
  });

  it('asks X for non_public_metrics only of posts at most 30 days old, and LinkedIn with Rest.li lists of encoded URNs', async () => {
    await fetch();
    const lookups = x.requests.filter((r) => r.path === '/2/tweets' && r.method === 'GET').map((r) => [r.query.get('ids'), r.query.get('tweet.fields')]);
    expect(lookups).toContainEqual([ids.x, 'public_metrics,non_public_metrics']);
    expect(lookups).toContainEqual([ids.xOld, 'public_metrics']);
    const statistics = linkedin.requests.find((r) => r.path === '/rest/organizationalEntityShareStatistics')!;
    expect(statistics.headers['linkedin-version']).toMatch(/^\d{6}$/);
    expect(statistics.query.get('shares')).toBe(`List(${ids.linkedin})`);
  });

  it('keeps reading the other networks when one refuses its token, says which, and exits 1', async () => {
    const run = await fetch({ PLAN_LINKEDIN_TOKEN: 'wrong-token-value' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^plan: LinkedIn: figures not read: LinkedIn rejected PLAN_LINKEDIN_TOKEN/m);
    const networks = snapshotsIn(readFileSync(path.join(repo.root, '.plan/metrics.jsonl'), 'utf8')).map((s) => s.network);
    expect(new Set(networks)).toEqual(new Set(['x', 'facebook', 'instagram', 'bluesky', 'mastodon']));
    linkedin.violations.splice(0);
  });

  it('names the missing variable of a network without credentials, and reads the rest', async () => {
    const run = await fetch({ PLAN_MASTODON_TOKEN: undefined });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('plan: Mastodon: figures not read: PLAN_MASTODON_TOKEN is not set');
    expect(snapshotsIn(readFileSync(path.join(repo.root, '.plan/metrics.jsonl'), 'utf8'))).toHaveLength(7);
  });

  it('waits out a 429 for as long as its rate-limit headers say, then reads', async () => {
    x.inject('GET /2/tweets', { kind: 'rate-limit', resetSeconds: 1 });
    const started = Date.now();
    const run = await fetch({ PLAN_MAX_WAIT_MS: '10000' });
    expect(run.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThan(900);
    expect(snapshotsIn(readFileSync(path.join(repo.root, '.plan/metrics.jsonl'), 'utf8')).filter((s) => s.network === 'x')).toHaveLength(2);
  });

  it('stops a network whose spent limit resets later than PLAN_MAX_WAIT_MS allows, keeping what it read', async () => {
    mastodon.limitReads(1);
    const second = mastodon.seedPost('Cover your cough.');
    mastodon.setCounts(second.id, { favourites_count: 3 });
    repo.write('.plan/ledger.jsonl', `${readFileSync(path.join(repo.root, '.plan/ledger.jsonl'), 'utf8')}${JSON.stringify({ post: 'flu', network: 'mastodon', state: 'published', at: new Date().toISOString(), fingerprint: 'sha256:1', file: 'content/flu.md', remoteId: second.id })}\n`);
    try {
      const run = await fetch({ PLAN_MAX_WAIT_MS: '1000' });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/plan: Mastodon: the rate limit is spent until .*: reading the figures of status \d+ was left for the next run/);
      expect(snapshotsIn(readFileSync(path.join(repo.root, '.plan/metrics.jsonl'), 'utf8')).filter((s) => s.network === 'mastodon')).toHaveLength(1);
    } finally {
      mastodon.limitReads(300);
    }
  });

  it('with --commit keeps the figures on the record branch of the remote, where plan insights reads them', async () => {
    const remote = mkdtempSync(path.join(tmpdir(), 'plan-remote-'));
    execFileSync('git', ['init', '--quiet', '--bare', remote]);
    repo.git('remote', 'add', 'origin', remote);
    const run = await fetch({}, ['--commit']);
    expect(run.code).toBe(0);
    expect(existsSync(path.join(repo.root, '.plan/metrics.jsonl'))).toBe(false);
    const onBranch = execFileSync('git', ['--git-dir', remote, 'show', 'plan-record:.plan/metrics.jsonl'], { encoding: 'utf8' });
    expect(snapshotsIn(onBranch)).toHaveLength(8);

    const fresh = await runPlan(['insights', '--format', 'json', '--from', '2000-01-01'], { cwd: repo.root });
    const report = JSON.parse(fresh.stdout) as { posts: { post: string; publications: { measuredAt?: string }[] }[] };
    expect(report.posts.flatMap((p) => p.publications).every((p) => p.measuredAt !== undefined)).toBe(true);
  });
});
