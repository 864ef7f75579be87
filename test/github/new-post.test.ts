// Authoring without a terminal, end to end: a "New post" issue form submission becomes a pull request
// with a valid post (real git, a bare repository for GitHub's, the strict fake of GitHub's API), the
// issue gets plan's review with PHI hidden, an edit of the issue updates the pull request, and once a
// reviewer who did not ask for the post approves and merges it, plan publish sends it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { NEW_POST_MARKER } from '../../src/formats/review-issue.js';
import { REVIEW_MARKER } from '../../src/formats/review-markdown.js';
import { auditJson, runPlan } from '../helpers/repo.js';
import { git, makeWorld, TOKEN, type World } from './world.js';

const IMAGE = readFileSync(fileURLToPath(new URL('../../media/2026/flu-shot.jpg', import.meta.url)));
// Mon Jan 7, 2030, 9:30 AM in New York: the next posting slot of the Mastodon account is Wed 12:00.
const NOW = '2030-01-07T14:30:00Z';
const ALICE = { login: 'alice', id: 5001 };

/** An issue body as GitHub writes a submitted form: "### Label", a blank line, the answer; CRLF line ends. */
function formBody(answers: Record<string, string | undefined>): string {
  return Object.entries(answers)
    .map(([label, answer]) => `### ${label}\r\n\r\n${answer ?? '_No response_'}`)
    .join('\r\n\r\n');
}

