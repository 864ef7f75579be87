import path from 'node:path';
import { initRepository } from '../../scaffold/init.js';
import type { GlobalOptions } from '../index.js';

export async function runInitCommand(dir: string, globals: GlobalOptions): Promise<number> {
  const target = path.resolve(globals.cwd, dir);
  const { created, kept } = await initRepository(target);
  for (const file of created) process.stdout.write(`created ${file}\n`);
  for (const file of kept) process.stdout.write(`kept    ${file} (already there)\n`);
  process.stdout.write(`\nNext: edit plan.config.yaml with your practice's facts, then run "plan audit" in ${path.relative(process.cwd(), target) || '.'}.\n`);
  return 0;
}
