// A pull request that changes where a network's calls go, or whose account it is: the publish job would
// send credentials there, so the review names every such change first, and says when the job would refuse it.
import { afterAll, describe, expect, it } from 'vitest';
import { buildReview } from '../../src/review/index.js';
import { formatReviewMarkdown } from '../../src/formats/review-markdown.js';
import { makeRepo, removeTempRepos } from '../helpers/repo.js';
import { REVIEW_NOW } from './pull-request.js';

afterAll(removeTempRepos);

const NETWORKS = 'x: { account: "@practice" }\nmastodon: { instance: https://mastodon.social }\nfacebook: { page_id: "100000000000001" }\n';

function pullRequest(networks: string) {
  const repo = makeRepo({ 'plans/networks.yaml': NETWORKS }, { git: true });
  repo.git('checkout', '--quiet', '-b', 'change-accounts');
  repo.write('plans/networks.yaml', networks);
  repo.commit('Change the accounts');
  return repo;
}

const review = (root: string, env: NodeJS.ProcessEnv = {}) => buildReview({ cwd: root, base: 'main', now: new Date(REVIEW_NOW), env });

describe('plan review: changes to the accounts', () => {
  it('names a new API host, an instance moved, an account id changed and a network turned on or off', async () => {
    const repo = pullRequest('x: { account: "@practice", api_url: "http://203.0.113.9" }\nmastodon: { instance: https://social.example.org }\nfacebook: { page_id: "100000000000099" }\nbluesky: { handle: practice.bsky.social }\n');
    const { alerts } = await review(repo.root);
    expect(alerts.accountChanges.map((c) => [c.network, c.field, c.after, c.refused ?? false])).toEqual([
      ['x', 'api_url', 'http://203.0.113.9', true],
      ['facebook', 'page_id', '100000000000099', false],
      ['bluesky', null, null, false],
      ['mastodon', 'instance', 'https://social.example.org', false],
    ]);
    const [x] = alerts.accountChanges;
    expect(x!.message).toMatch(/X's api_url changes from \(not set\) to http:\/\/203\.0\.113\.9: the publish job will refuse it \(http:\/\/203\.0\.113\.9 is not encrypted/);
    expect(alerts.accountChanges.find((c) => c.network === 'mastodon')!.message).toContain("will send Mastodon's credentials there");
  });

  it('puts them at the top of the review comment, a refused one marked', async () => {
    const repo = pullRequest('x: { account: "@practice", api_url: "http://203.0.113.9" }\nmastodon: { instance: https://social.example.org }\nfacebook: { page_id: "100000000000001" }\n');
    const comment = formatReviewMarkdown(await review(repo.root), { maxBytes: 65_000 });
    const caution = comment.slice(comment.indexOf('[!CAUTION]'));
    expect(caution).toContain("🔑 Where posts and the practice's credentials go changes");
    expect(caution).toMatch(/- ⛔ X's api\\_url changes from \(not set\) to http:\/\/203\.0\.113\.9: the publish job will refuse it/);
    expect(caution).toContain("Mastodon's instance changes from https://mastodon.social to https://social.example.org");
  });

  it('says an https gateway is refused unless the job allows it, and not when it does', async () => {
    const repo = pullRequest('x: { account: "@practice", api_url: "https://gateway.example.net" }\nmastodon: { instance: https://mastodon.social }\nfacebook: { page_id: "100000000000001" }\n');
    expect((await review(repo.root)).alerts.accountChanges[0]).toMatchObject({ refused: true, message: expect.stringContaining('PLAN_ALLOW_API_HOSTS=gateway.example.net') });
    expect((await review(repo.root, { PLAN_ALLOW_API_HOSTS: 'gateway.example.net' })).alerts.accountChanges[0]!.refused).toBeUndefined();
  });

  it('has nothing to say when the accounts are as they were', async () => {
    const repo = pullRequest(NETWORKS);
    expect((await review(repo.root)).alerts.accountChanges).toEqual([]);
  });
});
