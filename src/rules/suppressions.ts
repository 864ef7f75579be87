import type { Post } from '../loading/post.js';
import type { SourceRange } from '../loading/source.js';

/** An inline `plan-disable…` comment of a post, and the lines it covers. */
export interface Suppression {
  rules: string[];
  reason: string;
  /** Where the comment is written. */
  range: SourceRange;
  fromLine: number;
  toLine: number;
  used: boolean;
}

/** A comment schema/suppression reports, by the id of its message (see schema/suppression.ts). */
export interface SuppressionProblem {
  messageId: 'noRule' | 'unknownRule' | 'noReason';
  data: { directive: string; rules?: string };
  range: SourceRange;
}

type Kind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

const BODY_DIRECTIVE = /<!--\s*plan-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)-->/g;
const FRONTMATTER_DIRECTIVE = /#\s*plan-(disable-next-line|disable-line)\b(.*)$/;

/** Reads the suppression comments of a post; `isRule` tells a known rule id or family glob. */
export function readSuppressions(post: Post, isRule: (id: string) => boolean): { suppressions: Suppression[]; problems: SuppressionProblem[] } {
  const suppressions: Suppression[] = [];
  const problems: SuppressionProblem[] = [];
  const lastLine = post.lines.lineCount;
  const open = new Map<string, Suppression>();

  const add = (kind: Kind, argument: string, start: number, end: number) => {
    const range = post.lines.range(start, end);
    const { rules, reason } = splitArgument(argument);
    if (kind === 'enable') {
      for (const [rule, suppression] of open) {
        if (rules.length === 0 || rules.includes(rule)) {
          suppression.toLine = range.line;
          open.delete(rule);
        }
      }
      return;
    }
    const problem = validate(rules, reason, isRule);
    if (problem) {
      problems.push({ messageId: problem.messageId, data: { directive: `plan-${kind}`, ...problem.data }, range });
      return;
    }
    const [fromLine, toLine] =
      kind === 'disable-next-line' ? [range.endLine + 1, range.endLine + 1] : kind === 'disable-line' ? [range.line, range.endLine] : [range.line, lastLine];
    const suppression: Suppression = { rules, reason, range, fromLine, toLine, used: false };
    suppressions.push(suppression);
    if (kind === 'disable') for (const rule of rules) open.set(rule, suppression);
  };

  // Few posts have a comment at all: most are told by one search of the text.
  if (!post.lines.text.includes('plan-')) return { suppressions, problems };
  for (const match of post.body.matchAll(BODY_DIRECTIVE)) {
    const start = post.bodyOffset + match.index;
    add(match[1] as Kind, match[2]!, start, start + match[0].length);
  }
  const frontmatterEnd = post.lines.position(post.bodyOffset).line;
  for (let line = 2; line < frontmatterEnd; line++) {
    const text = post.lines.lineText(line);
    const match = FRONTMATTER_DIRECTIVE.exec(text);
    if (!match) continue;
    const start = post.lines.offsetOf(line, match.index + 1);
    add(match[1] as Kind, match[2]!, start, start + match[0].length);
  }
  return { suppressions, problems };
}

function splitArgument(argument: string): { rules: string[]; reason: string } {
  const [ruleText = '', ...reasonParts] = argument.split(/\s--\s?|\s--$/);
  const rules = ruleText
    .split(/[\s,]+/)
    .map((rule) => rule.trim())
    .filter(Boolean);
  return { rules, reason: reasonParts.join(' -- ').trim() };
}

function validate(rules: string[], reason: string, isRule: (id: string) => boolean): Pick<SuppressionProblem, 'messageId'> & { data?: { rules: string } } | undefined {
  if (rules.length === 0) return { messageId: 'noRule' };
  const unknown = rules.filter((rule) => !isRule(rule));
  if (unknown.length > 0) return { messageId: 'unknownRule', data: { rules: unknown.map((r) => `"${r}"`).join(', ') } };
  if (!reason) return { messageId: 'noReason' };
  return undefined;
}

/** The suppression covering a finding of `rule` on `line`, marked used; undefined when none does. */
export function suppressionFor(suppressions: readonly Suppression[], rule: string, line: number): Suppression | undefined {
  const family = `${rule.split('/')[0]}/*`;
  const found = suppressions.find((s) => line >= s.fromLine && line <= s.toLine && (s.rules.includes(rule) || s.rules.includes(family)));
  if (found) found.used = true;
  return found;
}
