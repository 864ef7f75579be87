import type { InsightsReport } from '../insights/index.js';

/** `plan insights --format json`: the whole report, version 1. */
export function formatInsightsJson(report: InsightsReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
