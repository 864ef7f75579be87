// Runs `plan review` in this process, as the CLI would, and collects what it printed.
import { runReviewCommand, type ReviewFlags } from '../../src/cli/commands/review.js';
import { runCommand, type CommandRun } from '../helpers/command.js';
import { REVIEW_NOW } from './pull-request.js';

export type ReviewRun = CommandRun;

/** Runs review with only the given variables of a GitHub Actions run set. */
export async function runReview(cwd: string, flags: Partial<ReviewFlags> = {}, env: Record<string, string> = {}): Promise<ReviewRun> {
  return runCommand({ cwd, env }, (context) => runReviewCommand({ base: 'main', format: 'markdown', now: REVIEW_NOW, ...flags }, context));
}
