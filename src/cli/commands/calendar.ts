import { buildCalendar, dayNumber, localDateTime, mondayOf } from '../../calendar/index.js';
import { PlanError } from '../../errors.js';
import { formatCalendarIcs } from '../../formats/calendar-ics.js';
import { formatCalendarJson } from '../../formats/calendar-json.js';
import { formatCalendarTable } from '../../formats/calendar-table.js';
import { findRoot, loadProject, type PlanFile } from '../../loading/project.js';
import type { CommandContext } from '../context.js';
import { parseCount } from '../options.js';
import { loadPosts } from '../../loading/posts.js';

export interface CalendarFlags {
  from?: string;
  weeks?: string;
  format: 'table' | 'ics' | 'json';
}

const DEFAULT_WEEKS = 8;
const MAX_WEEKS = 104;

export async function runCalendarCommand(flags: CalendarFlags, context: CommandContext): Promise<number> {
  const weeks = parseCount('--weeks', flags.weeks) ?? DEFAULT_WEEKS;
  if (weeks < 1 || weeks > MAX_WEEKS) throw new PlanError(`--weeks ${weeks}: show between 1 and ${MAX_WEEKS} weeks`);
  const root = await findRoot(context.cwd);
  const project = await loadProject(root);
  refuseBroken(project.config, project.networks);
  for (const planFile of [project.objectives, project.observances]) {
    if (planFile.problems.length > 0) context.stderr.write(`plan: ${planFile.file} has problems and is left out (run "plan audit" to see them)\n`);
  }
  const from = mondayOf(flags.from === undefined ? localDateTime(context.now, project.timeZone).date : checkedDate(flags.from));
  const posts = await loadPosts(root, project.timeZone, true);
  const calendar = buildCalendar({ project, posts, from, weeks });
  if (flags.format === 'ics') {
    if (calendar.skipped.length > 0) context.stderr.write(`plan: ${calendar.skipped.length} post(s) without a valid publish_at or networks are left out (run "plan audit")\n`);
    context.stdout.write(formatCalendarIcs(calendar, { now: context.now, toolVersion: context.version }));
  } else if (flags.format === 'json') context.stdout.write(formatCalendarJson(calendar));
  else context.stdout.write(formatCalendarTable(calendar, { color: context.color && context.stdout.isTTY }));
  return 0;
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
