import { docsUrl } from '../messages.js';
import { loadProblemRule, PROBLEM_MESSAGES } from './problems.js';

export const date = loadProblemRule({
  id: 'schema/date',
  severity: 'error',
  docs: {
    description: 'A publish_at or expires that is not a real date and time (YYYY-MM-DD HH:MM).',
    why: 'A post goes out at its publish_at, read in the practice\'s time zone. A date that does not exist (February 30) or is written another way (12/7/2026) cannot be scheduled, so the post would never be published.',
    url: docsUrl('schema/date'),
  },
  messages: PROBLEM_MESSAGES,
});
