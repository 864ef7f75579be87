import path from 'node:path';
import { initRepository } from '../../scaffold/init.js';
import type { CommandContext } from '../context.js';

export async function runInitCommand(dir: string, context: CommandContext): Promise<number> {
  const target = path.resolve(context.cwd, dir);
  const { created, kept } = await initRepository(target);
  for (const file of created) context.stdout.write(`created ${file}\n`);
  for (const file of kept) context.stdout.write(`kept    ${file} (already there)\n`);
  context.stdout.write(`\nNext: edit plan.config.yaml with your practice's facts, then run "plan audit" in ${path.relative(context.cwd, target) || '.'}.\n`);
  return 0;
}
