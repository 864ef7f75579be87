import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatPretty } from './pretty.js';
import { formatSarif } from './sarif.js';
import type { FindingsReport, PrettyOptions } from './types.js';

export const AUDIT_FORMATS = ['pretty', 'json', 'github', 'sarif', 'markdown'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export function formatFindings(format: AuditFormat, report: FindingsReport, options: PrettyOptions): string {
  switch (format) {
    case 'pretty':
      return formatPretty(report, options);
    case 'json':
      return formatJson(report);
    case 'github':
      return formatGithub(report);
    case 'sarif':
      return formatSarif(report);
    case 'markdown':
      return formatMarkdown(report);
  }
}

export type { FindingsReport, PrettyOptions } from './types.js';
