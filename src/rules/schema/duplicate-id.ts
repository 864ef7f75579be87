import type { Post } from '../../loading/post.js';
import type { Rule } from '../types.js';

export const duplicateId: Rule = {
  meta: {
    id: 'schema/duplicate-id',
    severity: 'error',
    docs: 'Two posts with the same id: the publish record could not tell them apart.',
  },
  checkProject({ posts, report }) {
    const byId = new Map<string, Post[]>();
    for (const post of posts) byId.set(post.id, [...(byId.get(post.id) ?? []), post]);
    for (const [id, same] of byId) {
      if (same.length < 2) continue;
      for (const post of same) {
        const others = same.filter((other) => other !== post).map((other) => other.file);
        const range = post.frontmatter.id ? post.locate(['id']) : post.locate([]);
        report({ file: post.file, message: `post id "${id}" is also used by ${others.join(', ')}: give each post its own id`, range });
      }
    }
  },
};
