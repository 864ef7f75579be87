import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatReviewGithub } from '../../src/formats/review-github.js';
import { COMMENT_MAX_BYTES, formatReviewMarkdown, REVIEW_MARKER } from '../../src/formats/review-markdown.js';
import type { Review, ReviewedPost, ReviewFinding } from '../../src/review/index.js';

/** The golden review, as a starting point for reviews of any shape. */
const GOLDEN: Review = JSON.parse(readFileSync(new URL('./golden/review.json', import.meta.url), 'utf8')) as Review;
const clone = (): Review => structuredClone(GOLDEN);
const changedPost = (review: Review) => review.posts.find((p) => p.file === 'content/changed.md')!;

const details = (markdown: string) => [markdown.match(/<details>/g)?.length ?? 0, markdown.match(/<\/details>/g)?.length ?? 0];

describe('review markdown: size', () => {
  function hugeReview(): Review {
    const review = clone();
    const template = changedPost(review);
    const long = 'Flu shots are here for everyone six months and older. '.repeat(40);
    review.posts = Array.from({ length: 200 }, (_, i): ReviewedPost => ({
      ...structuredClone(template),
      file: `content/bulk/post-${i}.md`,
      title: `Bulk post ${i}`,
      networks: template.networks.map((n) => ({ ...n, text: long })),
    }));
    return review;
  }

  it('stays under the byte cap and says where the rest is', () => {
    const markdown = formatReviewMarkdown(hugeReview(), { maxBytes: COMMENT_MAX_BYTES, fullReviewUrl: 'https://github.com/o/r/actions/runs/1' });
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(COMMENT_MAX_BYTES);
    expect(markdown.startsWith(REVIEW_MARKER)).toBe(true);
    expect(markdown).toMatch(/✂️ \d+ more posts did not fit in this comment\. The whole review is in \[the job summary\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/1\) of this check, or run `plan review --base main`/);
    expect(markdown).toContain('**🚨 Publishes the moment this pull request merges**');
    expect(markdown).toMatch(/<sub>Compared with `main`/);
    const [open, close] = details(markdown);
    expect(open).toBe(close);
  });

  it('measures bytes, not characters', () => {
    const review = hugeReview();
    for (const post of review.posts) for (const network of post.networks) network.text = '💉'.repeat(2000);
    expect(Buffer.byteLength(formatReviewMarkdown(review, { maxBytes: COMMENT_MAX_BYTES }))).toBeLessThanOrEqual(COMMENT_MAX_BYTES);
  });

  it('folds each post when there are many, and leaves a few open', () => {
    const few = clone();
    few.posts = few.posts.slice(0, 2);
    expect(formatReviewMarkdown(few, { maxBytes: COMMENT_MAX_BYTES })).not.toContain('<summary>Details');
    expect(formatReviewMarkdown(clone(), { maxBytes: COMMENT_MAX_BYTES })).toContain('<summary>Details · findings:');
  });
});

describe('review markdown: text is shown as written', () => {
  it('keeps markdown and HTML in titles and messages inert', () => {
    const review = clone();
    const post = changedPost(review);
    post.title = 'Free <b>flu</b> shots | **today**';
    post.findings.push({ ...finding(), message: 'a | b <img src=x>' });
    const markdown = formatReviewMarkdown(review, { maxBytes: COMMENT_MAX_BYTES });
    expect(markdown).toContain('Free \\<b\\>flu\\</b\\> shots \\| \\*\\*today\\*\\*');
    expect(markdown).toContain('a \\| b \\<img src=x\\>');
  });

  it('fences a text holding backticks with a longer fence', () => {
    const review = clone();
    changedPost(review).networks[0]!.text = 'Use ``` to quote code';
    expect(formatReviewMarkdown(review, { maxBytes: COMMENT_MAX_BYTES })).toContain('````text\nUse ``` to quote code\n````');
  });
});

describe('review github annotations', () => {
  it('annotates only the lines the pull request changed', () => {
    const review = clone();
    const post = changedPost(review);
    post.findings = [finding({ line: 3, onChangedLine: true, message: 'on a changed line' }), finding({ line: 9, onChangedLine: false, message: 'on an old line' })];
    const output = formatReviewGithub({ ...review, posts: [post], planFindings: [] });
    expect(output).toBe(
      '::warning file=content/changed.md,line=3,col=1,endLine=3,endColumn=5,title=plan/slots::on a changed line' +
        '%0A%0AAbout plan/slots: https://github.com/practice-plan/plan/blob/main/docs/rules/plan/slots.md\n' +
        '1 finding on lines this pull request changed, 1 elsewhere in the posts it touches (see the review comment).\n',
    );
  });

  it('caps each kind at GitHub\'s limit and says how many were left out', () => {
    const review = clone();
    const post = changedPost(review);
    post.findings = Array.from({ length: 12 }, (_, i) => finding({ line: i + 1, severity: 'error' }));
    const output = formatReviewGithub({ ...review, posts: [post], planFindings: [] });
    expect(output.match(/^::error /gm)).toHaveLength(10);
    expect(output).toContain('2 more findings not annotated');
  });
});

function finding(fields: Partial<ReviewFinding> = {}): ReviewFinding {
  return { rule: 'plan/slots', severity: 'warning', file: 'content/changed.md', line: 3, column: 1, endLine: 3, endColumn: 5, network: null, message: 'm', onChangedLine: true, ...fields };
}
