// plan insights --format html and --chart in a real browser: the example practice's results three months on opened in
// headless Chromium, the charts Vega drew read from the DOM against the report, and a screenshot of the
// page (docs/insights.png with UPDATE_SCREENSHOT=1). Skipped, with the reason, where Chromium is not installed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInsightsCommand, type InsightsFlags } from '../../src/cli/commands/insights.js';
import type { InsightsReport } from '../../src/insights/index.js';
import { CHROMIUM_ARGS, executablePath, playwright, runnable, SKIP_REASON } from '../helpers/chromium.js';
import { commandContext } from '../helpers/command.js';
import { exampleThreeMonthsOn, removeExampleCopy } from './three-months.js';

const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOT = path.join(PROJECT, 'docs/insights.png');
const UPDATE = process.env.UPDATE_SCREENSHOT === '1';
const PERIOD: Partial<InsightsFlags> = { from: '2026-11-30', to: '2027-02-07', now: '2027-03-08T12:00:00Z' };


async function insights(flags: Partial<InsightsFlags>, cwd: string): Promise<string> {
  const { context, output } = commandContext({ cwd });
  expect(await runInsightsCommand({ format: 'table', ...PERIOD, ...flags }, context)).toBe(0);
  return output().stdout;
}


describe.skipIf(!runnable)(`plan insights --format html and --chart in Chromium${runnable ? '' : ` (skipped: ${SKIP_REASON})`}`, () => {
  let dir: string;
  let example: string;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  let report: InsightsReport;
  const requests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'plan-insights-browser-'));
    example = exampleThreeMonthsOn();
    report = JSON.parse(await insights({ format: 'json' }, example)) as InsightsReport;
    await insights({ format: 'html', output: path.join(dir, 'insights.html'), chart: path.join(dir, 'weekly.svg') }, example);
    profile = mkdtempSync(path.join(tmpdir(), 'plan-chromium-'));
    browser = await playwright!.chromium.launchPersistentContext(profile, { executablePath: executablePath!, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1100, height: 900 } });
    page = await browser.newPage();
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(path.join(dir, 'insights.html')).href);
  });

  afterAll(async () => {
    await browser?.close();
    for (const folder of [dir, profile]) if (folder) rmSync(folder, { recursive: true, force: true });
    if (example) removeExampleCopy(example);
  });

  it('loads nothing but the page itself: the charts are inline SVG', () => {
    expect(requests).toEqual([pathToFileURL(path.join(dir, 'insights.html')).href]);
  });

  it('draws one line per network across the weeks, with its legend', async () => {
    const chart = page.locator('figure').nth(0);
    expect(await chart.locator('.mark-line.role-mark path').count()).toBe(report.networks.length);
    expect(await chart.locator('.mark-symbol.role-mark path').count()).toBe(report.networks.length * report.weeks.length);
    const legend = await chart.locator('.role-legend-label text').allTextContents();
    expect(legend.sort()).toEqual(report.networks.map((n) => n.label).sort());
    const weeks = await chart.locator('.role-axis-label text').allTextContents();
    expect(weeks).toEqual(expect.arrayContaining(['Nov 30', 'Feb 1']));
  });

  it("stacks each week's engagement by objective, one bar per objective and week that had posts", async () => {
    const bars = page.locator('figure').nth(1).locator('.mark-rect.role-mark path');
    const expected = report.weeks.reduce((sum, week) => sum + week.objectives.length, 0);
    expect(await bars.count()).toBeGreaterThanOrEqual(expected);
    for (const bar of (await bars.all()).slice(0, 5)) expect(Number((await bar.boundingBox())!.height)).toBeGreaterThanOrEqual(0);
  });

  it('shows the mix against the plan and the progress toward each target', async () => {
    const mix = page.locator('figure').nth(2);
    // A bar for each objective's share, and a tick (drawn as a rect) for its planned share.
    expect(await mix.locator('.mark-rect.role-mark path').count()).toBe(2 * report.objectives.length);
    const targets = report.objectives.filter((o) => o.target?.ratio !== undefined);
    expect(await page.locator('figure').nth(3).locator('.mark-rect.role-mark path').count()).toBe(targets.length);
    const rows = await page.$$eval('section:has(h2:text("By objective")) tbody tr', (trs) => trs.map((tr) => tr.lastElementChild!.textContent));
    expect(rows).toEqual(report.objectives.map((o) => (o.target ? expect.stringMatching(new RegExp(`^${o.target.metric}: `)) : 'no target')));
  });

  it('fits a desktop window without sideways scrolling, and the screenshot shows it', async () => {
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    if (UPDATE) await page.screenshot({ path: SCREENSHOT, fullPage: false });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
  });

  it("draws the example's page as it is today: a point per network and week, and its legend", async () => {
    const today = { from: undefined, to: undefined, now: '2026-12-07T12:00:00Z' };
    const figures = JSON.parse(await insights({ ...today, format: 'json' }, PROJECT)) as InsightsReport;
    await insights({ ...today, format: 'html', output: path.join(dir, 'today.html') }, PROJECT);
    const todayPage = await browser.newPage();
    await todayPage.goto(pathToFileURL(path.join(dir, 'today.html')).href);
    const chart = todayPage.locator('figure').nth(0);
    expect(await chart.locator('.mark-symbol.role-mark path').count()).toBe(figures.networks.length * figures.weeks.length);
    expect((await chart.locator('.role-legend-label text').allTextContents()).sort()).toEqual(figures.networks.map((n) => n.label).sort());
    await todayPage.close();
  });

  it('writes the weekly chart as one SVG of its own that Chromium draws', async () => {
    const svg = readFileSync(path.join(dir, 'weekly.svg'), 'utf8');
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const chart = await browser.newPage();
    await chart.goto(pathToFileURL(path.join(dir, 'weekly.svg')).href);
    expect(await chart.locator('.mark-line.role-mark path').count()).toBe(report.networks.length);
    expect(await chart.locator('.role-title-text text').allTextContents()).toEqual(['Engagement per week, by network', 'Engagement per week, by objective']);
    await chart.close();
  });
});
