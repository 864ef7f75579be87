import { closest } from '../../util/closest.js';
import { docsUrl } from '../messages.js';
import { defineRule, type ProjectCheckContext } from '../types.js';
import { PROBLEM_MESSAGES, reportPlanFileProblems } from './problems.js';

const messages = {
  ...PROBLEM_MESSAGES,
  unknownRule: 'unknown rule "{{id}}" (the rule ids are listed in plan\'s README)',
  unknownRuleLike: 'unknown rule "{{id}}": did you mean "{{suggestion}}"? (the rule ids are listed in plan\'s README)',
};

export const config = defineRule({
  meta: {
    id: 'schema/config',
    severity: 'error',
    docs: {
      description: 'plan.config.yaml against its schema: practice facts, timezone, rule settings (rule ids must exist), overrides.',
      why: "plan.config.yaml holds the practice's own details (which plan never mistakes for a patient's), its time zone and how serious each check is. A misspelt rule id under rules: or overrides: would silently change nothing, so a check you meant to turn down would still block, or one you meant to turn up would stay quiet.",
      url: docsUrl('schema/config'),
    },
    messages,
  },
  checkProject(context) {
    reportPlanFileProblems(config.meta.id, context);
    checkRuleNames(context);
  },
});

/** A misspelt rule id in `rules:` or `overrides:` would silently change nothing. */
function checkRuleNames({ project, ruleIds, report }: ProjectCheckContext<keyof typeof messages>): void {
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
    const range = project.config.locate(path, 'key');
    if (suggestion) report({ file: project.config.file, messageId: 'unknownRuleLike', data: { id, suggestion }, range });
    else report({ file: project.config.file, messageId: 'unknownRule', data: { id }, range });
  }
}
