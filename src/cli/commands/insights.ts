import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { audit, type AuditResult } from '../../audit/index.js';
import { phiHider } from '../../audit/hide.js';
import { PlanError } from '../../errors.js';
import { formatInsightsChart, formatInsightsHtml } from '../../formats/insights-html.js';
import { formatInsightsJson } from '../../formats/insights-json.js';
import { formatInsightsMarkdown } from '../../formats/insights-markdown.js';
import { formatInsightsTable } from '../../formats/insights-table.js';
import { buildInsights, dayNumber, defaultPeriod, type InsightsReport } from '../../insights/index.js';
import { readMetrics } from '../../loading/metrics.js';
import type { Post } from '../../loading/post.js';
import { fetchMetrics, type FetchEvent } from '../../publishing/metrics.js';
import { isPhiRule } from '../../rules/types.js';
import type { CommandContext } from '../context.js';
import { parseNow } from '../options.js';

export interface InsightsFlags {
  fetch?: boolean;
  commit?: boolean;
  from?: string;
  to?: string;
  format: 'table' | 'json' | 'markdown' | 'html';
  output?: string;
  chart?: string;
  now?: string;
}

/**
 * `plan insights`: what the published posts earned, per objective, network, audience and week, against
 * the objectives' targets. `--fetch` first reads fresh figures from each network and keeps them where
 * the publish record lives (`--commit`: on the record branch of the remote).
 */
export async function runInsightsCommand(flags: InsightsFlags, context: CommandContext): Promise<number> {
  if (flags.commit && !flags.fetch) throw new PlanError('--commit keeps the figures --fetch reads on the remote: use it with --fetch');
  const now = parseNow(flags.now, context.now);
  const period = { from: flags.from === undefined ? undefined : checkedDate('--from', flags.from), to: flags.to === undefined ? undefined : checkedDate('--to', flags.to) };
  if (period.from && period.to) checkedOrder(period.from, period.to);
  let exitCode = 0;
  if (flags.fetch) {
    const summary = await fetchMetrics({ cwd: context.cwd, now, env: context.env, commit: flags.commit === true, report: (event) => context.stderr.write(fetchLine(event)) });
    if (summary.failedNetworks > 0) exitCode = 1;
  }
  const result = await audit({ cwd: context.cwd, now, env: context.env, cache: true });
  const report = await insightsOf(result, period, now, context);
  await write(report, flags, context);
  return exitCode;
}

async function insightsOf(result: AuditResult, period: { from?: string; to?: string }, now: Date, context: CommandContext): Promise<InsightsReport> {
  const { project } = result;
  const metrics = await readMetrics(result.root);
  for (const damaged of metrics.damaged) context.stderr.write(`plan: ${damaged.source} line ${damaged.line} is not a snapshot of figures and is left out\n`);
  const fallback = defaultPeriod(now, project.timeZone);
  const from = period.from ?? (period.to && period.to < fallback.from ? period.to : fallback.from);
  const to = period.to ?? (period.from && period.from > fallback.to ? period.from : fallback.to);
  return buildInsights({ project, posts: result.posts, record: result.record, snapshots: metrics.snapshots, from, to, titleOf: (post) => shownTitle(post, result) });
}

/** The title with what a PHI finding covers hidden: the report goes to job summaries and files many read. */
function shownTitle(post: Post, result: AuditResult): string | undefined {
  const title = post.frontmatter.title;
  if (!title) return undefined;
  const phi = [...result.findings, ...result.suppressed].filter((f) => f.file === post.file && isPhiRule(f.rule));
  return phi.length === 0 ? title : phiHider(post, result.project, phi).field(title, post.locate(['title']));
}

async function write(report: InsightsReport, flags: InsightsFlags, context: CommandContext): Promise<void> {
  if (flags.chart) {
    await writeFileFor('--chart', flags.chart, await formatInsightsChart(report), context);
    context.stderr.write(`Chart of the weekly figures written to ${flags.chart}\n`);
  }
  const text = await render(report, flags.format, context.color && !flags.output && context.stdout.isTTY, context.version);
  if (!flags.output) {
    context.stdout.write(text);
    return;
  }
  await writeFileFor('--output', flags.output, text, context);
  context.stderr.write(`Results written to ${flags.output}\n`);
}

function render(report: InsightsReport, format: InsightsFlags['format'], color: boolean, version: string): Promise<string> | string {
  switch (format) {
    case 'json':
      return formatInsightsJson(report);
    case 'markdown':
      return formatInsightsMarkdown(report);
    case 'html':
      return formatInsightsHtml(report, { toolVersion: version });
    default:
      return formatInsightsTable(report, { color });
  }
}

function fetchLine(event: FetchEvent): string {
  return `${event.kind === 'problem' ? 'plan: ' : ''}${event.line}\n`;
}

async function writeFileFor(flag: string, given: string, text: string, context: CommandContext): Promise<void> {
  const file = path.resolve(context.cwd, given);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'that is a folder: name a file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file stands where a folder of that path should be' : (code ?? String(error));
    throw new PlanError(`${flag} ${given}: could not write it: ${why}`);
  }
}

function checkedOrder(from: string, to: string): void {
  if (from > to) throw new PlanError(`--from ${from} is after --to ${to}: give the first day of the period, then the last`);
}

function checkedDate(flag: string, text: string): string {
  if (dayNumber(text) === undefined) throw new PlanError(`${flag} "${text}" is not a date: write it as YYYY-MM-DD, e.g. 2026-12-01`);
  return text;
}
