import type { Severity } from '../../loading/schemas/index.js';
import { isPhiRule, type Finding, type Rule } from '../types.js';
import type { LineSuppression, RuleExample } from './examples.js';

/** The first line of every generated page: where to make a change instead. */
export const GENERATED_NOTE = '<!-- Written by scripts/rule-docs.mjs from the rule\'s meta (src/rules/) and its examples (test/fixtures/every-rule/): change those and run it again. -->';

const SEVERITY_EFFECTS: Record<Severity, string> = {
  error: '`plan audit` fails, and the CI check with it',
  warning: '`plan audit` lists it and still passes, unless run with `--max-warnings`',
  info: '`plan audit` counts it as a note and lists it with `--notes`; it is advice, never a problem',
};

/** The markdown page of a rule. */
export function rulePage(example: RuleExample, suppression: LineSuppression | undefined): string {
  const { rule } = example;
  const { id, severity, docs } = rule.meta;
  return [
    GENERATED_NOTE,
    '',
    `# ${id}`,
    '',
    docs.description,
    '',
    `Default severity: **${severity}** (${SEVERITY_EFFECTS[severity]}).`,
    '',
    '## Why it matters',
    '',
    docs.why,
    '',
    ...exampleSection(example),
    ...severitySection(id, isPost(example.file)),
    ...suppressionSection(example, suppression),
  ].join('\n');
}

function exampleSection({ rule, file, wrong, right, findings }: RuleExample): string[] {
  const language = isPost(file) ? 'markdown' : 'yaml';
  const shown = excerpt(wrong, file, findings[0]?.line ?? 1);
  const fixed = shown.key === undefined ? right : (blockOf(right, shown.key) ?? right);
  const where = shown.key === undefined ? `\`${file}\`` : `the \`${shown.key}:\` entry of \`${file}\``;
  return [
    '## Example',
    '',
    `Wrong, ${where}:`,
    '',
    fence(language, shown.text),
    '',
    `\`plan audit\` says:`,
    '',
    fence('text', findings.map((finding) => findingLine(finding, rule)).join('\n')),
    '',
    `Right, the same ${shown.key === undefined ? (isPost(file) ? 'post' : 'file') : 'entry'} corrected:`,
    '',
    fence(language, fixed),
    '',
  ];
}

function findingLine(finding: Finding, rule: Rule): string {
  const network = finding.network ? `[${finding.network}] ` : '';
  return `${finding.file}:${finding.line}:${finding.column}  ${finding.severity}  ${network}${finding.message}  (${rule.meta.id})`;
}

function severitySection(id: string, onPosts: boolean): string[] {
  const everywhere = ['## Changing its severity', '', 'In `plan.config.yaml`:', '', fence('yaml', `rules:\n  ${id}: warning   # error, warning, info or off`), ''];
  if (!onPosts) return everywhere;
  return [
    ...everywhere,
    'or for some posts only (here, old posts kept for the record):',
    '',
    fence('yaml', `overrides:\n  - files: ["content/archive/**"]\n    rules: { ${id}: off }`),
    '',
  ];
}

function suppressionSection({ rule, file }: RuleExample, suppression: LineSuppression | undefined): string[] {
  const heading = ['## Turning it off for one line', ''];
  if (!suppression?.works) {
    const why = suppression ? 'plan-disable comments do not cover its findings' : `it reports on \`${file}\`, and comments turn findings off in posts only`;
    return [...heading, `A comment cannot turn it off: ${why}. Correct the file, or change the rule's severity as above.`, ''];
  }
  const [comment] = suppression.lines;
  const where = comment!.startsWith('<!--') ? 'the line' : 'the frontmatter line';
  const review = isPhiRule(rule.meta.id) ? ['`plan review` still shows the reviewers every `phi/*` finding turned off, with its reason.', ''] : [];
  return [
    ...heading,
    'Turn a finding off only where plan is wrong about the post, and say why: the post is then published as if the finding were not there, and a network that refuses the post still refuses it.',
    '',
    `Write a \`plan-disable-next-line\` comment above ${where}, with the reason after \` -- \` for the reviewers:`,
    '',
    fence('markdown', suppression.lines.join('\n')),
    '',
    ...review,
    'A comment without a reason, or one that turns nothing off, is a finding of its own (`schema/suppression`, `schema/unused-suppression`).',
    '',
  ];
}

function isPost(file: string): boolean {
  return file.startsWith('content/') && file.endsWith('.md');
}

function fence(language: string, text: string): string {
  return `\`\`\`${language}\n${text.replace(/\n+$/, '')}\n\`\`\``;
}

interface Excerpt {
  text: string;
  /** The top-level key of a YAML file the excerpt is, or undefined for the whole file. */
  key?: string;
}

/** A post whole; a YAML file's top-level entry that holds the line (the account, `objectives:`, `rules:`). */
function excerpt(text: string, file: string, line: number): Excerpt {
  if (isPost(file)) return { text };
  const lines = text.split('\n');
  let start = line - 1;
  while (start > 0 && !isTopLevelKey(lines[start]!)) start--;
  const key = /^([^\s:#][^:]*):/.exec(lines[start] ?? '')?.[1];
  if (key === undefined) return { text };
  return { text: blockOf(text, key)!, key };
}

/** The lines of a top-level YAML entry, from its key to the line before the next top-level line (comments after it left out). */
function blockOf(text: string, key: string): string | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${key}:`));
  if (start === -1) return undefined;
  let end = start + 1;
  while (end < lines.length && !/^\S/.test(lines[end]!)) end++;
  while (end > start + 1 && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end).join('\n');
}

function isTopLevelKey(line: string): boolean {
  return /^[^\s#-][^:]*:/.test(line);
}
