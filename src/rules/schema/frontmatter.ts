import { docsUrl } from '../messages.js';
import { loadProblemRule, PROBLEM_MESSAGES } from './problems.js';

export const frontmatter = loadProblemRule({
  id: 'schema/frontmatter',
  severity: 'error',
  docs: {
    description: 'A frontmatter field that is missing, of the wrong type or has a value the post format does not allow.',
    why: 'The fields between the --- lines decide where, when and how a post goes out. A field written the wrong way (one network where a list is expected, a status that does not exist) is left out, so the post would not publish as you meant. The message says which field and what it should look like.',
    url: docsUrl('schema/frontmatter'),
  },
  messages: PROBLEM_MESSAGES,
});
