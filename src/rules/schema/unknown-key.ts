import { docsUrl } from '../messages.js';
import { loadProblemRule, PROBLEM_MESSAGES } from './problems.js';

export const unknownKey = loadProblemRule({
  id: 'schema/unknown-key',
  severity: 'error',
  docs: {
    description: 'A field the format does not know, usually a typo: the closest known field is suggested.',
    why: 'A misspelt field is not read at all: "objectve: education" leaves the post without an objective, and "exipres:" would let a post go out after the date it was meant to stop. The message suggests the field you probably meant.',
    url: docsUrl('schema/unknown-key'),
  },
  messages: PROBLEM_MESSAGES,
});
