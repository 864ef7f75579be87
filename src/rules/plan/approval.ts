import { CONFIG_FILE } from '../../loading/project.js';
import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';

export const approval = defineRule({
  meta: {
    id: 'plan/approval',
    severity: 'error',
    docs: {
      description: 'plan.config.yaml sets approval.required but approval.reviewers names no one: no post can be approved, so nothing is published.',
      why:
        'With approval.required, plan publish sends a post only when the pull request that last changed it was approved on GitHub, on its last commit, by a reviewer approval.reviewers lists (a GitHub user, or a member of an @org/team) who did not write it. ' +
        'approved_by in a post is a note for people: anyone can type a name there, so it approves nothing. With no reviewers listed, no approval can count and every post waits.',
      url: docsUrl('plan/approval'),
    },
    messages: {
      noReviewers:
        'approval is required, but approval.reviewers names no one, so no post can be approved and nothing will be published: ' +
        'list the GitHub user names (dr-natarajan) or teams (@org/team) whose approval of a pull request counts',
    },
  },
  checkProject({ project, report }) {
    const approval = project.config.data?.approval;
    if (!approval?.required || approval.reviewers.length > 0) return;
    report({ file: CONFIG_FILE, messageId: 'noReviewers', range: project.config.locate(['approval', 'required']) });
  },
});
