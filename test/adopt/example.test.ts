// The example practice in this repository is what a new user tries first (the README's
// `npx plan audit`): it must work on the day they try it, whatever that day is. Its publish record
// (.plan/ledger.jsonl) holds the posts whose time had come when the record was written, as its publish
// job would have sent them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPublished, type RecordEntry } from '../../src/loading/record.js';
import { loadRepository } from '../../src/loading/repository.js';
import { preparePost } from '../../src/networks/prepare.js';
import { runPlan, type JsonFinding } from '../helpers/repo.js';

const EXAMPLE = fileURLToPath(new URL('../..', import.meta.url));
/** When the example's record was last brought up to date: every post due by then is in it. */
const RECORD_WRITTEN = new Date('2026-12-07T11:30:00Z');
const TWO_YEARS_MS = 2 * 365 * 86_400_000;

const repository = await loadRepository(EXAMPLE);
const readyPosts = repository.posts.filter((post) => post.frontmatter.status === 'ready' && post.publishAt);

/** Ready posts whose time has come by `now` and that the record does not show published on every network. */
function unpublishedAt(now: Date) {
  return readyPosts.filter((post) => post.publishAt!.instant <= now && (post.frontmatter.networks ?? []).some((network) => !isPublished(repository.record, post.id, network)));
}

/** The warning a post unpublished at `now` gets in a change that does not touch it. */
function warningOf(post: ReturnType<typeof unpublishedAt>[number], now: Date): string {
  return `${post.expires && post.expires.instant <= now ? 'plan/expired' : 'plan/missed'} ${post.file}`;
}

/**
 * What an audit at `now` must say: a warning for each post unpublished at `now` (due in the last 24
 * hours: the next publish run sends it; earlier: missed or expired), nothing else, and exit 0.
 */
async function expectAuditAt(now: Date, { code, findings }: Awaited<ReturnType<typeof auditAt>>): Promise<void> {
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  const warnings = findings.filter((f) => f.severity === 'warning').map((f) => `${f.rule} ${f.file}`);
  expect(warnings.sort()).toEqual(unpublishedAt(now).map((post) => warningOf(post, now)).sort());
  expect(code).toBe(0);
}

async function auditAt(now?: Date): Promise<{ code: number | null; findings: JsonFinding[]; counts: Record<string, number> }> {
  const run = await runPlan(['audit', '--format', 'json', ...(now ? ['--now', now.toISOString()] : [])], { cwd: EXAMPLE });
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as { findings: JsonFinding[]; counts: Record<string, number> };
  return { code: run.code, ...report };
}

// Each case runs plan on the whole example, twice for publish: a busy machine takes well over the default 20 s.
describe('the example practice', { timeout: 90_000 }, () => {
  it('audits clean on the day its record was written', async () => {
    const run = await runPlan(['audit', '--now', RECORD_WRITTEN.toISOString()], { cwd: EXAMPLE });
    expect(run.stdout).toMatch(/^✔ 46 posts checked: no problems found \(\d+ notes\): list them with --notes\n$/);
    expect(run.code).toBe(0);
  });

  it('audits with the real clock: a post its publish job has not sent yet, or missed, is a warning, never an error', async () => {
    await expectAuditAt(new Date(), await auditAt());
  });

  it('audits half an hour after a post of the example was due: that post is a warning, the next publish run sends it', async () => {
    const next = readyPosts.map((post) => post.publishAt!.instant).filter((at) => at > RECORD_WRITTEN).sort((a, b) => a.getTime() - b.getTime())[0]!;
    const now = new Date(next.getTime() + 30 * 60_000);
    const report = await auditAt(now);
    expect(report.findings.map((f) => f.message)).toContainEqual(expect.stringContaining('the next publish run sends it'));
    await expectAuditAt(now, report);
  });

  it('audits two years from now with no error: each post still unpublished is a warning, missed or expired', async () => {
    const later = new Date(Date.now() + TWO_YEARS_MS);
    const { code, findings, counts } = await auditAt(later);
    expect(counts.error).toBe(0);
    expect(code).toBe(0);
    const warned = new Set(findings.filter((f) => f.severity === 'warning').map((f) => `${f.rule} ${f.file}`));
    expect([...warned].sort()).toEqual(unpublishedAt(later).map((post) => warningOf(post, later)).sort());
  });

  it('keeps a record of every post due when it was written, each line about a post and what its network received', () => {
    const entries = readFileSync(path.join(EXAMPLE, '.plan/ledger.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as RecordEntry);
    expect(unpublishedAt(RECORD_WRITTEN)).toEqual([]);
    for (const entry of entries) {
      const post = readyPosts.find((p) => p.id === entry.post);
      expect(post, entry.post).toBeDefined();
      expect(post!.file).toBe(entry.file);
      expect(post!.frontmatter.networks).toContain(entry.network);
      expect(entry.fingerprint).toBe(preparePost(post!, entry.network, repository.project).fingerprint);
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(post!.publishAt!.instant.getTime());
      expect(Date.parse(entry.at)).toBeLessThanOrEqual(RECORD_WRITTEN.getTime());
      if (entry.state === 'published') expect(entry.url).toMatch(/^https:\/\//);
    }
    expect(readFileSync(path.join(EXAMPLE, '.gitattributes'), 'utf8')).toMatch(/^\.plan\/\*\.jsonl merge=union$/m);
  });

  it('asks the reviewers of plan.config.yaml to review posts and plans (CODEOWNERS)', () => {
    const reviewers = repository.project.config.data!.approval.reviewers.map((name) => (name.startsWith('@') ? name : `@${name}`));
    expect(reviewers.length).toBeGreaterThan(0);
    const owners = readFileSync(path.join(EXAMPLE, '.github/CODEOWNERS'), 'utf8');
    for (const folder of ['/content/', '/plans/']) expect(owners).toContain(`\n${folder} ${reviewers.join(' ')}\n`);
  });

  it('publish --dry-run: exit 0 when nothing is missed; exit 1 naming each missed post and what to do', async () => {
    const now = await runPlan(['publish', '--dry-run', '--now', RECORD_WRITTEN.toISOString()], { cwd: EXAMPLE });
    expect(now.stdout).toBe('nothing is due\npublished 0, failed 0, unknown 0, missed 0, held 0, blocked 0, not sent 0\n');
    expect(now.code).toBe(0);
    const later = await runPlan(['publish', '--dry-run', '--now', new Date(Date.now() + TWO_YEARS_MS).toISOString()], { cwd: EXAMPLE });
    expect(later.stdout).toMatch(/^MISSED {3}x: content\/2027\/02\/wear-red-day\.md is \d+ hours late: not published\. Give it a new publish_at, or run "plan publish --catch-up" to send it anyway$/m);
    expect(later.code).toBe(1);
  });
});
