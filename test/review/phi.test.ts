// PHI rules report what they matched in `sensitiveText`; a review shows posts' exact text yet must
// never print it. These tests add PHI findings to a real audit, as the PHI rules report
// them, and check every review format.
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/index.js';
import { formatReviewGithub } from '../../src/formats/review-github.js';
import { formatReviewJson } from '../../src/formats/review-json.js';
import { COMMENT_MAX_BYTES, formatReviewMarkdown } from '../../src/formats/review-markdown.js';
import { diffSinceBase, HIDDEN, reviewOf, type Review } from '../../src/review/index.js';
import type { Finding, SuppressedFinding } from '../../src/rules/types.js';
import { makeRepo, removeTempRepos, type TempRepo } from '../helpers/repo.js';
import { REVIEW_NOW } from './pull-request.js';

afterAll(removeTempRepos);

const FILE = 'content/volunteer.md';
const POST = `---
title: Thank you, Jane Doe
publish_at: 2030-01-08 09:00
networks: [x, facebook]
objective: education
variants:
  x: Thank you to Jane Doe, our volunteer of the year!
---
This year our volunteers gave 2,000 hours.

Call her at 614-555-0134 to join the team.
<!-- plan-disable-next-line phi/name -- Jane Doe is our volunteer coordinator and agreed in writing -->
Thanks to **Jane** Doe for leading them.
`;

const phi = (rule: string, line: number, column: number, length: number, sensitiveText?: string): Finding => ({
  rule,
  severity: 'error',
  file: FILE,
  network: null,
  message: 'Name of a person who is not on the staff list',
  line,
  column,
  endLine: line,
  endColumn: column + length,
  ...(sensitiveText ? { sensitiveText } : {}),
});

/** A pull request adding the post; its suppression line written by someone else than the post. */
function pullRequest(): TempRepo {
  const repo = makeRepo({}, { git: true });
  repo.git('checkout', '--quiet', '-b', 'volunteer');
  repo.write(FILE, POST.replace(/<!--.*-->\n/, ''));
  repo.commit('Thank the volunteer');
  repo.write(FILE, POST);
  repo.git('add', '-A');
  repo.git('-c', 'user.name=Dana Reyes', '-c', 'user.email=dana@example.com', 'commit', '--quiet', '-m', 'Compliance: she agreed to be named');
  return repo;
}

async function reviewWithPhi(repo: TempRepo): Promise<Review> {
  const now = new Date(REVIEW_NOW);
  const result = await audit({ cwd: repo.root, now });
  result.findings.push(phi('phi/name', 2, 18, 8, 'Jane Doe'), phi('phi/name', 7, 20, 8, 'Jane Doe'), phi('phi/phone', 11, 13, 12));
  const suppressed: SuppressedFinding = { ...phi('phi/name', 13, 11, 12, '**Jane** Doe'), suppression: { reason: 'Jane Doe is our volunteer coordinator and agreed in writing', line: 12 } };
  result.suppressed.push(suppressed);
  const context = { root: repo.root, audit: result, diff: await diffSinceBase(repo.root, 'main'), now, env: {} };
  return reviewOf(context, 'main');
}

describe('PHI in a review', async () => {
  const repo = pullRequest();
  const review = await reviewWithPhi(repo);
  const outputs = [formatReviewMarkdown(review, { maxBytes: COMMENT_MAX_BYTES }), formatReviewJson(review), formatReviewGithub(review)];

  it('never prints what a PHI finding matched, suppressed or not, in any format', () => {
    for (const output of outputs) {
      expect(output).not.toMatch(/Jane|Doe|614-555-0134/);
    }
  });

  it('hides only what the findings cover, and keeps the counts of the real text', () => {
    const [post] = review.posts;
    expect(post!.title).toBe(`Thank you, ${HIDDEN}`);
    const x = post!.networks.find((n) => n.network === 'x')!;
    expect(x.text).toBe(`Thank you to ${HIDDEN}, our volunteer of the year!`);
    expect(x.count).toBe('Thank you to Jane Doe, our volunteer of the year!'.length);
    const facebook = post!.networks.find((n) => n.network === 'facebook')!;
    // The phone finding keeps no text, and markdown split the name: those lines are hidden whole.
    expect(facebook.text).toBe(`This year our volunteers gave 2,000 hours.\n\n${HIDDEN}\n${HIDDEN}`);
    expect(post!.hiddenSpans).toBeGreaterThan(0);
  });

  it('lists every suppressed PHI finding with who turned it off (git blame) and why', () => {
    expect(review.alerts.suppressedPhi).toEqual([
      expect.objectContaining({
        file: FILE,
        rule: 'phi/name',
        line: 13,
        suppressionLine: 12,
        reason: `${HIDDEN} is our volunteer coordinator and agreed in writing`,
        suppressedBy: { name: 'Dana Reyes', date: '2030-01-01', committed: true },
      }),
    ]);
    const markdown = outputs[0]!;
    expect(markdown).toContain('**🔒 PHI findings turned off in these posts**');
    expect(markdown).toContain("read it in this pull request's **Files changed** tab");
    expect(markdown).toMatch(/turned off by \*\*Dana Reyes\*\* on 2030-01-01 \(line 12\) because: “█████ is our volunteer coordinator and agreed in writing”/);
  });

  it('says when the suppression is not committed yet', async () => {
    repo.write(FILE, POST.replace('agreed in writing', 'agreed in writing on file'));
    const edited = await reviewWithPhi(repo);
    expect(edited.alerts.suppressedPhi[0]!.suppressedBy).toEqual({ name: 'not committed yet', committed: false });
    expect(formatReviewMarkdown(edited, { maxBytes: COMMENT_MAX_BYTES })).toContain('turned off by an uncommitted edit');
  });
});
