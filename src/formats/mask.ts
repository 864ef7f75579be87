import { keysAt, mayHoldPhi } from '../loading/problems.js';
import { NETWORK_IDS, postSchema } from '../loading/schemas/index.js';
import type { LineIndex } from '../loading/source.js';
import type { Finding } from '../rules/types.js';
import { isPhiRule } from '../rules/types.js';

const MASK = '█';

/**
 * A source line with every PHI finding on it blotted out, so the line can be shown without the
 * identifier. A line of fields (frontmatter, a YAML file) shows only its field name and YAML's
 * punctuation, and not even the name when a finding points at it: any value, or a key that is not
 * a field, may be PHI the scanner does not know as such (`publish_at: 03/14/1961 Maria Gonzalez`).
 * Column positions stay where they were, so a caret under the finding still lines up.
 */
export function maskLine(text: string, line: number, findings: readonly Finding[], fieldLine: FieldLine = false): string {
  let masked = fieldLine === false ? text : maskValues(text, fieldLine);
  for (const finding of findings) {
    if (!(fieldLine || isPhiRule(finding.rule)) || line < finding.line || line > finding.endLine) continue;
    const from = line === finding.line ? finding.column - 1 : 0;
    const to = line === finding.endLine ? finding.endColumn - 1 : masked.length;
    if (to > from) masked = masked.slice(0, from) + MASK.repeat(to - from) + masked.slice(to);
  }
  return masked;
}

/** A line of fields: in a post's frontmatter, in a YAML file, or neither (false). */
export type FieldLine = 'frontmatter' | 'yaml' | false;

const fieldLineCounts = new WeakMap<LineIndex, number>();

/** Whether a line of a file holds fields: any line of a YAML file, the frontmatter's lines of a post. */
export function fieldLineOf(file: string, source: LineIndex, line: number): FieldLine {
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  let count = fieldLineCounts.get(source);
  if (count === undefined) {
    count = frontmatterLines(source);
    fieldLineCounts.set(source, count);
  }
  return line <= count ? 'frontmatter' : false;
}

/** How many lines the frontmatter takes, its `---` lines included (to the end when it is never closed). */
function frontmatterLines(source: LineIndex): number {
  if (source.lineText(1).trimEnd() !== '---') return 0;
  for (let line = 2; line <= source.lineCount; line++) if (source.lineText(line).trimEnd() === '---') return line;
  return source.lineCount;
}

// Indentation, a list item's dash, and a field name (`  - alt:`).
const FIELD_PREFIX = /^(\s*(?:-\s+)?)(?:([A-Za-z_][\w-]*)\s*:(?=\s|$))?/;
const POST_FIELDS = new Set([...keysAt(postSchema, []), 'file', 'alt', ...NETWORK_IDS]);

/** The line with only YAML's punctuation and its field name kept: the name of a post's field, or in a YAML file one that could not be PHI. */
function maskValues(text: string, fieldLine: 'frontmatter' | 'yaml'): string {
  if (text.trim() === '---') return text;
  const [prefix, indent, key] = FIELD_PREFIX.exec(text)!;
  const keyKnown = key !== undefined && (fieldLine === 'frontmatter' ? POST_FIELDS.has(key) : !mayHoldPhi(key));
  const kept = keyKnown ? prefix.length : indent!.length;
  return text.slice(0, kept) + text.slice(kept).replace(/[^\s[\]{},:]/g, MASK);
}
