import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';

export const approval = defineRule({
  meta: {
    id: 'plan/approval',
    severity: 'error',
    docs: {
      description: 'A ready post without approved_by when plan.config.yaml sets approval.required: it cannot be published.',
      why: 'When the practice requires approval (approval.required in plan.config.yaml), plan publish sends nothing that does not name who approved it, typically the physician who read it. A post marked ready without approved_by would sit unpublished at its time.',
      url: docsUrl('plan/approval'),
    },
    messages: {
      notApproved:
        'this post is marked ready but has no approved_by, and plan.config.yaml requires approval before anything is published: ' +
        'add "approved_by:" with the name of the person who approved it, or set it back to draft',
    },
  },
  checkPost({ post, project, report }) {
    if (!project.config.data?.approval.required) return;
    if (post.frontmatter.status !== 'ready' || post.frontmatter.approved_by !== undefined) return;
    report({ messageId: 'notApproved', range: post.locate(['status']) });
  },
});
