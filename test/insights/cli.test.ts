// plan insights on the example practice three months on (its record and weekly figures to March): the
// JSON the specification fixes, the job summary's Mermaid charts, the table; on the example as it is
// today; and what a wrong flag says.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInsightsCommand, type InsightsFlags } from '../../src/cli/commands/insights.js';
import type { InsightsReport } from '../../src/insights/index.js';
import { METRIC_NAMES } from '../../src/loading/schemas/index.js';
import { commandContext } from '../helpers/command.js';
import { runPlan, STACK_FRAME } from '../helpers/repo.js';
import { exampleThreeMonthsOn, removeExampleCopy } from './three-months.js';

const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
const PERIOD = { from: '2026-11-30', to: '2027-02-07' };
let threeMonthsOn: string;
beforeAll(() => {
  threeMonthsOn = exampleThreeMonthsOn();
});
afterAll(() => removeExampleCopy(threeMonthsOn));

async function insights(flags: Partial<InsightsFlags>, cwd = threeMonthsOn): Promise<{ code: number; stdout: string; stderr: string }> {
  const { context, output } = commandContext({ cwd });
  const code = await runInsightsCommand({ format: 'table', ...PERIOD, ...flags }, context);
  return { code, ...output() };
}

describe('plan insights on the example as it is on Dec 7, 2026', () => {
  it('shows the week its first four posts went out, from the figures the weekly run read that Monday', async () => {
    const run = await insights({ from: undefined, to: undefined, now: '2026-12-07T12:00:00Z' }, PROJECT);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Figures read up to 2026-12-07 06:23 UTC.');
    expect(run.stdout).toMatch(/^ {2}Nov 30 +4 +14 +14 /m);
    expect(run.stdout).toContain('No post has figures from a week or more after it went out yet.');
  });

  it('lists every objective with figures as JSON, and draws its charts in markdown', async () => {
    const today = { from: undefined, to: undefined, now: '2026-12-07T12:00:00Z' };
    const report = JSON.parse((await insights({ ...today, format: 'json' }, PROJECT)).stdout) as InsightsReport;
    expect(report.objectives.map((o) => o.objective)).toEqual(['new-patients', 'satisfaction', 'community-health', 'education']);
    for (const objective of report.objectives) expect(objective.metrics.impressions).toBeGreaterThan(0);
    const markdown = (await insights({ ...today, format: 'markdown' }, PROJECT)).stdout;
    expect(markdown).toContain('title "Objective mix"');
    expect(markdown.match(/```mermaid\nxychart-beta\n/g)!.length).toBeGreaterThanOrEqual(3);
  });
});

describe('plan insights on the example three months on', () => {
  it('lists every objective with figures as JSON, version 1', async () => {
    const run = await insights({ format: 'json' });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as InsightsReport;
    expect(report).toMatchObject({ version: 1, from: '2026-11-30', to: '2027-02-07' });
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['objectives', 'networks', 'posts']));
    expect(report.objectives.map((o) => o.objective)).toEqual(['new-patients', 'satisfaction', 'community-health', 'education']);
    for (const objective of report.objectives) {
      expect(objective.posts).toBeGreaterThan(0);
      expect(objective.publications).toBeGreaterThanOrEqual(objective.posts);
      expect(objective.metrics.impressions).toBeGreaterThan(0);
      for (const name of Object.keys(objective.metrics)) expect(METRIC_NAMES).toContain(name);
    }
    expect(report.objectives.find((o) => o.objective === 'new-patients')!.target).toMatchObject({ metric: 'clicks', per_month: 150 });
    // Bluesky and Mastodon count no impressions: absent, never 0.
    expect(report.networks.find((n) => n.network === 'bluesky')!.metrics.impressions).toBeUndefined();
  });

  it('writes markdown for a job summary with Mermaid charts GitHub draws: weekly figures per network, the mix and the targets', async () => {
    const run = await insights({ format: 'markdown' });
    const charts = run.stdout.match(/```mermaid\nxychart-beta\n[\s\S]*?```/g) ?? [];
    expect(charts.length).toBe(6 + 2);
    expect(charts.some((c) => c.includes('title "Objective mix"') && /\n {2}bar \[/.test(c) && /\n {2}line \[/.test(c))).toBe(true);
    expect(charts.some((c) => c.includes('title "Facebook: engagement of the posts published each week"'))).toBe(true);
    for (const chart of charts) {
      const axis = /x-axis \[(.*)\]/.exec(chart)![1]!;
      const bars = /bar \[(.*)\]/.exec(chart)![1]!.split(', ');
      expect(axis.split('", "')).toHaveLength(bars.length);
    }
    expect(run.stdout).toMatch(/^\| Objective \| posts \| publications \|/m);
    expect(run.stdout).toContain('Best time to post');
  });

  it('prints tables for a person, with the target and the best times to post', async () => {
    const run = await insights({});
    expect(run.stdout).toContain('Results of the posts published from Mon Nov 30, 2026 to Sun Feb 7, 2027 (America/New_York)');
    expect(run.stdout).toMatch(/Attract new patients .* clicks: [\d,]+ of 345 expected \(150 a month\) \(\d+%\)/);
    expect(run.stdout).toMatch(/^ {2}X +Wed 12:00: median [\d.]+ \(\d+ posts\)/m);
    expect(run.stdout).toMatch(/Thu 18:00: [1-4] posts?, too few/);
  });

  it('says so when nothing was published in the period', async () => {
    const run = await insights({ from: '2025-01-01', to: '2025-01-31' });
    expect(run.stdout).toContain('No post was published in this period');
  });
});

describe('plan insights: wrong flags', () => {
  it.each([
    [['--commit'], /--commit keeps the figures --fetch reads on the remote: use it with --fetch/],
    [['--from', '2026-02-30'], /--from "2026-02-30" is not a date: write it as YYYY-MM-DD/],
    [['--from', '2027-01-10', '--to', '2027-01-01'], /--from 2027-01-10 is after --to 2027-01-01/],
    [['--format', 'pdf'], /argument 'pdf' is invalid/],
  ])('%s exits 2 with a message, never a stack trace', async (args, message) => {
    const run = await runPlan(['insights', ...args], { cwd: PROJECT });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});
