import type { Post } from '../../loading/post.js';
import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';

export const duplicateId = defineRule({
  meta: {
    id: 'schema/duplicate-id',
    severity: 'error',
    docs: {
      description: 'Two posts with the same id: the publish record could not tell them apart.',
      why: 'plan remembers what it published by post id, so that each post goes out exactly once. Two posts with the same id (set with id:, or copied along with a file) look like one: the second would be taken as already published, or the first as not yet. Each post needs its own id.',
      url: docsUrl('schema/duplicate-id'),
    },
    messages: {
      sameId: 'this post id is also used by {{others}}: give each post its own id',
    },
  },
  checkProject({ posts, report }) {
    const byId = new Map<string, Post[]>();
    for (const post of posts) byId.set(post.id, [...(byId.get(post.id) ?? []), post]);
    for (const [id, same] of byId) {
      if (same.length < 2) continue;
      for (const post of same) {
        const others = same.filter((other) => other !== post).map((other) => other.file);
        const range = post.frontmatter.id ? post.locate(['id']) : post.locate([]);
        report({ file: post.file, messageId: 'sameId', data: { others: others.join(', ') }, range });
      }
    }
  },
});