describe('a "New post" issue becomes a pull request', () => {
  let world: World;
  let job: string;
  let eventFile: string;
  const answers = (overrides: Record<string, string | undefined> = {}) => ({
    Title: 'Flu shots are here',
    When: undefined,
    Networks: 'Mastodon',
    Audience: 'Parents of young children',
    Objective: undefined,
    Text: 'Flu shots are here for everyone six months and older.\r\n\r\nWalk in any weekday from 8 to 5. #FluShot',
    Image: `![flu-shot](${world.github.serverUrl}/user-attachments/assets/7d1f3c2a-flu)`,
    'Image description': 'A nurse holding a flu shot',
    ...overrides,
  });
  const event = (number: number, body: string, title = 'New post: Flu shots are here') => {
    writeFileSync(eventFile, JSON.stringify({ action: 'opened', issue: { number, title, body, user: ALICE, html_url: `${world.github.serverUrl}/cedarvalley/posts/issues/${number}`, author_association: 'MEMBER', labels: [{ name: 'new post' }] } }));
    return eventFile;
  };
  const fromIssue = (number: number, body: string, env: Record<string, string | undefined> = world.env) =>
    runPlan(['new', '--from-issue', event(number, body), '--pull-request', '--now', NOW], { cwd: job, env });

  beforeAll(async () => {
    world = await makeWorld({}, { attachments: { '7d1f3c2a-flu': IMAGE } });
    eventFile = path.join(world.root, 'event.json');
  }, 60_000);

  afterAll(async () => {
    expect(world.github.server.violations).toEqual([]);
    expect(world.mastodon.violations).toEqual([]);
    await world.close();
  });

  it('commits a valid post and its image on a branch written by the person who asked, opens the pull request and comments the review on the issue', async () => {
    job = world.clone();
    const run = await fromIssue(7, formBody(answers()));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [pull] = world.github.pulls;
    expect(pull).toMatchObject({ head: 'plan/issue-7', base: 'main', title: 'New post: Flu shots are here', user: { login: 'github-actions[bot]' }, state: 'open' });
    expect(pull!.body).toContain('Closes #7.');
    expect(run.stdout.split('\n').slice(0, 4)).toEqual([
      `Pull request #${pull!.number} opened: ${world.github.serverUrl}/cedarvalley/posts/pull/${pull!.number}`,
      `Comment created on issue #7: ${world.github.serverUrl}/cedarvalley/posts/issues/7#issuecomment-${world.github.comments(7)[0]!.id}`,
      '  publish_at 2030-01-09 12:00: the next posting slot (Wed 12:00, Mastodon) on a day with no post on these networks yet: Wed Jan 9, 12:00 pm',
      '  objective education: no ready post has an objective in the 4 weeks to Sun Jan 13 yet: this is the one with the largest share (100%)',
    ]);

    // What GitHub holds: one commit on main, authored by the person who filed the issue.
    const [subject, author] = git(world.bare, 'log', '-1', '--format=%s%x00%an <%ae>', 'plan/issue-7').trim().split('\0');
    expect(subject).toBe('New post from issue #7: Flu shots are here');
    expect(author).toBe('alice <5001+alice@users.noreply.github.com>');
    expect(git(world.bare, 'rev-list', '--count', 'main..plan/issue-7').trim()).toBe('1');
    expect(git(world.bare, 'show', '--name-only', '--format=', 'plan/issue-7').trim().split('\n')).toEqual(['content/2030/01/flu-shots-are-here.md', 'media/2030/flu-shots-are-here.jpg']);
    const text = git(world.bare, 'show', 'plan/issue-7:content/2030/01/flu-shots-are-here.md');
    const frontmatter = parseYaml(text.split('---\n')[1]!) as Record<string, unknown>;
    expect(frontmatter).toEqual({
      title: 'Flu shots are here',
      publish_at: '2030-01-09 12:00',
      networks: ['mastodon'],
      audience: ['parents'],
      objective: 'education',
      status: 'ready',
      media: [{ file: 'media/2030/flu-shots-are-here.jpg', alt: 'A nurse holding a flu shot' }],
    });
    expect(text).toContain('# From issue #7 by @alice: edit the issue to change it, or this file in the pull request.\n');
    expect(text).toMatch(/---\nFlu shots are here for everyone six months and older\.\n\nWalk in any weekday from 8 to 5\. #FluShot\n$/);
    expect(Number(git(world.bare, 'cat-file', '-s', 'plan/issue-7:media/2030/flu-shots-are-here.jpg'))).toBe(IMAGE.length);

    // A valid post: the branch audits with no error.
    const audit = await auditJson({ root: job } as never, ['content/2030/01/flu-shots-are-here.md', '--now', NOW]);
    expect(audit.counts.error).toBe(0);

    const [comment] = world.github.comments(7);
    expect(comment!.body.startsWith(`${NEW_POST_MARKER}\n### 📝 Your post is in pull request [#${pull!.number}]`)).toBe(true);
    expect(comment!.body).toContain('- **publish_at**: `2030-01-09 12:00`, the next posting slot');
    expect(comment!.body).toContain('Waiting for a review by one of dr-natarajan or a member of @\u2060cedarvalley/compliance');
    expect(comment!.body).toContain('Flu shots are here for everyone six months and older.');
    // The pull request gets the review comment its own workflow would have written.
    expect(world.github.comments(pull!.number)[0]!.body.startsWith(REVIEW_MARKER)).toBe(true);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('updates the same pull request and comment when the issue is edited', async () => {
    job = world.clone();
    const run = await fromIssue(7, formBody(answers({ When: '2030-01-14 09:00', Text: 'Flu shots are here for everyone six months and older. Walk in any weekday from 8 to 6.' })));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Pull request #\d+ updated: /);
    expect(world.github.pulls).toHaveLength(1);
    expect(world.github.comments(7)).toHaveLength(1);
    expect(git(world.bare, 'rev-list', '--count', 'main..plan/issue-7').trim()).toBe('1');
    expect(git(world.bare, 'show', 'plan/issue-7:content/2030/01/flu-shots-are-here.md')).toContain('publish_at: 2030-01-14 09:00\n');
    expect(world.github.comments(7)[0]!.body).toContain('from 8 to 6');
  });

  it('hides in its comments what a PHI finding covers, and exits 1 for the error', async () => {
    job = world.clone();
    const text = 'Thank you for sharing how our nurses helped you after your fall. Call me at 614-555-0142 with questions.';
    const run = await fromIssue(8, formBody(answers({ Title: 'A thank you', Text: text, Image: undefined, 'Image description': undefined })), world.env);
    expect(run.code).toBe(1);
    const number = world.github.pulls.find((p) => p.head === 'plan/issue-8')!.number;
    for (const body of [world.github.comments(8)[0]!.body, world.github.comments(number)[0]!.body]) {
      expect(body).toContain('█');
      expect(body).not.toContain('614-555-0142');
      expect(body).toContain('phi/phone');
    }
  });

  it('comments what to fix, and opens nothing, when the form cannot become a post', async () => {
    job = world.clone();
    const pulls = world.github.pulls.length;
    const run = await fromIssue(9, formBody(answers({ When: 'next tuesday', Networks: 'X, Mastodon' })));
    expect(run.code).toBe(2);
    expect(world.github.pulls).toHaveLength(pulls);
    expect(world.github.comments(9)[0]!.body).toBe(
      `${NEW_POST_MARKER}\n### ✋ plan could not make a post from this issue yet\n\n` +
        '- The "Networks" field: X is not turned on in plans/networks.yaml (turned on: Mastodon)\n\n' +
        'Edit the issue to fix it: plan tries again each time you save.\n',
    );
    expect(run.stderr).toBe('plan: issue #9: the "Networks" field: X is not turned on in plans/networks.yaml (turned on: Mastodon)\n');

    const again = await fromIssue(9, formBody(answers({ When: 'next tuesday' })));
    expect(again.code).toBe(2);
    expect(world.github.comments(9)).toHaveLength(1);
    expect(world.github.comments(9)[0]!.body).toContain('- The "When" field: "next tuesday" is not a date and time: write it as YYYY-MM-DD HH:MM');

    const noForm = await fromIssue(10, 'Can we post about flu shots next week?');
    expect(noForm.code).toBe(2);
    expect(world.github.comments(10)[0]!.body).toContain('- This issue was not written with the "New post" form: open a new issue and choose "New post"');
  });

  it('refuses an image that GitHub did not attach to the issue', async () => {
    job = world.clone();
    const run = await fromIssue(11, formBody(answers({ Image: '![x](https://example.com/tracker.jpg)' })));
    expect(run.code).toBe(2);
    expect(world.github.comments(11)[0]!.body).toContain('- The "Image" field links to example.com instead of holding an image: drag the picture into the field so that GitHub attaches it');
    expect(world.github.server.requests.some((r) => r.path.includes('tracker'))).toBe(false);
  });

  it('publishes the post once a listed reviewer who did not ask for it approves and merges it; not when only its author approved', async () => {
    const pull = world.github.pulls.find((p) => p.head === 'plan/issue-7')!;
    world.github.review(pull.number, 'alice', 'APPROVED');
    world.github.merge(pull.number, 'squash');
    const at = '2030-01-14T14:30:00Z';
    const held = await runPlan(['publish', '--dry-run', '--now', at], { cwd: world.clone(), env: world.env });
    expect(held.stdout).toContain(`BLOCKED  mastodon: content/2030/01/flu-shots-are-here.md: not approved: pull request #${pull.number} was approved only by its author (alice)`);

    // The post and a new picture, through a new pull request that a reviewer approves: the picture's last change needs an approval too.
    const merged = git(world.bare, 'show', 'main:content/2030/01/flu-shots-are-here.md');
    const picture = readFileSync(fileURLToPath(new URL('../../media/2026/handwashing.jpg', import.meta.url)));
    world.commit('approve-flu', { 'content/2030/01/flu-shots-are-here.md': merged.replace('from 8 to 6.', 'from 8 to 6, Saturdays 9 to 1.'), 'media/2030/flu-shots-are-here.jpg': picture }, 'alice');
    const again = world.github.openPullRequest('approve-flu', 'alice', 'Flu post, reviewed');
    world.github.review(again.number, 'dr-natarajan', 'APPROVED');
    world.github.merge(again.number, 'merge');
    const publisher = world.clone();
    const run = await runPlan(['publish', '--now', at], { cwd: publisher, env: world.env });
    expect(run.stdout).toMatch(/^PUBLISHED mastodon: content\/2030\/01\/flu-shots-are-here\.md → /m);
    expect(world.mastodon.posts.at(-1)!.media).toHaveLength(1);
    const published = readFileSync(path.join(publisher, '.plan/ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.state === 'published');
    expect(published).toMatchObject({ approvedBy: 'dr-natarajan', pullRequest: `${world.github.serverUrl}/cedarvalley/posts/pull/${again.number}` });
  });
});
