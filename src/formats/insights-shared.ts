import type { Figures, InsightsReport, ObjectiveFigures, TargetProgress, TimeCell } from '../insights/index.js';
import { MIN_SAMPLE } from '../insights/index.js';
import type { MetricName } from '../loading/schemas/index.js';

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const DAY = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const SHORT_DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

export const formatNumber = (value: number) => NUMBER.format(value);

/** "Mon Nov 30, 2026" for a practice date. */
export function longDate(date: string): string {
  return DAY.format(new Date(`${date}T00:00:00Z`)).replace(',', '');
}

/** "Nov 30" for a practice date (a week's Monday on a chart). */
export function shortDate(date: string): string {
  return SHORT_DAY.format(new Date(`${date}T00:00:00Z`));
}

/** The columns a section shows: the counts, then each of these figures some row has. */
export const SHOWN_METRICS: readonly MetricName[] = ['impressions', 'reach', 'clicks'];

export interface Column {
  head: string;
  value(figures: Figures): string;
}

/** Posts, publications, how many were measured, then the figures some row of the section has, and engagement. */
export function columnsFor(rows: readonly Figures[]): Column[] {
  const columns: Column[] = [
    { head: 'posts', value: (f) => String(f.posts) },
    { head: 'publications', value: (f) => String(f.publications) },
    { head: 'measured', value: (f) => String(f.measured) },
  ];
  for (const metric of SHOWN_METRICS) {
    if (rows.some((r) => r.metrics[metric] !== undefined)) columns.push({ head: metric, value: (f) => figure(f.metrics[metric]) });
  }
  if (rows.some((r) => r.engagement !== undefined)) columns.push({ head: 'engagement', value: (f) => figure(f.engagement) });
  return columns;
}

/** A figure, or "–" where no network gave it. */
export function figure(value: number | undefined): string {
  return value === undefined ? '–' : formatNumber(value);
}

/** "clicks: 310 of 600 expected (52%)", or why progress cannot be told. */
export function targetText(target: TargetProgress | undefined): string {
  if (!target) return 'no target';
  const expected = `${formatNumber(target.expected)} expected (${formatNumber(target.per_month)} a month)`;
  if (target.actual === undefined) return `${target.metric}: none of these networks reports ${target.metric}; ${expected}`;
  const ratio = target.ratio === undefined ? '' : ` (${Math.round(target.ratio * 100)}%)`;
  return `${target.metric}: ${formatNumber(target.actual)} of ${expected}${ratio}`;
}

/** "30% of posts (plan: 20%)". */
export function shareText(objective: ObjectiveFigures): string {
  const planned = objective.share.planned === undefined ? 'not planned' : `plan: ${formatNumber(objective.share.planned)}%`;
  return `${formatNumber(objective.share.actual)}% of posts (${planned})`;
}

/** "Wed 12:00: median 41 (8 posts)", or "Fri 15:00: 3 posts, too few" for a cell below the sample. */
export function cellText(cell: TimeCell): string {
  const when = `${cell.weekday} ${String(cell.hour).padStart(2, '0')}:00`;
  const posts = `${cell.posts} post${cell.posts === 1 ? '' : 's'}`;
  return cell.median === undefined ? `${when}: ${posts}, too few` : `${when}: median ${formatNumber(cell.median)} (${posts})`;
}

export const BEST_TIME_NOTE = `median engagement by weekday and hour of publishing, from figures read at least a week after; a median is shown only where at least ${MIN_SAMPLE} posts were published at that time`;

export const ENGAGEMENT_NOTE =
  'engagement is what a network counts as engagements, or where it counts none, its reactions, comments, shares, saves and clicks added up; "–" means no network gave that figure';

/** "Results from Mon Nov 30 2026 to Sun Feb 28 2027 (America/New_York)". */
export function periodLine(report: InsightsReport): string {
  return `Results of the posts published from ${longDate(report.from)} to ${longDate(report.to)} (${report.timeZone})`;
}

/** "figures read up to 2027-03-07 06:00 UTC", or that none were read. */
export function measuredLine(report: InsightsReport): string {
  if (!report.measuredUntil) return 'No figures were read for these posts yet: run "plan insights --fetch".';
  return `Figures read up to ${report.measuredUntil.slice(0, 16).replace('T', ' ')} UTC.`;
}
