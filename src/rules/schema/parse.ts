import { docsUrl } from '../messages.js';
import { loadProblemRule, PROBLEM_MESSAGES } from './problems.js';

export const parse = loadProblemRule({
  id: 'schema/parse',
  severity: 'error',
  docs: {
    description: 'A file that cannot be read or parsed: broken YAML, tabs, an unclosed frontmatter, a binary or oversized file, a link outside the repository.',
    why: 'plan cannot tell what a file it cannot read says: a post with broken frontmatter cannot be checked for patient information, scheduled or published until it is fixed. The message names the line and what the YAML reader tripped on (a missing quote, a tab, a missing closing ---).',
    url: docsUrl('schema/parse'),
  },
  messages: PROBLEM_MESSAGES,
});
