import { RULES } from '../registry.js';
import type { Rule } from '../types.js';
import { auditExamples, lineSuppression, ruleExamples } from './examples.js';
import { rulePage } from './page.js';

export { EXAMPLES_ENV, EXAMPLES_NOW, FIXED_FOLDER, auditExamples, auditRepository, exampleFileOf } from './examples.js';

/** Where each rule's page lives in the repository, as its docs.url says on GitHub. */
export function pagePath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

/** Every rule's page, by its path in the repository, with examples from the repository at `examplesRoot`. */
export async function rulePages(examplesRoot: string, rules: readonly Rule[] = RULES): Promise<Map<string, string>> {
  const audited = await auditExamples(examplesRoot, rules);
  const pages = new Map<string, string>();
  for (const example of ruleExamples(audited)) pages.set(pagePath(example.rule.meta.id), `${rulePage(example, lineSuppression(audited, example))}\n`);
  return pages;
}

const TABLE_HEAD = '| rule | default | checks |\n|---|---|---|';

/** The README's rule table: each rule, linked to its page, its default severity and what it checks. */
export function ruleTable(rules: readonly Rule[] = RULES): string {
  const rows = rules.map(({ meta }) => `| [\`${meta.id}\`](${pagePath(meta.id)}) | ${meta.severity} | ${meta.docs.description.replace(/\|/g, '\\|')} |`);
  return [TABLE_HEAD, ...rows].join('\n');
}

/** The README with the rule table of its "## Rules" section replaced by `table`. */
export function withRuleTable(readme: string, table: string): string {
  const section = readme.indexOf('\n## Rules\n');
  const start = readme.indexOf(TABLE_HEAD, section);
  if (section === -1 || start === -1) throw new Error('README.md has no rule table under "## Rules" (a line "| rule | default | checks |")');
  let end = readme.indexOf('\n', start);
  while (end !== -1 && readme.startsWith('|', end + 1)) end = readme.indexOf('\n', end + 1);
  return `${readme.slice(0, start)}${table}${end === -1 ? '\n' : readme.slice(end)}`;
}
