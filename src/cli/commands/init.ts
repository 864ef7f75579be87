import path from 'node:path';
import { initRepository } from '../../scaffold/init.js';
import type { CommandContext } from '../context.js';

export async function runInitCommand(dir: string, flags: { reviewers?: string }, context: CommandContext): Promise<number> {
  const target = path.resolve(context.cwd, dir);
  const { created, kept, advice, locked } = await initRepository(target, flags.reviewers === undefined ? {} : { reviewers: flags.reviewers.split(',') });
  for (const file of created) context.stdout.write(`created ${file}\n`);
  for (const file of kept) context.stdout.write(`kept    ${file} (already there)\n`);
  for (const line of advice) context.stdout.write(`\nnote: ${line}\n`);
  context.stdout.write(`\n${nextSteps(path.relative(context.cwd, target), locked).join('\n')}\n`);
  return 0;
}

function nextSteps(folder: string, locked: boolean): string[] {
  const steps = [
    ...(folder ? [`cd ${/\s/.test(folder) ? JSON.stringify(folder) : folder}`] : []),
    ...(locked ? [] : ['npm install        installs plan here and writes package-lock.json, which the workflows install from: commit it']),
    "edit plan.config.yaml with your practice's facts, and plans/networks.yaml with your accounts",
    'npx plan audit     checks every post',
  ];
  return ['Next:', ...steps.map((step, index) => `  ${index + 1}. ${step}`)];
}
