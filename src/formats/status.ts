import { Chalk, type ChalkInstance } from 'chalk';
import { profileFor } from '../networks/index.js';
import type { StatusReport, StatusRow, StatusState } from '../publishing/status.js';
import { practiceTime, utcTime } from '../review/when.js';

export interface StatusTableOptions {
  color: boolean;
  /** Every post, not only what needs attention and the next two weeks. */
  all: boolean;
}

/** How far ahead the table looks without --all; it also keeps the last day, so what is due now shows. */
const AHEAD_MS = 14 * 24 * 60 * 60 * 1000;
const BEHIND_MS = 24 * 60 * 60 * 1000;

// The summary's order: what went out, what goes out now, what needs a person, what is to come.
const SUMMARY_ORDER: readonly StatusState[] = ['published', 'due', 'missed', 'failed', 'blocked', 'held', 'unknown', 'scheduled', 'expired'];

const WORDS: Record<StatusState, string> = {
  published: 'published',
  due: 'due now',
  missed: 'missed',
  failed: 'failed',
  blocked: 'held back',
  held: 'held for safety',
  unknown: 'outcome unknown',
  scheduled: 'scheduled',
  expired: 'expired',
};

/** `plan status --format json`: every ready post × network, with the clock and the counts. */
export function formatStatusJson(report: StatusReport): string {
  return `${JSON.stringify({ version: 1, now: report.now, timeZone: report.timeZone, counts: countsOf(report.rows), posts: report.rows }, null, 2)}\n`;
}

/**
 * `plan status`: a summary line, then the posts that need a person, then (or, with --all, every
 * other post) those of the last day and the next two weeks, each with one line per network.
 */
export function formatStatusTable(report: StatusReport, options: StatusTableOptions): string {
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const posts = groupByPost(report.rows);
  if (posts.length === 0) return 'No ready posts: a post is published once its status is ready.\n';
  const attention = posts.filter((rows) => rows.some((r) => r.attention));
  const others = posts.filter((rows) => !rows.some((r) => r.attention));
  const now = Date.parse(report.now);
  const soon = options.all ? others : others.filter((rows) => withinWindow(rows[0]!, now));
  const out = [paint.bold(`${summaryLine(report.rows)} (as of ${report.nowLocal})`), ''];
  if (attention.length === 0) out.push(paint.green('✔ Nothing needs attention.'), '');
  else out.push(paint.bold.yellow('Needs attention'), '', ...attention.flatMap((rows) => postBlock(rows, report, paint)));
  const heading = options.all ? 'Every other post' : `Last day and next two weeks (to ${shortLocal(new Date(now + AHEAD_MS), report.timeZone)})`;
  out.push(paint.bold(heading), '');
  if (soon.length === 0) out.push('  Nothing published or scheduled in that time.', '');
  out.push(...soon.flatMap((rows) => postBlock(rows, report, paint)));
  const left = others.length - soon.length;
  if (left > 0) out.push(paint.dim(`${left} more ${left === 1 ? 'post' : 'posts'} published earlier or scheduled later: run "plan status --all" to see every post.`));
  return `${out.join('\n').trimEnd()}\n`;
}

/** "12 published, 2 due now, 1 failed, 30 scheduled": posts × networks in each state. */
export function summaryLine(rows: readonly StatusRow[]): string {
  const counts = countsOf(rows);
  return SUMMARY_ORDER.filter((state) => counts[state]).map((state) => `${counts[state]} ${WORDS[state]}`).join(', ');
}

function countsOf(rows: readonly StatusRow[]): Partial<Record<StatusState, number>> {
  const counts: Partial<Record<StatusState, number>> = {};
  for (const row of rows) counts[row.state] = (counts[row.state] ?? 0) + 1;
  return counts;
}

/** The rows of each post together, in the order of their publish times. */
function groupByPost(rows: readonly StatusRow[]): StatusRow[][] {
  const byFile = new Map<string, StatusRow[]>();
  for (const row of rows) byFile.set(row.file, [...(byFile.get(row.file) ?? []), row]);
  return [...byFile.values()];
}

function withinWindow(row: StatusRow, now: number): boolean {
  const at = Date.parse(row.at ?? '');
  return at >= now - BEHIND_MS && at <= now + AHEAD_MS;
}

function postBlock(rows: readonly StatusRow[], report: StatusReport, paint: ChalkInstance): string[] {
  const first = rows[0]!;
  const when = first.at ? `${first.local} (${utcTime(first.at)})` : 'no publish time';
  const width = Math.max(...rows.map((r) => profileFor(r.network).label.length));
  return [`${paint.bold(first.title)}  ${paint.dim(first.file)}`, `  ${when}`, ...rows.map((row) => `    ${profileFor(row.network).label.padEnd(width)}  ${rowText(row, report, paint)}`), ''];
}

function rowText(row: StatusRow, report: StatusReport, paint: ChalkInstance): string {
  const state = paintFor(row.state, paint)(WORDS[row.state]);
  if (row.state === 'published') {
    const when = row.publishedAt ? ` ${shortLocal(new Date(row.publishedAt), report.timeZone)} (${utcTime(row.publishedAt)})` : '';
    return `${state}${when}${row.url ? `: ${row.url}` : ''}${row.detail ? ` (${row.detail})` : ''}`;
  }
  if (row.state === 'failed') return `${state}: ${row.detail ?? 'the network refused it'} (change the post to try again)`;
  return row.detail ? `${state}: ${row.detail}` : state;
}

function paintFor(state: StatusState, paint: ChalkInstance): (text: string) => string {
  if (state === 'published') return paint.green;
  if (state === 'failed' || state === 'missed') return paint.red;
  if (state === 'unknown' || state === 'held' || state === 'blocked') return paint.yellow;
  if (state === 'expired') return paint.dim;
  return (text) => text;
}

/** "Tue Dec 1, 9:04 AM EST": the year is in the post's line above. */
function shortLocal(instant: Date, timeZone: string): string {
  return practiceTime(instant, timeZone).replace(/, \d{4},/, ',');
}
