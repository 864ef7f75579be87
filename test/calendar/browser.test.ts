// plan calendar --format html in a real browser: the example repository's calendar opened in headless
// Chromium, its chips and states read from the DOM, and a screenshot of it (docs/calendar.png with
// UPDATE_SCREENSHOT=1). Skipped, with the reason, where Chromium is not installed.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Calendar } from '../../src/calendar/index.js';
import { runCalendarCommand, type CalendarFlags } from '../../src/cli/commands/calendar.js';
import { loadRepository } from '../../src/loading/repository.js';
import type { NetworkId } from '../../src/loading/schemas/index.js';
import { preparePost } from '../../src/networks/prepare.js';
import { CHROMIUM_ARGS, executablePath, playwright, runnable, SKIP_REASON } from '../helpers/chromium.js';
import { commandContext } from '../helpers/command.js';

const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOT = path.join(PROJECT, 'docs/calendar.png');
const UPDATE = process.env.UPDATE_SCREENSHOT === '1';


// Wed Dec 9, 2026, 9:30 AM in New York: the second of the five weeks shown.
const NOW = '2026-12-09T14:30:00Z';
const FLAGS: Partial<CalendarFlags> = { from: '2026-11-30', weeks: '5', now: NOW };

/**
 * A copy of the example repository as it might stand on NOW: the publish job sent the posts of the
 * first week; Instagram refused one image; a post of Dec 7 missed Mastodon; a run sending the post of
 * Dec 8 to LinkedIn was cut off before it recorded the result, and the post's other networks are due;
 * one post of the third week is held by an error (an audience the plans do not define).
 */
async function exampleOnNow(): Promise<string> {
  const root = mkdtempSync(path.join(tmpdir(), 'plan-calendar-browser-'));
  for (const part of ['plan.config.yaml', 'plans', 'content', 'media']) cpSync(path.join(PROJECT, part), path.join(root, part), { recursive: true });
  const waiting = path.join(root, 'content/2026/12/refills-in-the-portal.md');
  writeFileSync(waiting, readFileSync(waiting, 'utf8').replace(/^audience: \[young-adults, parents\]$/m, 'audience: [young-adults, parnets]'));
  const { posts, project } = await loadRepository(root);
  const lines: string[] = [];
  for (const post of posts) {
    if (post.frontmatter.status !== 'ready' || !post.publishAt || post.file.startsWith('content/archive/')) continue;
    const at = post.publishAt.instant;
    if (at > new Date('2026-12-08T16:00:00Z')) continue;
    for (const network of post.frontmatter.networks ?? []) {
      const entry = { post: post.id, network, at: new Date(at.getTime() + 4000).toISOString(), fingerprint: preparePost(post, network, project).fingerprint, file: post.file };
      const sample = sampleEntry(post.file, network, entry);
      if (sample) lines.push(JSON.stringify(sample));
    }
  }
  mkdirSync(path.join(root, '.plan'));
  writeFileSync(path.join(root, '.plan/ledger.jsonl'), `${lines.join('\n')}\n`);
  return root;
}

function sampleEntry(file: string, network: NetworkId, entry: { at: string }): object | undefined {
  const name = path.basename(file, '.md');
  if (name === 'check-in-from-your-phone' && network === 'instagram') return { ...entry, state: 'failed', detail: 'Instagram refused the image: its aspect ratio is outside 4:5 to 1.91:1' };
  if (name === 'flu-shot-facts' && network === 'mastodon') return undefined;
  if (name === 'evening-hours') return network === 'linkedin' ? { ...entry, state: 'attempting', run: 'run-1', until: '2026-12-08T15:10:00Z' } : undefined;
  return { ...entry, state: 'published', remoteId: '1', url: `https://social.example/${network}/${name}` };
}

async function calendarOf(root: string, flags: Partial<CalendarFlags>): Promise<string> {
  const { context, output } = commandContext({ cwd: root });
  expect(await runCalendarCommand({ format: 'html', ...FLAGS, ...flags }, context)).toBe(0);
  return output().stdout;
}


