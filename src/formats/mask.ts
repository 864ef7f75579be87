import type { LineIndex } from '../loading/source.js';
import type { Finding } from '../rules/types.js';
import { isPhiRule } from '../rules/types.js';

const MASK = '█';

/**
 * A source line with every PHI finding on it blotted out, so the line can be shown without the
 * identifier; on a line of fields (frontmatter, a YAML file) what every finding points at is blotted
 * out too: a value or key the message is about may be PHI the scanner does not know as such
 * (`publish_at: 03/14/1961 Maria Gonzalez`). Column positions stay where they were, so a caret under
 * the finding still lines up.
 */
export function maskLine(text: string, line: number, findings: readonly Finding[], fieldLine = false): string {
  let masked = text;
  for (const finding of findings) {
    if (!(fieldLine || isPhiRule(finding.rule)) || line < finding.line || line > finding.endLine) continue;
    const from = line === finding.line ? finding.column - 1 : 0;
    const to = line === finding.endLine ? finding.endColumn - 1 : masked.length;
    if (to > from) masked = masked.slice(0, from) + MASK.repeat(to - from) + masked.slice(to);
  }
  return masked;
}

const fieldLineCounts = new WeakMap<LineIndex, number>();

/** Whether a line of a file holds fields: any line of a YAML file, the frontmatter's lines of a post. */
export function isFieldLine(file: string, source: LineIndex, line: number): boolean {
  if (/\.ya?ml$/i.test(file)) return true;
  let count = fieldLineCounts.get(source);
  if (count === undefined) {
    count = frontmatterLines(source);
    fieldLineCounts.set(source, count);
  }
  return line <= count;
}

/** How many lines the frontmatter takes, its `---` lines included (to the end when it is never closed). */
function frontmatterLines(source: LineIndex): number {
  if (source.lineText(1).trimEnd() !== '---') return 0;
  for (let line = 2; line <= source.lineCount; line++) if (source.lineText(line).trimEnd() === '---') return line;
  return source.lineCount;
}
