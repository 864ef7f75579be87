import { Chalk } from 'chalk';
import type { Figures, InsightsReport } from '../insights/index.js';
import { profileFor } from '../networks/index.js';
import {
  BEST_TIME_NOTE,
  cellText,
  columnsFor,
  ENGAGEMENT_NOTE,
  figure,
  measuredLine,
  periodLine,
  shareText,
  shortDate,
  targetText,
} from './insights-shared.js';

/** How many posts "Top posts" lists. */
const TOP_POSTS = 5;

/** `plan insights`: one table per objective, network, audience and week, the top posts and the best times to post. */
export function formatInsightsTable(report: InsightsReport, options: { color: boolean }): string {
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const heading = (text: string) => paint.bold(text);
  const out = [paint.bold(periodLine(report)), measuredLine(report), ''];
  if (report.posts.length === 0) {
    out.push('No post was published in this period (the publish record shows none): choose another with --from and --to.');
    return `${out.join('\n')}\n`;
  }
  out.push(heading('By objective'));
  out.push(...table(['objective', 'share of posts', 'target'], report.objectives, (o) => [o.label, shareText(o), targetText(o.target)]), '');
  out.push(heading('By network'));
  out.push(...table(['network'], report.networks, (n) => [n.label]), '');
  out.push(heading('By audience') + paint.dim(' (a post counts in each audience it names)'));
  out.push(...table(['audience'], report.audiences, (a) => [a.label]), '');
  out.push(heading('By week'));
  out.push(...table(['week of', 'engagement by network'], report.weeks, (w) => [shortDate(w.week), w.networks.map((n) => `${n.label} ${figure(n.engagement)}`).join(', ') || '–']), '');
  out.push(heading(`Top posts by engagement`));
  out.push(...topPosts(report), '');
  out.push(heading('Best time to post') + paint.dim(` (${BEST_TIME_NOTE})`));
  out.push(...bestTimeLines(report), '');
  out.push(paint.dim(ENGAGEMENT_NOTE));
  return `${out.join('\n')}\n`;
}

/** One row per group: its name, its figures, then the trailing cells (share, target…), aligned in columns. */
function table<T extends Figures>(heads: [string, ...string[]], rows: readonly T[], cells: (row: T) => [string, ...string[]]): string[] {
  const columns = columnsFor(rows);
  const head = [heads[0], ...columns.map((c) => c.head), ...heads.slice(1)];
  const body = rows.map((row) => {
    const [name, ...trailing] = cells(row);
    return [name, ...columns.map((c) => c.value(row)), ...trailing];
  });
  const all = [head, ...body];
  const widths = head.map((_, index) => Math.max(...all.map((r) => r[index]!.length)));
  const isFigure = (index: number) => index >= 1 && index <= columns.length;
  return all.map((r) => `  ${r.map((cell, index) => (isFigure(index) ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!))).join('  ')}`.trimEnd());
}

function topPosts(report: InsightsReport): string[] {
  const ranked = [...report.posts].filter((p) => p.engagement !== undefined).sort((a, b) => b.engagement! - a.engagement!).slice(0, TOP_POSTS);
  if (ranked.length === 0) return ['  No figures yet.'];
  return ranked.map((post) => {
    const where = post.publications.map((p) => `${profileFor(p.network).label} ${figure(p.engagement)}`).join(', ');
    return `  ${figure(post.engagement).padStart(6)}  ${post.title}  (${post.file}; ${where})`;
  });
}

function bestTimeLines(report: InsightsReport): string[] {
  if (report.bestTimes.length === 0) return ['  No post has figures from a week or more after it went out yet.'];
  return report.bestTimes.map((network) => `  ${profileFor(network.network).label.padEnd(10)} ${network.cells.map(cellText).join(' · ')}`);
}
