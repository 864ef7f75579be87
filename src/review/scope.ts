import type { Post } from '../loading/post.js';
import { CONFIG_FILE } from '../loading/project.js';
import type { FileChange } from '../loading/git.js';
import type { PostChangeKind } from './types.js';
import { CONTENT_DIR } from '../loading/posts.js';

/** A post of the working tree that the review shows, and how the pull request touched it. */
export interface PostInScope {
  post: Post;
  change: PostChangeKind;
  previousFile?: string;
  /** Images it attaches that the pull request changed, when it did not edit the post itself. */
  mediaChanged?: string[];
}

export interface Scope {
  posts: PostInScope[];
  /** Post files that are gone, at their path at the merge base. */
  deleted: string[];
  planFiles: string[];
}

const isPostFile = (file: string) => file.startsWith(`${CONTENT_DIR}/`) && file.endsWith('.md');
const isPlanFile = (file: string) => file === CONFIG_FILE || file.startsWith('plans/');
const isMedia = (file: string) => file.startsWith('media/');

/** Sorts the pull request's files into posts to review, deleted posts and plan files. */
export function scopeOf(changes: readonly FileChange[], posts: readonly Post[]): Scope {
  const byFile = new Map(posts.map((post) => [post.file, post]));
  const scope: Scope = { posts: [], deleted: [], planFiles: [] };
  for (const change of changes) {
    if (isPlanFile(change.file) || (change.previousFile !== undefined && isPlanFile(change.previousFile))) scope.planFiles.push(change.file);
    if (change.status === 'deleted' || (change.previousFile && isPostFile(change.previousFile) && !isPostFile(change.file))) {
      const gone = change.previousFile ?? change.file;
      if (isPostFile(gone)) scope.deleted.push(gone);
      continue;
    }
    const post = byFile.get(change.file);
    if (!post) continue;
    if (change.status === 'renamed' && change.previousFile && isPostFile(change.previousFile)) scope.posts.push({ post, change: 'renamed', previousFile: change.previousFile });
    else scope.posts.push({ post, change: change.status === 'modified' ? 'changed' : 'added' });
  }
  addPostsWithChangedMedia(scope, changes, posts);
  return scope;
}

function addPostsWithChangedMedia(scope: Scope, changes: readonly FileChange[], posts: readonly Post[]): void {
  const media = new Set(changes.flatMap((c) => [c.file, c.previousFile ?? '']).filter(isMedia));
  if (media.size === 0) return;
  const listed = new Set(scope.posts.map((p) => p.post.file));
  for (const post of posts) {
    if (listed.has(post.file)) continue;
    const changed = (post.frontmatter.media ?? []).map((item) => item.file).filter((file) => media.has(file));
    if (changed.length > 0) scope.posts.push({ post, change: 'changed', mediaChanged: [...new Set(changed)] });
  }
}
