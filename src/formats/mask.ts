import type { Finding } from '../rules/types.js';
import { isPhiRule } from '../rules/types.js';

const MASK = '█';

/**
 * A source line with every PHI finding on it blotted out, so the line can be shown without the
 * identifier. Column positions stay where they were, so a caret under the finding still lines up.
 */
export function maskLine(text: string, line: number, findings: readonly Finding[]): string {
  let masked = text;
  for (const finding of findings) {
    if (!isPhiRule(finding.rule) || line < finding.line || line > finding.endLine) continue;
    const from = line === finding.line ? finding.column - 1 : 0;
    const to = line === finding.endLine ? finding.endColumn - 1 : masked.length;
    if (to > from) masked = masked.slice(0, from) + MASK.repeat(to - from) + masked.slice(to);
  }
  return masked;
}
