// A content repository with a base branch and a pull-request branch that touches posts in every way
// a review distinguishes: added, changed, renamed (with and without a new id), deleted, an image
// swapped under an unchanged post, and a change to the plans.
import { composeText } from '../../src/networks/index.js';
import { makeRepo, type TempRepo } from '../helpers/repo.js';
import { fingerprint } from '../../src/loading/record.js';

/** Noon in the practice's time zone (America/New_York) on the day the pull request is reviewed. */
export const REVIEW_NOW = '2029-12-01T17:00:00Z';

export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);

const CONFIG = `practice:
  name: Test Family Practice
  timezone: America/New_York
  websites: ["https://testpractice.example"]
approval:
  required: true
  reviewers: [dr-natarajan]
`;

const NETWORKS = (xPerWeek: number) => `x: { account: "@testpractice", cadence: { min_per_week: ${xPerWeek} } }
facebook: { page_id: "100000000000001", cadence: { min_per_week: 1 } }
instagram: { user_id: "17841400000000001" }
`;

function post(fields: Record<string, string>, body: string): string {
  const lines = Object.entries({ objective: 'education', status: 'ready', approved_by: 'Medical Director', ...fields }).map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

const CHANGED = (at: string, hours: string) =>
  post({ title: 'Flu shots for the whole family', publish_at: at, networks: '[x, facebook]' }, `Flu shots are here for everyone six months and older.\n\nWalk in any weekday from ${hours}.\n`);
const KEEP_ID = post({ title: 'Wash your hands', publish_at: '2030-01-10 09:00', networks: '[x]', id: 'wash-hands-2030' }, 'Wash your hands for twenty seconds with soap.\n');
const STRETCH_BODY = 'Stretch once an hour when you work at a desk.\n';
const STRETCH = post({ title: 'Stretch at work', publish_at: '2029-11-20 09:00', networks: '[x]' }, STRETCH_BODY);
const DELETED_PUBLISHED = post({ title: 'Clinic closed for the holiday', publish_at: '2029-11-25 10:00', networks: '[facebook]' }, 'Our clinic is closed on Thursday for the holiday.\n');
const DELETED_DRAFT = post({ title: 'Sleep tips', publish_at: '2030-01-15 10:00', networks: '[x]', status: 'draft' }, 'Adults need seven or more hours of sleep.\n');
const USES_IMAGE = post(
  { title: 'Meet our new front desk', publish_at: '2030-01-14 10:00', networks: '[facebook]', media: '\n  - file: media/desk.jpg\n    alt: A bright front desk with a plant' },
  'Our front desk has a new look. Come say hello.\n',
);

const WALK_IN_TODAY = post(
  { title: 'Walk-in flu shots today', publish_at: '2029-12-01 09:00', networks: '[x, facebook, instagram]', link: 'https://testpractice.example/flu' },
  'No appointment needed: walk in for a flu shot today until 5 pm.\n\n#FluShot\n',
);
const LATE = post({ title: 'Giving thanks', publish_at: '2029-11-28 09:00', networks: '[facebook]' }, 'We are thankful for our community this season.\n');
const DRAFT_IDEA = post(
  { title: 'Winter walking tips', publish_at: '2030-01-20 10:00', networks: '[instagram]', status: 'draft', media: '\n  - file: media/walk.jpg\n    alt: Two people walking on a snowy path' },
  'Walking in winter keeps you strong.\n\nWear shoes with good grip.\nWalk with a friend.\nStay on cleared paths.\n\n#WinterWalking\n',
);

/** Published entries for the renamed post (under its old id) and for a post the pull request deletes. */
function ledger(): string {
  const stretch = fingerprint(composeText({ body: STRETCH_BODY, variants: {} }, 'x'));
  const entries = [
    { post: 'old-name', network: 'x', state: 'published', at: '2029-11-20T14:00:05Z', fingerprint: stretch, file: 'content/old-name.md', remoteId: '1860000000000000001', url: 'https://x.com/testpractice/status/1860000000000000001' },
    { post: 'deleted-published', network: 'facebook', state: 'published', at: '2029-11-25T15:00:04Z', fingerprint: 'sha256:0', file: 'content/deleted-published.md', remoteId: '100000000000001_7', url: 'https://www.facebook.com/100000000000001_7' },
  ];
  return entries.map((e) => `${JSON.stringify(e)}\n`).join('');
}

/** The repository on the pull-request branch `update-posts`, with `main` as its base. */
export function makePullRequest(): TempRepo {
  const repo = makeRepo(
    {
      'plans/networks.yaml': NETWORKS(2),
      'content/changed.md': CHANGED('2030-01-08 09:00', '8 to 5'),
      'content/keep-id.md': KEEP_ID,
      'content/old-name.md': STRETCH,
      'content/deleted-published.md': DELETED_PUBLISHED,
      'content/deleted-draft.md': DELETED_DRAFT,
      'content/uses-image.md': USES_IMAGE,
      'media/desk.jpg': JPEG,
      'media/walk.jpg': JPEG,
      '.plan/ledger.jsonl': ledger(),
    },
    { config: CONFIG, git: true },
  );
  repo.git('checkout', '--quiet', '-b', 'update-posts');
  repo.write('content/changed.md', CHANGED('2030-01-09 12:00', '8 to 6'));
  move(repo, 'content/keep-id.md', 'content/2030/keep-id.md', KEEP_ID);
  move(repo, 'content/old-name.md', 'content/2030/stretch.md', STRETCH);
  repo.remove('content/deleted-published.md');
  repo.remove('content/deleted-draft.md');
  repo.write('content/2029/walk-in-today.md', WALK_IN_TODAY);
  repo.write('content/2029/late.md', LATE);
  repo.write('content/2030/draft-idea.md', DRAFT_IDEA);
  repo.write('media/desk.jpg', Buffer.concat([JPEG, Buffer.from([0, 1, 2, 3])]));
  repo.write('plans/networks.yaml', NETWORKS(3));
  repo.commit('Update posts');
  return repo;
}

function move(repo: TempRepo, from: string, to: string, text: string): void {
  repo.remove(from);
  repo.write(to, text);
}
