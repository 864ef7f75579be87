import type { Figures, InsightsReport } from '../insights/index.js';
import { profileFor } from '../networks/index.js';
import { cell } from './markdown.js';
import { unmention } from './review-markdown.js';
import {
  BEST_TIME_NOTE,
  cellText,
  columnsFor,
  ENGAGEMENT_NOTE,
  figure,
  formatNumber,
  measuredLine,
  periodLine,
  shareText,
  shortDate,
  targetText,
} from './insights-shared.js';

/**
 * `plan insights --format markdown`, for a job summary ($GITHUB_STEP_SUMMARY): the tables of the
 * table format, and Mermaid charts GitHub draws: engagement per week on each network, the objective
 * mix against the plan, and progress toward each target.
 */
export function formatInsightsMarkdown(report: InsightsReport): string {
  const out = [`## ${periodLine(report)}`, '', measuredLine(report), ''];
  if (report.posts.length === 0) {
    out.push('No post was published in this period.');
    return `${out.join('\n')}\n`;
  }
  out.push('### By objective', '', ...table(['Objective', 'Share of posts', 'Target'], report.objectives, (o) => [o.label, shareText(o), targetText(o.target)]), '');
  out.push(...mixChart(report), ...targetChart(report));
  out.push('### By network', '', ...table(['Network'], report.networks, (n) => [n.label]), '');
  out.push(...weeklyCharts(report));
  out.push('### By audience', '', 'A post counts in each audience it names.', '', ...table(['Audience'], report.audiences, (a) => [a.label]), '');
  out.push('### Best time to post', '', `${BEST_TIME_NOTE[0]!.toUpperCase()}${BEST_TIME_NOTE.slice(1)}.`, '');
  for (const network of report.bestTimes) out.push(`- **${profileFor(network.network).label}**: ${network.cells.map(cellText).join(' · ')}`);
  out.push('', `<sub>${cell(ENGAGEMENT_NOTE)}</sub>`);
  return `${out.join('\n')}\n`;
}

function table<T extends Figures>(heads: [string, ...string[]], rows: readonly T[], cells: (row: T) => [string, ...string[]]): string[] {
  const columns = columnsFor(rows);
  const head = [heads[0], ...columns.map((c) => c.head), ...heads.slice(1)];
  const align = head.map((_, index) => (index >= 1 && index <= columns.length ? '--:' : '---'));
  const body = rows.map((row) => {
    const [name, ...trailing] = cells(row);
    return [name, ...columns.map((c) => c.value(row)), ...trailing];
  });
  return [head, align, ...body].map((r) => `| ${r.map((c) => unmention(cell(c))).join(' | ')} |`);
}

/** Mermaid's xychart: text in its labels is quoted, so a double quote is the one character it cannot hold. */
function label(text: string): string {
  return `"${text.replace(/"/g, "'")}"`;
}

function xychart(title: string, categories: readonly string[], yAxis: string, series: string[]): string[] {
  return ['```mermaid', 'xychart-beta', `  title ${label(title)}`, `  x-axis [${categories.map(label).join(', ')}]`, `  y-axis ${label(yAxis)}`, ...series.map((s) => `  ${s}`), '```', ''];
}

function values(numbers: readonly number[]): string {
  return `[${numbers.map((n) => Number(n.toFixed(1))).join(', ')}]`;
}

function mixChart(report: InsightsReport): string[] {
  const objectives = report.objectives.filter((o) => o.share.planned !== undefined || o.posts > 0);
  if (objectives.length === 0) return [];
  return [
    'Share of posts per objective (bars) against the planned share (line), in percent:',
    '',
    ...xychart(
      'Objective mix',
      objectives.map((o) => o.label),
      'percent of posts',
      [`bar ${values(objectives.map((o) => o.share.actual))}`, `line ${values(objectives.map((o) => o.share.planned ?? 0))}`],
    ),
  ];
}

function targetChart(report: InsightsReport): string[] {
  const measured = report.objectives.filter((o) => o.target?.ratio !== undefined);
  if (measured.length === 0) return [];
  const percents = measured.map((o) => o.target!.ratio! * 100);
  return [
    'Progress toward each target over the period, in percent of the target (the line is 100%):',
    '',
    ...xychart('Targets', measured.map((o) => `${o.label} (${o.target!.metric})`), 'percent of target', [`bar ${values(percents)}`, `line ${values(measured.map(() => 100))}`]),
  ];
}

/** One bar chart per network: engagement of the posts published each week (Mermaid charts have no legend). */
function weeklyCharts(report: InsightsReport): string[] {
  const weeks = report.weeks.map((w) => shortDate(w.week));
  const out: string[] = [];
  for (const network of report.networks) {
    const perWeek = report.weeks.map((w) => w.networks.find((n) => n.network === network.network)?.engagement ?? 0);
    if (perWeek.every((v) => v === 0)) continue;
    out.push(...xychart(`${network.label}: engagement of the posts published each week`, weeks, 'engagement', [`bar ${values(perWeek)}`]));
  }
  if (out.length === 0) return [];
  return ['### Week by week', '', `Weeks start on Monday. Total engagement: ${formatNumber(report.weeks.reduce((sum, w) => sum + (w.engagement ?? 0), 0))}.`, '', ...out, ...weekTable(report)];
}

function weekTable(report: InsightsReport): string[] {
  return [...table(['Week of', 'Engagement by network'], report.weeks, (w) => [shortDate(w.week), w.networks.map((n) => `${n.label} ${figure(n.engagement)}`).join(', ') || '–']), ''];
}
