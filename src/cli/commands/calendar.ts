import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { audit } from '../../audit/index.js';
import { buildCalendar, dayNumber, localDateTime, mondayOf, type Calendar } from '../../calendar/index.js';
import { PlanError } from '../../errors.js';
import { formatCalendarHtml } from '../../formats/calendar-html.js';
import { formatCalendarIcs } from '../../formats/calendar-ics.js';
import { formatCalendarJson } from '../../formats/calendar-json.js';
import { formatCalendarTable } from '../../formats/calendar-table.js';
import type { PlanFile } from '../../loading/project.js';
import type { CommandContext } from '../context.js';
import { parseCount, parseNow } from '../options.js';

export interface CalendarFlags {
  from?: string;
  weeks?: string;
  format: 'table' | 'ics' | 'json' | 'html';
  output?: string;
  now?: string;
}

const DEFAULT_WEEKS = 8;
const MAX_WEEKS = 104;

/**
 * `plan calendar`: the posts week by week against the plans, and where each stands. States come from
 * an audit (the findings that hold a post back, the PHI a title must not show) and the publish record.
 */
export async function runCalendarCommand(flags: CalendarFlags, context: CommandContext): Promise<number> {
  const weeks = parseCount('--weeks', flags.weeks) ?? DEFAULT_WEEKS;
  if (weeks < 1 || weeks > MAX_WEEKS) throw new PlanError(`--weeks ${weeks}: show between 1 and ${MAX_WEEKS} weeks`);
  const now = parseNow(flags.now, context.now);
  const from = flags.from === undefined ? undefined : checkedDate(flags.from);
  const result = await audit({ cwd: context.cwd, now, env: context.env, cache: true });
  const { project } = result;
  refuseBroken(project.config, project.networks);
  for (const planFile of [project.objectives, project.observances]) {
    if (planFile.problems.length > 0) context.stderr.write(`plan: ${planFile.file} has problems and is left out (run "plan audit" to see them)\n`);
  }
  const calendar = buildCalendar({
    project,
    posts: result.posts,
    from: mondayOf(from ?? localDateTime(now, project.timeZone).date),
    weeks,
    facts: { record: result.record, findings: result.findings, suppressed: result.suppressed, now },
  });
  if (calendar.skipped.length > 0 && (flags.format === 'ics' || flags.output)) {
    context.stderr.write(`plan: ${calendar.skipped.length} post(s) without a valid publish_at or networks are left out (run "plan audit")\n`);
  }
  const text = render(calendar, flags.format, context, !flags.output && context.stdout.isTTY);
  if (flags.output) {
    await writeOutput(path.resolve(context.cwd, flags.output), text, flags.output);
    context.stderr.write(`Calendar of ${weeks} week(s) from ${calendar.from} written to ${flags.output}\n`);
  } else context.stdout.write(text);
  return 0;
}

function render(calendar: Calendar, format: CalendarFlags['format'], context: CommandContext, toTerminal: boolean): string {
  switch (format) {
    case 'ics':
      return formatCalendarIcs(calendar, { now: context.now, toolVersion: context.version });
    case 'json':
      return formatCalendarJson(calendar);
    case 'html':
      return formatCalendarHtml(calendar, { toolVersion: context.version });
    default:
      return formatCalendarTable(calendar, { color: context.color && toTerminal });
  }
}

async function writeOutput(file: string, text: string, given: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  } catch (error) {
    throw new PlanError(`--output ${given}: could not write the calendar: ${whyNotWritten(error as NodeJS.ErrnoException)}`);
  }
}

function whyNotWritten(error: NodeJS.ErrnoException): string {
  if (error.code === 'EEXIST' || error.code === 'ENOTDIR') return 'a file stands where a folder of that path should be';
  if (error.code === 'EISDIR') return 'that is a folder: name a file';
  if (error.code === 'EACCES' || error.code === 'EPERM') return 'permission denied';
  return error.code ?? String(error);
}

function checkedDate(text: string): string {
  if (dayNumber(text) === undefined) throw new PlanError(`--from "${text}" is not a date: write it as YYYY-MM-DD, e.g. 2026-11-30 (the calendar starts on the Monday of that week)`);
  return text;
}

/** Without the practice's time zone or its networks the calendar would mislead. */
function refuseBroken(...planFiles: PlanFile<unknown>[]): void {
  for (const planFile of planFiles) {
    if (planFile.problems.length > 0) throw new PlanError(`${planFile.file} has problems: run "plan audit" to see and fix them`);
    if (!planFile.present) throw new PlanError(`there is no ${planFile.file}: run "plan init" to see an example`);
  }
}
