// Runs `plan review` in this process, as the CLI would, and collects what it printed.
import { vi } from 'vitest';
import { runReviewCommand, type ReviewFlags } from '../../src/cli/commands/review.js';
import { PlanError } from '../../src/errors.js';
import { REVIEW_NOW } from './pull-request.js';

export interface ReviewRun {
  code: number;
  stdout: string;
  /** The one line the CLI prints for a PlanError. */
  stderr: string;
}

/** Variables of a GitHub Actions run that change what review does; each test sets the ones it needs. */
const ACTIONS_ENV = ['CI', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'GITHUB_TOKEN', 'GITHUB_REPOSITORY', 'GITHUB_EVENT_PATH', 'GITHUB_EVENT_NAME', 'GITHUB_API_URL', 'GITHUB_SERVER_URL', 'GITHUB_RUN_ID'];

export async function runReview(cwd: string, flags: Partial<ReviewFlags> = {}, env: Record<string, string> = {}): Promise<ReviewRun> {
  let stdout = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  for (const name of ACTIONS_ENV) vi.stubEnv(name, '');
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  try {
    const code = await runReviewCommand({ base: 'main', format: 'markdown', now: REVIEW_NOW, ...flags }, { cwd, color: false, version: '0.1.0' });
    return { code, stdout, stderr: '' };
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    return { code: error.exitCode, stdout, stderr: `plan: ${error.message}\n` };
  } finally {
    write.mockRestore();
    vi.unstubAllEnvs();
  }
}
