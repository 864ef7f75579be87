import ICAL from 'ical.js';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { makeRepo, post, removeTempRepos } from '../../../test/helpers/repo.js';
import { PlanError } from '../../errors.js';
import { commandContext } from '../../../test/helpers/command.js';
import { runCalendarCommand, type CalendarFlags } from './calendar.js';
import { HIDDEN } from '../../audit/hide.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

afterAll(removeTempRepos);
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

// Sat Nov 28, 2026: before every post of the repositories below.
const BEFORE = new Date('2026-11-28T12:00:00Z');

async function run(cwd: string, flags: Partial<CalendarFlags>, now = BEFORE): Promise<{ code: number; stdout: string; stderr: string }> {
  const { context, output } = commandContext({ cwd, now });
  const code = await runCalendarCommand({ format: 'json', ...flags }, context);
  return { code, ...output() };
}

const repo = () =>
  makeRepo({
    'content/a.md': post({ publish_at: '2026-12-02 09:00', status: 'ready' }),
    'content/b.md': post({ publish_at: '2026-12-15 09:00', networks: '[x, facebook]' }),
  });

describe('plan calendar', () => {
  it('starts on the Monday of the week of --from and shows --weeks weeks', async () => {
    const { code, stdout } = await run(repo().root, { from: '2026-12-03', weeks: '3' });
    const calendar = JSON.parse(stdout);
    expect(code).toBe(0);
    expect([calendar.from, calendar.to, calendar.weeks.length]).toEqual(['2026-11-30', '2026-12-20', 3]);
    expect(calendar.weeks.map((w: { posts: unknown[] }) => w.posts.length)).toEqual([1, 0, 1]);
  });

  it('defaults to 8 weeks from this week in practice time', async () => {
    const sundayEvening = new Date('2026-12-07T03:00:00Z'); // Sunday Dec 6, 22:00 in New York
    const calendar = JSON.parse((await run(repo().root, {}, sundayEvening)).stdout);
    expect([calendar.from, calendar.weeks.length]).toEqual(['2026-11-30', 8]);
  });

  it('writes an iCalendar file: one event per post and network', async () => {
    const { stdout } = await run(repo().root, { from: '2026-11-30', weeks: '4', format: 'ics' });
    const events = new ICAL.Component(ICAL.parse(stdout)).getAllSubcomponents('vevent');
    expect(events.map((e) => new ICAL.Event(e).summary)).toEqual(['Handwashing basics (X)', 'Draft: Handwashing basics (X)', 'Draft: Handwashing basics (Facebook)']);
  });

  it('judges states at --now, from the publish record', async () => {
    const { root, write } = repo();
    write('.plan/ledger.jsonl', `${JSON.stringify({ post: 'a', network: 'x', state: 'published', at: '2026-12-02T14:00:03Z', fingerprint: 'sha256:0', file: 'content/a.md', url: 'https://x.com/t/status/5' })}\n`);
    const early = JSON.parse((await run(root, { from: '2026-11-30', weeks: '1' })).stdout);
    expect(early.weeks[0].posts[0].states).toEqual([{ network: 'x', state: 'published', url: 'https://x.com/t/status/5', publishedAt: '2026-12-02T14:00:03Z' }]);
    write('.plan/ledger.jsonl', '');
    const late = JSON.parse((await run(root, { from: '2026-11-30', weeks: '1', now: '2026-12-04T12:00:00Z' })).stdout);
    expect([late.now, late.weeks[0].posts[0].states[0].state]).toEqual(['2026-12-04T12:00:00.000Z', 'missed']);
  });

  it('writes a self-contained HTML page to --output', async () => {
    const { root } = repo();
    const { stdout, stderr } = await run(root, { from: '2026-11-30', weeks: '3', format: 'html', output: 'site/calendar.html' });
    expect(stdout).toBe('');
    expect(stderr).toBe('Calendar of 3 week(s) from 2026-11-30 written to site/calendar.html\n');
    const page = readFileSync(path.join(root, 'site/calendar.html'), 'utf8');
    expect(page).toContain('<title>Test Family Practice: posts from Mon Nov 30, 2026 to Sun Dec 20, 2026</title>');
    expect(page.match(/class="chip s-\w+" data-network="\w+" data-state="\w+" style/g)).toHaveLength(3);
  });

  it('hides what a PHI finding covers in every format, as plan review does', async () => {
    const { root } = makeRepo({ 'content/a.md': post({ title: 'Get well soon, Margaret Olsen', publish_at: '2026-12-02 09:00', link: 'https://www.gofundme.com/f/help-margaret-olsen' }) });
    for (const format of ['json', 'ics', 'html', 'table'] as const) {
      const { stdout } = await run(root, { from: '2026-11-30', weeks: '1', format });
      expect(stdout, format).toContain(HIDDEN);
      expect(stdout, format).not.toMatch(/Margaret|Olsen|gofundme/);
    }
  });

  it('says where it could not write --output', async () => {
    const { root, write } = repo();
    write('blocked', 'a file, not a folder');
    await expect(run(root, { format: 'html', output: 'blocked/calendar.html' })).rejects.toThrow('--output blocked/calendar.html: could not write the calendar: a file stands where a folder of that path should be');
    await expect(run(root, { format: 'html', output: 'content' })).rejects.toThrow('--output content: could not write the calendar: that is a folder: name a file');
  });

  it('writes a table', async () => {
    const { stdout } = await run(repo().root, { from: '2026-11-30', weeks: '2', format: 'table' });
    expect(stdout).toContain('Test Family Practice: 2 weeks from Mon Nov 30 to Sun Dec 13, 2026');
  });

  it('refuses a bad --from or --weeks, and broken networks', async () => {
    const { root, write } = repo();
    await expect(run(root, { from: '2026-02-30' })).rejects.toThrow(/--from "2026-02-30" is not a date/);
    await expect(run(root, { weeks: '0' })).rejects.toThrow(PlanError);
    await expect(run(root, { weeks: 'many' })).rejects.toThrow(/whole number/);
    write('plans/networks.yaml', 'x: [\n');
    await expect(run(root, { from: '2026-11-30' })).rejects.toThrow(/plans\/networks.yaml has problems/);
  });
});
