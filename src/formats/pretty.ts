import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding } from '../rules/types.js';
import type { Severity } from '../loading/schemas/index.js';
import { fieldLineOf, maskLine } from './mask.js';
import { summaryLine, type FindingsReport, type PrettyOptions } from './types.js';
import { isPhiRule } from '../rules/types.js';

const LABELS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info' };

/** Findings grouped by file, each with the line at fault (PHI and what a finding points at in a field masked), and a one-line count. */
export function formatPretty(report: FindingsReport, options: PrettyOptions): string {
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  const listed = options.notes === false ? report.findings.filter((f) => f.severity !== 'info') : report.findings;
  for (const [file, findings] of groupByFile(listed)) {
    out.push(paint.underline(file));
    for (const finding of findings) out.push(...formatFinding(finding, findings, report, options, paint));
    out.push('');
  }
  const counts = report.counts;
  const hidden = report.findings.length - listed.length;
  const summary = `${summaryLine(counts, report.posts)}${hidden > 0 ? ': list them with --notes' : ''}`;
  const mark = counts.error > 0 ? paint.red('✖') : counts.warning > 0 ? paint.yellow('⚠') : paint.green('✔');
  out.push(`${mark} ${summary}`);
  return `${out.join('\n')}\n`;
}

function formatFinding(finding: Finding, sameFile: readonly Finding[], report: FindingsReport, options: PrettyOptions, paint: ChalkInstance): string[] {
  const where = `${finding.line}:${finding.column}`.padEnd(7);
  const severity = colorFor(finding.severity, paint)(LABELS[finding.severity].padEnd(8));
  const network = finding.network ? paint.dim(`[${finding.network}] `) : '';
  const lines = [`  ${paint.dim(where)} ${severity} ${network}${finding.message}  ${paint.dim(finding.rule)}`];
  if (options.reveal && isPhiRule(finding.rule) && finding.sensitiveText !== undefined) {
    lines.push(`          ${paint.magenta('matched:')} ${finding.sensitiveText}`);
  }
  const source = report.sources.get(finding.file);
  if (!source || finding.line > source.lineCount) return lines;
  const text = source.lineText(finding.line);
  if (text.trim() === '') return lines;
  const shown = options.reveal ? text : maskLine(text, finding.line, sameFile, fieldLineOf(finding.file, source, finding.line));
  const gutter = String(finding.line).padStart(5);
  const width = finding.endLine === finding.line ? Math.max(1, finding.endColumn - finding.column) : Math.max(1, text.length - finding.column + 1);
  lines.push(`  ${paint.dim(`${gutter} │`)} ${clip(shown)}`);
  if (finding.column - 1 < 160) lines.push(`  ${paint.dim('      │')} ${' '.repeat(finding.column - 1)}${colorFor(finding.severity, paint)('^'.repeat(Math.min(width, 160 - finding.column + 1)))}`);
  return lines;
}

function clip(text: string): string {
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

function colorFor(severity: Severity, paint: ChalkInstance): ChalkInstance {
  return severity === 'error' ? paint.red : severity === 'warning' ? paint.yellow : paint.blue;
}

export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) groups.set(finding.file, [...(groups.get(finding.file) ?? []), finding]);
  return groups;
}
