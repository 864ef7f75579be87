import type { Review, ReviewFinding } from '../review/index.js';
import { ANNOTATION_CAP, annotation } from './github.js';
import { plural } from './types.js';

/**
 * Workflow commands for the findings on lines the pull request added or changed, errors first and
 * capped at GitHub's limit: reviewers see them in the diff without noise on lines nobody touched.
 */
export function formatReviewGithub(review: Review): string {
  const findings = reviewedFindings(review).filter((f) => f.onChangedLine);
  const lines: string[] = [];
  let left = 0;
  for (const severity of ['error', 'warning', 'info'] as const) {
    const ofSeverity = findings.filter((f) => f.severity === severity);
    lines.push(...ofSeverity.slice(0, ANNOTATION_CAP).map(annotation));
    left += Math.max(0, ofSeverity.length - ANNOTATION_CAP);
  }
  if (left > 0) lines.push(`${plural(left, 'more finding')} not annotated (GitHub shows ${ANNOTATION_CAP} of each kind per step): see the review comment or the job summary.`);
  const elsewhere = reviewedFindings(review).length - findings.length;
  lines.push(`${plural(findings.length, 'finding')} on lines this pull request changed${elsewhere > 0 ? `, ${elsewhere} elsewhere in the posts it touches (see the review comment)` : ''}.`);
  return `${lines.join('\n')}\n`;
}

function reviewedFindings(review: Review): ReviewFinding[] {
  return [...review.planFindings, ...review.posts.flatMap((p) => [...p.findings, ...p.networks.flatMap((n) => n.findings)])];
}

