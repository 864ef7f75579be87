import { docsUrl } from '../messages.js';
import { loadProblemRule, PROBLEM_MESSAGES } from './problems.js';

export const plans = loadProblemRule({
  id: 'schema/plans',
  severity: 'error',
  docs: {
    description: 'plans/*.yaml against their schemas: networks, audiences, objectives, observances.',
    why: 'The plan files say which accounts the practice posts to, who the posts are for, what they are for and which days to plan around. A value written the wrong way is not read, and every check that depends on that file is skipped until it is fixed.',
    url: docsUrl('schema/plans'),
  },
  messages: PROBLEM_MESSAGES,
});
