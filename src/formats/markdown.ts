import type { Finding } from '../rules/types.js';
import { groupByFile } from './pretty.js';
import { unmention } from './review-markdown.js';
import { summaryLine, type FindingsReport } from './types.js';

const ICONS = { error: '🛑 error', warning: '⚠️ warning', info: 'ℹ️ info' } as const;

/** A markdown report for a job summary or a comment: a count, then a table per file. */
export function formatMarkdown(report: FindingsReport): string {
  const out = ['## plan audit', '', summaryLine(report.counts, report.posts), ''];
  for (const [file, findings] of groupByFile(report.findings)) {
    out.push(`### \`${file}\``, '', '| Line | Severity | Network | Finding | Rule |', '|---:|---|---|---|---|');
    out.push(...findings.map(row), '');
  }
  return `${out.join('\n')}\n`;
}

function row(finding: Finding): string {
  return `| ${finding.line}:${finding.column} | ${ICONS[finding.severity]} | ${finding.network ?? ''} | ${cell(finding.message)} | \`${finding.rule}\` |`;
}

/** A message in a table cell: no markdown table broken, no HTML, and an @name notifies no one. */
export function cell(text: string): string {
  return unmention(text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;'));
}
