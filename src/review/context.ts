import type { AuditResult } from '../audit/index.js';
import type { Finding } from '../rules/types.js';
import type { BranchDiff, LineSpan } from '../loading/git.js';
import type { ReviewApproval, ReviewFinding } from './types.js';

/** What every part of a review is built from: one audit of the working tree (with the publish record) and the diff. */
export interface ReviewContext {
  root: string;
  audit: AuditResult;
  diff: BranchDiff;
  now: Date;
  env: NodeJS.ProcessEnv;
  /** The pull request's approval, where plan.config.yaml requires one. */
  approval?: ReviewApproval;
}

export function changedLinesOf(context: ReviewContext, file: string): LineSpan[] {
  return context.diff.changedLines.get(file) ?? [];
}

/** A finding as a review shows it: never with the text a PHI finding matched. */
export function reviewFinding(finding: Finding, changedLines: readonly LineSpan[]): ReviewFinding {
  return {
    rule: finding.rule,
    severity: finding.severity,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    network: finding.network,
    message: finding.message,
    onChangedLine: changedLines.some(([from, to]) => finding.line <= to && from <= finding.endLine),
  };
}
