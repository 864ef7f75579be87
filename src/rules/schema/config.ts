import { closest } from '../../util/closest.js';
import type { ProjectCheckContext, Rule } from '../types.js';
import { loadProblemRule } from './problems.js';

const meta = {
  id: 'schema/config',
  severity: 'error',
  docs: 'plan.config.yaml against its schema: practice facts, timezone, rule settings (rule ids must exist), overrides.',
} as const;

const problems = loadProblemRule(meta);

export const config: Rule = {
  meta,
  checkProject(context) {
    problems.checkProject?.(context);
    checkRuleNames(context);
  },
};

/** A misspelt rule id in `rules:` or `overrides:` would silently change nothing. */
function checkRuleNames({ project, ruleIds, report }: ProjectCheckContext): void {
  const data = project.config.data;
  if (!data) return;
  const families = new Set(ruleIds.map((id) => `${id.split('/')[0]}/*`));
  const settings: [string, (string | number)[]][] = [
    ...Object.keys(data.rules).map((id): [string, (string | number)[]] => [id, ['rules', id]]),
    ...data.overrides.flatMap((o, i) => Object.keys(o.rules).map((id): [string, (string | number)[]] => [id, ['overrides', i, 'rules', id]])),
  ];
  for (const [id, path] of settings) {
    if (ruleIds.includes(id) || families.has(id)) continue;
    const suggestion = closest(id, [...ruleIds, ...families]);
    report({
      file: project.config.file,
      message: `unknown rule "${id}"${suggestion ? `: did you mean "${suggestion}"?` : ''} (the rule ids are listed in plan's README)`,
      range: project.config.locate(path, 'key'),
    });
  }
}
