import { appendFile } from 'node:fs/promises';
import { PlanError } from '../errors.js';
import { readDateTime } from '../loading/schemas/index.js';

/** `--now`: an ISO date-time; the run's clock when absent. */
export function parseNow(text: string | undefined, clock: Date): Date {
  if (text === undefined) return clock;
  // Date parses almost anything ("1" is 2001-01-01) and rolls 30 February into March: check the form and the date first.
  const written = readDateTime(text.replace(/(:\d{2})\.\d+/, '$1'));
  const date = new Date(text);
  if (typeof written === 'string' || Number.isNaN(date.getTime())) {
    throw new PlanError(`--now "${text}" is not a date and time: use ISO 8601, e.g. 2026-10-06T09:00:00Z`);
  }
  return date;
}

export function parseCount(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new PlanError(`${flag} "${text}" is not a whole number of 0 or more`);
  return Number(text);
}

/** Adds to the job summary of a GitHub Actions run (`$GITHUB_STEP_SUMMARY`), when there is one. */
export async function appendStepSummary(env: NodeJS.ProcessEnv, markdown: string): Promise<void> {
  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, markdown);
}
