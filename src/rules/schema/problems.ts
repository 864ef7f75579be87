import { planFilesOf } from '../../loading/project.js';
import type { PostCheckContext, ProjectCheckContext, Rule, RuleMeta } from '../types.js';

/** The message of a rule whose words come from loading: the problem as loading found it. */
export const PROBLEM_MESSAGES = { problem: '{{problem}}' } as const;

type ProblemMessage = keyof typeof PROBLEM_MESSAGES;

/** A rule that reports the problems loading found in posts and plan files under its id. */
export function loadProblemRule(meta: RuleMeta<ProblemMessage>): Rule<ProblemMessage> {
  return {
    meta,
    checkPost: (context) => reportPostProblems(meta.id, context),
    checkProject: (context) => reportPlanFileProblems(meta.id, context),
  };
}

export function reportPostProblems(ruleId: string, { post, report }: PostCheckContext<ProblemMessage>): void {
  for (const problem of post.problems) {
    if (problem.rule === ruleId) report({ messageId: 'problem', data: { problem: problem.message }, range: problem.range });
  }
}

export function reportPlanFileProblems(ruleId: string, { project, report }: ProjectCheckContext<ProblemMessage>): void {
  for (const file of planFilesOf(project)) {
    for (const problem of file.problems) {
      if (problem.rule === ruleId) report({ file: file.file, messageId: 'problem', data: { problem: problem.message }, range: problem.range });
    }
  }
}
