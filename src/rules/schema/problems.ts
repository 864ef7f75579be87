import { planFilesOf } from '../../loading/project.js';
import type { Rule, RuleMeta } from '../types.js';

/** A rule that reports the problems loading found in posts and plan files under its id. */
export function loadProblemRule(meta: RuleMeta): Rule {
  return {
    meta,
    checkPost({ post, report }) {
      for (const problem of post.problems) if (problem.rule === meta.id) report({ message: problem.message, range: problem.range });
    },
    checkProject({ project, report }) {
      for (const file of planFilesOf(project)) {
        for (const problem of file.problems) if (problem.rule === meta.id) report({ file: file.file, message: problem.message, range: problem.range });
      }
    },
  };
}

export const parse = loadProblemRule({
  id: 'schema/parse',
  severity: 'error',
  docs: 'A file that cannot be read or parsed: broken YAML, tabs, an unclosed frontmatter, a binary or oversized file, a link outside the repository.',
});

export const frontmatter = loadProblemRule({
  id: 'schema/frontmatter',
  severity: 'error',
  docs: 'A frontmatter field that is missing, of the wrong type or has a value the post format does not allow.',
});

export const unknownKey = loadProblemRule({
  id: 'schema/unknown-key',
  severity: 'error',
  docs: 'A field the format does not know, usually a typo: the closest known field is suggested.',
});

export const date = loadProblemRule({
  id: 'schema/date',
  severity: 'error',
  docs: 'A publish_at or expires that is not a real date and time (YYYY-MM-DD HH:MM).',
});


export const plans = loadProblemRule({
  id: 'schema/plans',
  severity: 'error',
  docs: 'plans/*.yaml against their schemas: networks, audiences, objectives, observances.',
});
