export { bestTimes, MIN_SAMPLE, SETTLED_AFTER_MS, type BestTimes, type TimeCell } from './best-time.js';
export { dayNumber, WEEKDAYS } from './dates.js';
export { engagementOf, type Figures } from './figures.js';
export { publicationsOf, type Publication } from './publications.js';
export * from './report.js';
