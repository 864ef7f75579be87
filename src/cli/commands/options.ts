import { PlanError } from '../../errors.js';

/** `--now`: an ISO date-time; the real clock when absent. */
export function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new PlanError(`--now "${text}" is not a date and time: use ISO 8601, e.g. 2026-10-06T09:00:00Z`);
  return date;
}

export function parseCount(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new PlanError(`${flag} "${text}" is not a whole number of 0 or more`);
  return Number(text);
}
