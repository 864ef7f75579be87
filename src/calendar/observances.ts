import type { ObservancesPlan } from '../loading/schemas/index.js';
import { addDays, dayNumber } from '../util/dates.js';

export interface Observance {
  name: string;
  /** First and last day, both included. */
  start: string;
  end: string;
  kind: 'month' | 'day' | 'period';
  link?: string;
}

type Entry = ObservancesPlan['observances'][number];

/** Every occurrence of the plan's observances that overlaps the days `from` to `to` (both included). */
export function observancesBetween(plan: ObservancesPlan | undefined, from: string, to: string): Observance[] {
  const years = yearsBetween(from, to);
  const found: Observance[] = [];
  for (const entry of plan?.observances ?? []) {
    for (const year of years) {
      const occurrence = occurrenceIn(entry, year);
      if (occurrence && occurrence.start <= to && occurrence.end >= from && !found.some((o) => same(o, occurrence))) found.push(occurrence);
    }
  }
  return found.sort((a, b) => a.start.localeCompare(b.start) || b.end.localeCompare(a.end) || a.name.localeCompare(b.name));
}

// A period that runs over New Year ("12-28" to "01-03") starts the year before, so look one year back.
function yearsBetween(from: string, to: string): number[] {
  const years: number[] = [];
  for (let year = Number(from.slice(0, 4)) - 1; year <= Number(to.slice(0, 4)); year++) years.push(year);
  return years;
}

function occurrenceIn(entry: Entry, year: number): Observance | undefined {
  const link = entry.link === undefined ? {} : { link: entry.link };
  if ('month' in entry) {
    const month = String(entry.month).padStart(2, '0');
    const start = `${year}-${month}-01`;
    const next = entry.month === 12 ? `${year + 1}-01-01` : `${year}-${String(entry.month + 1).padStart(2, '0')}-01`;
    return { name: entry.name, start, end: addDays(next, -1), kind: 'month', ...link };
  }
  if ('date' in entry) {
    const date = entry.date.length === 10 ? entry.date : `${year}-${entry.date}`;
    // A dated observance happens once; "02-29" only in leap years.
    if ((entry.date.length === 10 && Number(date.slice(0, 4)) !== year) || dayNumber(date) === undefined) return undefined;
    return { name: entry.name, start: date, end: date, kind: 'day', ...link };
  }
  const start = `${year}-${entry.start}`;
  const end = entry.end >= entry.start ? `${year}-${entry.end}` : `${year + 1}-${entry.end}`;
  if (dayNumber(start) === undefined || dayNumber(end) === undefined) return undefined;
  return { name: entry.name, start, end, kind: 'period', ...link };
}

function same(a: Observance, b: Observance): boolean {
  return a.name === b.name && a.start === b.start;
}
