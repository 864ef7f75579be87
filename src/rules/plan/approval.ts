import type { Rule } from '../types.js';

export const approval: Rule = {
  meta: {
    id: 'plan/approval',
    severity: 'error',
    docs: 'A ready post without approved_by when plan.config.yaml sets approval.required: it cannot be published.',
  },
  checkPost({ post, project, report }) {
    if (!project.config.data?.approval.required) return;
    if (post.frontmatter.status !== 'ready' || post.frontmatter.approved_by !== undefined) return;
    report({
      message:
        'this post is marked ready but has no approved_by, and plan.config.yaml requires approval before anything is published: ' +
        'add "approved_by:" with the name of the person who approved it, or set it back to draft',
      range: post.locate(['status']),
    });
  },
};
