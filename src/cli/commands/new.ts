import { findRoot, loadProject } from '../../loading/project.js';
import { createPost } from '../../scaffold/new-post.js';
import type { GlobalOptions } from '../index.js';

export async function runNewCommand(slug: string, flags: { at?: string; networks?: string }, globals: GlobalOptions): Promise<number> {
  const project = await loadProject(await findRoot(globals.cwd));
  const file = await createPost(project, { slug, at: flags.at, networks: flags.networks, now: new Date() });
  process.stdout.write(`created ${file}\n`);
  return 0;
}
