import type { Severity } from '../loading/schemas/index.js';
import { docsUrl } from '../rules/messages.js';
import { RULES } from '../rules/registry.js';
import type { Finding } from '../rules/types.js';
import { plural, summaryLine, type FindingsReport } from './types.js';

/** GitHub shows at most 10 annotations of each kind per step; the rest would be dropped silently. */
export const ANNOTATION_CAP = 10;

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Workflow commands, errors first, capped at GitHub's limit, then a summary line. */
export function formatGithub(report: FindingsReport): string {
  const lines: string[] = [];
  let left = 0;
  for (const severity of ['error', 'warning', 'info'] as const) {
    const findings = report.findings.filter((f) => f.severity === severity);
    lines.push(...findings.slice(0, ANNOTATION_CAP).map(annotation));
    left += Math.max(0, findings.length - ANNOTATION_CAP);
  }
  if (left > 0) lines.push(`${plural(left, 'more finding')} not annotated (GitHub shows ${ANNOTATION_CAP} of each kind per step): see the job summary or run "plan audit" locally.`);
  lines.push(summaryLine(report.counts, report.posts));
  return `${lines.join('\n')}\n`;
}

/** One workflow command; a review's findings have the same fields. */
export type Annotated = Pick<Finding, 'rule' | 'severity' | 'file' | 'line' | 'column' | 'endLine' | 'endColumn' | 'network' | 'message'>;

export function annotation(finding: Annotated): string {
  const properties = [
    `file=${escapeProperty(finding.file)}`,
    `line=${finding.line}`,
    `col=${finding.column}`,
    `endLine=${finding.endLine}`,
    `endColumn=${finding.endColumn}`,
    `title=${escapeProperty(finding.rule)}`,
  ];
  const network = finding.network ? `[${finding.network}] ` : '';
  return `::${COMMANDS[finding.severity]} ${properties.join(',')}::${escapeData(network + finding.message + aboutRule(finding.rule))}`;
}

const RULE_IDS = new Set(RULES.map((rule) => rule.meta.id));

/** Where the rule's page explains it, with examples: the annotation's last line. */
function aboutRule(rule: string): string {
  return RULE_IDS.has(rule) ? `\n\nAbout ${rule}: ${docsUrl(rule)}` : '';
}

/** The escaping of @actions/core: message data and property values differ. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
