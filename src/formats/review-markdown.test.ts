import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Review, ReviewWeek } from '../review/index.js';
import { COMMENT_MAX_BYTES, formatReviewMarkdown, unmention } from './review-markdown.js';

const GOLDEN = JSON.parse(readFileSync(new URL('../../test/review/golden/review.json', import.meta.url), 'utf8')) as Review;
const markdownOf = (review: Review) => formatReviewMarkdown(review, { maxBytes: COMMENT_MAX_BYTES });
const mermaidBlocks = (markdown: string) => [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** The markdown GitHub reads for mentions: fenced blocks and code spans left out (it never links names there). */
function outsideCode(markdown: string): string {
  return markdown.replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/g, '').replace(/(`+)[^`]*?\1/g, '');
}

describe('review markdown: the cadence chart', () => {
  it('charts each week the pull request touches: posts per network against the weekly target, figures in the labels', () => {
    const [chart, ...others] = mermaidBlocks(markdownOf(GOLDEN));
    expect(others).toEqual([]);
    const lines = chart!.split('\n');
    expect(lines[0]).toMatch(/^%%\{init: \{"theme":"base","themeVariables":\{"xyChart":\{"plotColorPalette":"#d0d7de, #2da44e, #d4a72c"\}\}/);
    expect(lines.slice(1, 3)).toEqual(['xychart-beta horizontal', '  title "Posts per network in each week (Monday to Sunday)"']);
    expect(lines[3]).toBe(
      '  x-axis ["Nov 19 · X: 1 of 3", "Nov 19 · Facebook: 0 of 1", "Nov 19 · Instagram: 0", "Nov 26 · X: 1 of 3", "Nov 26 · Facebook: 2 of 1", "Nov 26 · Instagram: 1", ' +
        '"Jan 7 · X: 2 of 3", "Jan 7 · Facebook: 1 of 1", "Jan 7 · Instagram: 0", "Jan 14 · X: 0 of 3", "Jan 14 · Facebook: 1 of 1", "Jan 14 · Instagram: 1"]',
    );
    expect(lines.slice(4, 8)).toEqual([
      '  y-axis "Posts" 0 --> 3',
      // Drawn in this order, over each other: the target, the posts that meet it, the posts short of it.
      '  bar [3, 1, 0, 3, 1, 0, 3, 1, 0, 3, 1, 0]',
      '  bar [0, 0, 0, 0, 2, 1, 0, 1, 0, 0, 1, 1]',
      '  bar [1, 0, 0, 1, 0, 0, 2, 0, 0, 0, 0, 0]',
    ]);
    expect(markdownOf(GOLDEN)).toContain('**Green** bars meet the network\'s weekly target in plans/networks.yaml, **amber** bars fall short of it');
  });

  it('charts the first six weeks of a pull request that touches more, and none when it touches none', () => {
    const week = GOLDEN.calendar[0]!;
    const weeks: ReviewWeek[] = Array.from({ length: 8 }, (_, i) => ({ ...week, start: `2030-02-${String(4 + i).padStart(2, '0')}` }));
    const markdown = markdownOf({ ...GOLDEN, calendar: weeks });
    expect(mermaidBlocks(markdown)[0]!.match(/· X:/g)).toHaveLength(6);
    expect(markdown).toContain('It shows the first 6 weeks; the table lists them all.');
    expect(mermaidBlocks(markdownOf({ ...GOLDEN, calendar: [] }))).toEqual([]);
  });
});

describe('review markdown: @names notify no one', () => {
  function mentioning(): Review {
    const review = structuredClone(GOLDEN);
    const post = review.posts.find((p) => p.file === 'content/changed.md')!;
    post.title = 'Thanks @drlee and @cedarvalley/compliance! Mail hello@cedarvalleyhealth.com';
    post.approvedBy = '@dr-natarajan';
    review.approval = { state: 'approved', by: 'dr-natarajan', message: 'approved by dr-natarajan, a member of @cedarvalley/compliance' };
    post.approval = { ...review.approval, by: '@dr-natarajan' };
    post.networks[0]!.text = 'Thanks @drlee for the flu clinic';
    post.networks[0]!.media = [{ file: 'media/team.jpg', alt: 'Dr. Lee (@drlee) at the clinic', status: 'unchecked' } as Review['posts'][number]['networks'][number]['media'][number]];
    post.findings.push({ rule: 'plan/slots', severity: 'info', file: post.file, line: 2, column: 1, endLine: 2, endColumn: 5, network: null, message: 'quoted: @drlee', onChangedLine: true });
    review.alerts.publishOnMerge[0]!.title = 'Walk-in with @nurse-jo today';
    review.calendar[2]!.posts[0]!.title = 'Flu shots with @drlee';
    return review;
  }

  it('puts a word joiner after the @ of every name from a post: titles, approved_by, approvers, alt text, messages', () => {
    const markdown = markdownOf(mentioning());
    expect(outsideCode(markdown)).not.toMatch(/(?<![\p{L}\p{N}_])@[A-Za-z0-9]/u);
    expect(markdown).toContain('Thanks @\u2060drlee and @\u2060cedarvalley/compliance! Mail hello@cedarvalleyhealth.com');
    expect(markdown).toContain('✅ approved by @\u2060dr-natarajan · approved\\_by note: @\u2060dr-natarajan');
    expect(markdown).toContain('Approved by dr-natarajan, a member of @\u2060cedarvalley/compliance.');
    expect(markdown).toContain('**Walk-in with @\u2060nurse-jo today**');
    expect(markdown).toContain('Jan 9 12:00 Flu shots with @\u2060drlee<br>');
    expect(markdown).toContain('Dr. Lee (@\u2060drlee) at the clinic');
    expect(markdown).toContain('quoted: @\u2060drlee');
  });

  it('leaves the exact text a network receives as it is: GitHub does not link names in a code block', () => {
    expect(markdownOf(mentioning())).toContain('```text\nThanks @drlee for the flu clinic\n```');
  });

  it('leaves addresses alone', () => {
    expect(unmention('hello@cedarvalleyhealth.com, @ 9 am, @@, (@drlee)')).toBe('hello@cedarvalleyhealth.com, @ 9 am, @@, (@\u2060drlee)');
  });
});
