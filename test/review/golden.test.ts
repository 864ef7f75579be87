import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMENT_MAX_BYTES, REVIEW_MARKER } from '../../src/formats/review-markdown.js';
import type { Review } from '../../src/review/index.js';
import { removeTempRepos } from '../helpers/repo.js';
import { makePullRequest } from './pull-request.js';
import { runReview } from './run.js';

afterAll(removeTempRepos);

// Rewrite the golden files with UPDATE_GOLDEN=1 after a deliberate change to an output, then read the diff.
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));

const repo = makePullRequest();

describe('golden outputs of plan review', () => {
  it.each([
    ['markdown', 'review.md'],
    ['json', 'review.json'],
    ['github', 'review.github.txt'],
  ] as const)('%s matches test/review/golden/%s', async (format, file) => {
    const run = await runReview(repo.root, { format });
    expect(run.stderr).toBe('');
    // Error findings in the reviewed posts: as every command, exit 1.
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain(repo.root);
    expect(run.stdout).not.toContain(path.basename(repo.root));
    const golden = path.join(GOLDEN, file);
    if (UPDATE) writeFileSync(golden, run.stdout);
    expect(run.stdout).toBe(readFileSync(golden, 'utf8'));
  });
});

describe('what the review holds', async () => {
  const review = JSON.parse((await runReview(repo.root, { format: 'json' })).stdout) as Review;
  const post = (file: string) => review.posts.find((p) => p.file === file)!;

  it('sorts every touched post by how the pull request touched it', () => {
    expect(review.counts).toMatchObject({ added: 3, changed: 2, renamed: 2, deleted: 2 });
    expect(post('content/changed.md').change).toBe('changed');
    expect(post('content/2029/walk-in-today.md').change).toBe('added');
    expect(post('content/2030/keep-id.md')).toMatchObject({ change: 'renamed', rename: { previousFile: 'content/keep-id.md', idChanged: false } });
    expect(post('content/uses-image.md')).toMatchObject({ change: 'changed', mediaChanged: ['media/desk.jpg'] });
    expect(review.deleted.map((d) => d.file)).toEqual(['content/deleted-draft.md', 'content/deleted-published.md']);
    expect(review.planFiles).toEqual(['plans/networks.yaml']);
  });

  it('says when each post publishes, in practice time, in UTC and from now', () => {
    expect(post('content/changed.md').publishAt).toEqual({ utc: '2030-01-09T17:00:00.000Z', local: 'Wed Jan 9, 2030, 12:00 PM EST', relative: 'in 39 days', past: false });
  });

  it('puts a ready, approved post whose time has passed at the top: it publishes on merge', () => {
    expect(review.alerts.publishOnMerge).toEqual([expect.objectContaining({ file: 'content/2029/walk-in-today.md', networks: ['x', 'facebook'] })]);
    expect(review.alerts.missed).toEqual([expect.objectContaining({ file: 'content/2029/late.md' })]);
    expect(review.alerts.blocking).toEqual([expect.objectContaining({ file: 'content/2029/walk-in-today.md', errors: [expect.objectContaining({ rule: 'network/media-required' })] })]);
  });

  it('recognises a renamed post published under its old id by its text', () => {
    const renamed = post('content/2030/stretch.md');
    expect(renamed.rename).toMatchObject({ previousFile: 'content/old-name.md', previousId: 'old-name', idChanged: true });
    expect(renamed.rename!.message).toContain('will not post it again');
    expect(renamed.outlook.kind).toBe('published');
  });

  it('says whether a deleted post had been published', () => {
    const [draft, published] = review.deleted;
    expect(draft!.message).toMatch(/never published/);
    expect(published!.records).toEqual([expect.objectContaining({ network: 'facebook', state: 'published', url: 'https://www.facebook.com/100000000000001_7' })]);
    expect(published!.message).toMatch(/deleting the file does not delete/);
  });

  it('shows the weeks the posts fall in, with cadence gaps', () => {
    const week = review.calendar.find((w) => w.start === '2029-11-19')!;
    expect(week.networks).toContainEqual({ network: 'facebook', posts: 0, target: 1, gap: true });
    expect(week.posts.map((p) => p.change)).toEqual(['renamed', 'deleted']);
  });

  it('marks the findings on lines the pull request changed', () => {
    const findings = post('content/2029/walk-in-today.md').networks.flatMap((n) => n.findings);
    expect(findings.every((f) => f.onChangedLine)).toBe(true);
  });
});

describe('the sticky-comment markdown', () => {
  it('starts with the hidden marker and stays under 60 KB', async () => {
    const { stdout } = await runReview(repo.root);
    expect(stdout.startsWith(`${REVIEW_MARKER}\n`)).toBe(true);
    expect(Buffer.byteLength(stdout)).toBeLessThan(COMMENT_MAX_BYTES);
    expect(stdout.match(/<details>/g)?.length).toBe(stdout.match(/<\/details>/g)?.length);
  });
});
