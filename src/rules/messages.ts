import type { MessageData, Report, ReportDescriptor, RuleMeta } from './types.js';

/** Where the rule pages live: the repository on GitHub, docs/rules/. */
export const RULE_DOCS_BASE_URL = 'https://github.com/practice-plan/plan/blob/main/docs/rules/';

/** The page of a rule, e.g. https://github.com/practice-plan/plan/blob/main/docs/rules/network/length.md. */
export function docsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${ruleId}.md`;
}

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** A template with its `{{name}}` placeholders filled from `data`; a placeholder without a value is left as written. */
export function fillMessage(template: string, data: MessageData = {}): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(data, name) ? String(data[name]) : whole));
}

/** The placeholder names of a template, in order. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

/** A rule's report with its message written out. */
export function writeReport(meta: RuleMeta, descriptor: ReportDescriptor): Report {
  const template = meta.messages[descriptor.messageId];
  // A rule naming a message it does not have is a bug in plan, not in the user's files.
  if (template === undefined) throw new Error(`rule ${meta.id} has no message "${descriptor.messageId}"`);
  return {
    message: fillMessage(template, descriptor.data),
    range: descriptor.range,
    ...(descriptor.network ? { network: descriptor.network } : {}),
    ...(descriptor.sensitiveText === undefined ? {} : { sensitiveText: descriptor.sensitiveText }),
  };
}
