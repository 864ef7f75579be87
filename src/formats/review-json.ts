import type { Review } from '../review/index.js';

/** The review model as it is: it holds no text a PHI finding matched. */
export function formatReviewJson(review: Review): string {
  return `${JSON.stringify(review, null, 2)}\n`;
}
