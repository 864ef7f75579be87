import { findRoot, loadProject } from '../../loading/project.js';
import { createPost } from '../../scaffold/new-post.js';
import type { CommandContext } from '../context.js';

export async function runNewCommand(slug: string, flags: { at?: string; networks?: string }, context: CommandContext): Promise<number> {
  const project = await loadProject(await findRoot(context.cwd));
  const file = await createPost(project, { slug, at: flags.at, networks: flags.networks, now: context.now });
  context.stdout.write(`created ${file}\n`);
  return 0;
}