describe.skipIf(!runnable)(`plan calendar --format html in Chromium${runnable ? '' : ` (skipped: ${SKIP_REASON})`}`, () => {
  let root: string;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  let calendar: Calendar;
  const requests: string[] = [];

  beforeAll(async () => {
    root = await exampleOnNow();
    calendar = JSON.parse(await calendarOf(root, { format: 'json' })) as Calendar;
    const file = path.join(root, 'calendar.html');
    writeFileSync(file, await calendarOf(root, {}));
    // A fresh profile each run: nothing of an earlier run (or of a person's browser) carries over.
    profile = mkdtempSync(path.join(tmpdir(), 'plan-chromium-'));
    browser = await playwright!.chromium.launchPersistentContext(profile, {
      executablePath: executablePath!,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
    });
    page = await browser.newPage();
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href);
  });

  afterAll(async () => {
    await browser?.close();
    for (const dir of [root, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads nothing but the page itself', () => {
    expect(requests).toEqual([pathToFileURL(path.join(root, 'calendar.html')).href]);
  });

  it('shows every post of the five weeks on its day, with one chip per network in the state the calendar gives it', async () => {
    const shown = await page.$$eval('article.post', (cards) =>
      cards.map((card) => ({
        id: card.getAttribute('data-id'),
        date: card.closest('td')!.getAttribute('data-date'),
        chips: [...card.querySelectorAll('.chip')].map((chip) => `${chip.getAttribute('data-network')} ${chip.getAttribute('data-state')}`).sort(),
      })),
    );
    const expected = calendar.weeks.flatMap((week) => week.posts.map((post) => ({ id: post.id, date: post.date, chips: post.states!.map((s) => `${s.network} ${s.state}`).sort() })));
    expect(shown).toHaveLength(21);
    expect(shown.sort((a, b) => a.id!.localeCompare(b.id!))).toEqual(expected.sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('reads the states from the record and the due policy', async () => {
    const chipsOf = (file: string) =>
      page.$$eval(`article.post[data-file="${file}"] .chip`, (chips) => Object.fromEntries(chips.map((chip) => [chip.getAttribute('data-network'), chip.getAttribute('data-state')])));
    expect(await chipsOf('content/2026/12/check-in-from-your-phone.md')).toEqual({ facebook: 'published', instagram: 'failed' });
    expect(await chipsOf('content/2026/12/flu-shot-facts.md')).toEqual({ x: 'published', facebook: 'published', instagram: 'published', bluesky: 'published', mastodon: 'missed' });
    expect(await chipsOf('content/2026/12/evening-hours.md')).toEqual({ linkedin: 'unknown', facebook: 'due', instagram: 'due' });
    expect(await chipsOf('content/2026/12/refills-in-the-portal.md')).toEqual({ x: 'held', bluesky: 'held', mastodon: 'held', facebook: 'held' });
    expect(await page.$$eval('.post.is-draft', (cards) => cards.length)).toBe(calendar.weeks.flatMap((w) => w.posts).filter((p) => p.status === 'draft').length);
    expect(await page.textContent('article.post[data-file="content/2026/12/refills-in-the-portal.md"] .notes')).toBe('Held: 1 error finding(s): run "plan audit content/2026/12/refills-in-the-portal.md"');
  });

  it('links published chips to the post, and marks states with more than colour', async () => {
    const published = page.locator('article.post[data-file="content/2026/12/world-aids-day.md"] .chip[data-network="x"]');
    expect(await published.locator('a').getAttribute('href')).toBe('https://social.example/x/world-aids-day');
    expect(await published.textContent()).toBe('Published on X✓');
    const missed = page.locator('article.post[data-file="content/2026/12/flu-shot-facts.md"] .chip[data-network="mastodon"]');
    expect(await missed.evaluate((chip) => getComputedStyle(chip).textDecorationLine)).toBe('line-through');
    expect(await missed.getAttribute('title')).toMatch(/^Mastodon: missed: more than 24 hours late/);
    const colour = await page.locator('.chip[data-network="facebook"][data-state="planned"]').first().evaluate((chip) => getComputedStyle(chip).backgroundColor);
    expect(colour).toBe('rgb(24, 119, 242)');
  });

  it('marks today, the weeks below a network\'s target and the observances', async () => {
    expect(await page.getAttribute('td.today', 'data-date')).toBe('2026-12-09');
    expect(await page.$$eval('table .cad.gap', (items) => items.length)).toBe(calendar.gaps);
    const facebook = page.locator('tbody[data-week="2026-11-30"] .cad[data-network="facebook"]');
    expect([await facebook.textContent(), await facebook.getAttribute('title')]).toEqual(['Facebook 4/3', 'Facebook: 4 posts, weekly target 3']);
    const aids = page.locator('tbody[data-week="2026-11-30"] td.band[data-observance="World AIDS Day"]');
    expect(await aids.getAttribute('colspan')).toBe('1');
    expect(await page.textContent('.months')).toContain('December: National Impaired Driving Prevention Month, Safe Toys and Gifts Awareness Month');
  });

  it('fits the width of a desktop and of a phone without scrolling sideways', async () => {
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('takes a screenshot of the page (docs/calendar.png with UPDATE_SCREENSHOT=1)', async () => {
    const file = UPDATE ? SCREENSHOT : path.join(root, 'calendar.png');
    await page.screenshot({ path: file, fullPage: true });
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // Width and height from the PNG header: the whole page, five weeks tall.
    expect([png.readUInt32BE(16), png.readUInt32BE(20) > 1000]).toEqual([1400, true]);
  });
});
