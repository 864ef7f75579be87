import type { Post } from '../../loading/post.js';
import { PARSE_RULE } from '../../loading/problems.js';
import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';

export const objective = defineRule({
  meta: {
    id: 'plan/objective',
    severity: 'warning',
    docs: {
      description: 'A post without an objective from plans/objectives.yaml, so it cannot count toward the objective mix (an objective the plan does not define is schema/unknown-id).',
      why: 'plans/objectives.yaml says what the practice posts for (new patients, education, community health…) and in what proportion. A post that does not say which objective it serves is left out of that balance, so the plan cannot tell whether the calendar follows it.',
      url: docsUrl('plan/objective'),
    },
    messages: {
      noObjective: 'this post has no objective: add "objective:" with what it is for, one of {{ids}} (see plans/objectives.yaml)',
    },
  },
  checkPost({ post, project, report }) {
    const ids = Object.keys(project.objectives.data?.objectives ?? {});
    if (ids.length === 0 || post.frontmatter.objective !== undefined || !isReadable(post) || writesField(post, 'objective')) return;
    report({ messageId: 'noObjective', data: { ids: ids.join(', ') }, range: post.locate([]) });
  },
});

function isReadable(post: Post): boolean {
  return !post.problems.some((problem) => problem.rule === PARSE_RULE);
}

// A field written with a bad value is left out of the frontmatter and reported by the schema rules;
// it is there when it has a place of its own, not the whole frontmatter's.
function writesField(post: Post, field: string): boolean {
  const whole = post.locate([]);
  const own = post.locate([field], 'key');
  return own.line !== whole.line || own.column !== whole.column || own.endLine !== whole.endLine || own.endColumn !== whole.endColumn;
}
