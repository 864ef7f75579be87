import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo, removeTempRepos } from '../../test/helpers/repo.js';
import { audit } from '../audit/index.js';
import { loadRepository } from '../loading/repository.js';
import { preparePost } from '../networks/prepare.js';
import type { NetworkId } from '../loading/schemas/index.js';
import { countStates, statesOf, type NetworkState } from './states.js';

afterAll(removeTempRepos);

// Thu Dec 10, 2026, 10:00 AM in New York.
const NOW = new Date('2026-12-10T15:00:00Z');

const CONFIG = 'practice:\n  name: Test Family Practice\n  timezone: America/New_York\napproval:\n  required: true\n';
const NETWORKS = 'x: { account: "@testpractice" }\nfacebook: { page_id: "100000000000001" }\ninstagram: { user_id: "17841400000000001" }\n';

let bodies = 0;
function post(fields: Record<string, string>): string {
  const all = { title: 'Handwashing basics', networks: '[x]', objective: 'education', status: 'ready', approved_by: 'Dr. Lee', ...fields };
  const lines = Object.entries(all).filter(([, value]) => value !== '').map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join('\n')}\n---\nWash your hands for twenty seconds, tip ${++bodies}.\n`;
}

const POSTS = {
  'content/published.md': post({ publish_at: '2026-12-01 09:00', networks: '[x, facebook]' }),
  'content/due.md': post({ publish_at: '2026-12-10 08:00' }),
  'content/planned.md': post({ publish_at: '2026-12-20 09:00' }),
  'content/draft.md': post({ publish_at: '2026-12-20 09:00', status: 'draft', approved_by: '' }),
  'content/unapproved.md': post({ publish_at: '2026-12-21 09:00', approved_by: '' }),
  'content/no-image.md': post({ publish_at: '2026-12-22 09:00', networks: '[x, instagram]' }),
  'content/failed.md': post({ publish_at: '2026-12-10 08:00' }),
  'content/edited-after-failure.md': post({ publish_at: '2026-12-10 08:00' }),
  'content/interrupted.md': post({ publish_at: '2026-12-10 08:00' }),
  'content/damaged.md': post({ publish_at: '2026-12-10 08:00' }),
  'content/expires-first.md': post({ publish_at: '2026-12-20 09:00', expires: '2026-12-19 09:00' }),
  'content/renamed.md': post({ publish_at: '2026-12-08 09:00' }),
};

/** A repository holding POSTS and a publish record written against their real fingerprints. */
async function repository() {
  const repo = makeRepo({ 'plan.config.yaml': CONFIG, 'plans/networks.yaml': NETWORKS, ...POSTS });
  const { posts, project } = await loadRepository(repo.root);
  const print = (id: string, network: NetworkId) => preparePost(posts.find((p) => p.id === id)!, network, project).fingerprint;
  const line = (id: string, network: NetworkId, state: string, extra: Record<string, string> = {}) =>
    JSON.stringify({ post: id, network, state, at: '2026-12-10T13:00:05Z', fingerprint: print(id, network), file: `content/${id}.md`, ...extra });
  const record = [
    line('published', 'x', 'published', { at: '2026-12-01T14:00:03Z', url: 'https://x.com/testpractice/status/1' }),
    line('failed', 'x', 'failed', { detail: 'X refused the post: duplicate content' }),
    JSON.stringify({ post: 'edited-after-failure', network: 'x', state: 'failed', at: '2026-12-10T13:00:05Z', fingerprint: 'sha256:an-older-text', file: 'content/edited-after-failure.md', detail: 'refused' }),
    line('interrupted', 'x', 'attempting'),
    '{"post":"damaged","network":"x","state":"publi',
    // The same text published under the id the post had before it was moved.
    JSON.stringify({ post: 'old-name', network: 'x', state: 'published', at: '2026-12-08T14:00:02Z', fingerprint: print('renamed', 'x'), file: 'content/old-name.md', url: 'https://x.com/testpractice/status/2' }),
  ];
  repo.write('.plan/ledger.jsonl', `${record.join('\n')}\n`);
  return audit({ cwd: repo.root, now: NOW });
}

describe('statesOf: where each post stands on each network', async () => {
  const result = await repository();
  // As plan publish reads approvals from GitHub: this one's pull request waits for its reviewer.
  const approvalOf = (post: { file: string }) => (post.file === 'content/unapproved.md' ? { approved: false as const, reason: 'not approved: waiting for a review by dr-lee' } : { approved: true as const });
  const states = (file: string): NetworkState[] => statesOf(result.posts.find((p) => p.file === `content/${file}.md`)!, { ...result, now: NOW, approvalOf });

  it('reads published from the record, with its link, and judges the other network on its own', () => {
    expect(states('published')).toEqual([
      { network: 'x', state: 'published', url: 'https://x.com/testpractice/status/1', publishedAt: '2026-12-01T14:00:03Z' },
      { network: 'facebook', state: 'missed', detail: expect.stringMatching(/^more than 24 hours late/) },
    ]);
  });

  it('tells a post whose time has just come (due) from one still to come (planned) and a draft', () => {
    expect(states('due')).toEqual([{ network: 'x', state: 'due' }]);
    expect(states('planned')).toEqual([{ network: 'x', state: 'planned' }]);
    expect(states('draft')).toEqual([{ network: 'x', state: 'draft' }]);
  });

  it('shows today what will hold a post back when its time comes: a missing approval, an error on one network', () => {
    expect(states('unapproved')).toEqual([{ network: 'x', state: 'held', detail: 'not approved: waiting for a review by dr-lee' }]);
    // approved_by is a note: without an approval read from GitHub, approval is not judged.
    expect(statesOf(result.posts.find((p) => p.file === 'content/unapproved.md')!, { ...result, now: NOW })).toEqual([{ network: 'x', state: 'planned' }]);
    expect(states('no-image')).toEqual([
      { network: 'x', state: 'planned' },
      { network: 'instagram', state: 'held', detail: '1 error finding(s): run "plan audit content/no-image.md"' },
    ]);
  });

  it('says failed only while the text is the one the network refused', () => {
    expect(states('failed')).toEqual([{ network: 'x', state: 'failed', detail: 'X refused the post: duplicate content' }]);
    expect(states('edited-after-failure')).toEqual([{ network: 'x', state: 'due', detail: expect.stringContaining('the text has changed since') }]);
  });

  it('says when an earlier run may have sent it, and holds a post the record cannot speak for', () => {
    expect(states('interrupted')).toEqual([{ network: 'x', state: 'unknown', detail: expect.stringContaining('an earlier run started sending it (2026-12-10T13:00:05Z)') }]);
    expect(states('damaged')).toEqual([{ network: 'x', state: 'held', safety: true, detail: expect.stringContaining('lines plan cannot read') }]);
  });

  it('marks a post that expires before its time, and one published under its old id', () => {
    expect(states('expires-first')).toEqual([{ network: 'x', state: 'expired', detail: 'it expires before its publish time, so it will never be published' }]);
    expect(states('renamed')).toEqual([
      { network: 'x', state: 'published', detail: 'published as "old-name" with the same text', url: 'https://x.com/testpractice/status/2', publishedAt: '2026-12-08T14:00:02Z' },
    ]);
  });

  it('counts posts × networks per state', () => {
    const all = result.posts.flatMap((post) => statesOf(post, { ...result, now: NOW, approvalOf }));
    expect(countStates(all)).toEqual({ published: 2, missed: 1, due: 2, planned: 2, draft: 1, held: 3, failed: 1, unknown: 1, expired: 1 });
  });
});
