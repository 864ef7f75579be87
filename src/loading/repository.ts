import type { Post } from './post.js';
import { loadPosts } from './posts.js';
import { findRoot, loadProject, type Project } from './project.js';
import { readRecord, type PublishRecord } from './record.js';

/** What every command works from, loaded once: the configuration and plans, every post, and the publish record. */
export interface Repository {
  root: string;
  project: Project;
  posts: Post[];
  record: PublishRecord;
}

export interface LoadOptions {
  /** Keep parsed posts between runs in the repository's node_modules (see ParseCache); publishing leaves it off. */
  cache?: boolean;
}

/** Loads the content repository that holds `cwd` (or a folder above it). */
export async function loadRepository(cwd: string, options: LoadOptions = {}): Promise<Repository> {
  const root = await findRoot(cwd);
  const project = await loadProject(root);
  const [posts, record] = await Promise.all([loadPosts(root, project.timeZone, options.cache ?? false), readRecord(root)]);
  return { root, project, posts, record };
}
