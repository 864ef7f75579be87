import ICAL from 'ical.js';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { makeRepo, post, removeTempRepos } from '../../../test/helpers/repo.js';
import { PlanError } from '../../errors.js';
import { commandContext } from '../../../test/helpers/command.js';
import { runCalendarCommand, type CalendarFlags } from './calendar.js';

afterAll(removeTempRepos);
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function run(cwd: string, flags: Partial<CalendarFlags>, now?: Date): Promise<{ code: number; stdout: string }> {
  const { context, output } = commandContext({ cwd, ...(now ? { now } : {}) });
  const code = await runCalendarCommand({ format: 'json', ...flags }, context);
  return { code, stdout: output().stdout };
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

  it('writes an iCalendar file', async () => {
    const { stdout } = await run(repo().root, { from: '2026-11-30', weeks: '4', format: 'ics' });
    const events = new ICAL.Component(ICAL.parse(stdout)).getAllSubcomponents('vevent');
    expect(events.map((e) => new ICAL.Event(e).summary)).toEqual(['Handwashing basics', 'Draft: Handwashing basics']);
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
