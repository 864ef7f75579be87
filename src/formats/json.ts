import type { FindingsReport } from './types.js';

/** The JSON report (`version: 1`, documented in the README). The matched text of PHI findings is never part of it. */
export function formatJson(report: FindingsReport): string {
  const findings = report.findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    network: f.network,
    message: f.message,
  }));
  return `${JSON.stringify({ version: 1, posts: report.posts, findings, counts: report.counts }, null, 2)}\n`;
}
