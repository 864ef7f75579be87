import type { Severity } from '../loading/schemas/index.js';
import type { FindingsReport } from './types.js';

const LEVELS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0, for code-scanning uploads. Messages never carry PHI text, like every format. */
export function formatSarif(report: FindingsReport): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'plan',
            version: report.toolVersion,
            rules: report.rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.docs.description },
              fullDescription: { text: rule.docs.why },
              helpUri: rule.docs.url,
              defaultConfiguration: { level: LEVELS[rule.severity] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: './' } },
        results: report.findings.map((f) => ({
          ruleId: f.rule,
          ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
          level: LEVELS[f.severity],
          message: { text: f.network ? `[${f.network}] ${f.message}` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file), uriBaseId: 'SRCROOT' },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.column) },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
