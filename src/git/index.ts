import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PlanError } from '../errors.js';

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as { code?: string | number; stderr?: string };
    if (failure.code === 'ENOENT') throw new PlanError('git is not installed or not on PATH: install git to use --changed-since and review');
    throw new PlanError(`git ${args[0]} failed: ${String(failure.stderr ?? '').trim().split('\n')[0] || 'unknown error'}`);
  }
}

async function ensureRef(cwd: string, ref: string): Promise<void> {
  await git(cwd, ['rev-parse', '--is-inside-work-tree']).catch(() => {
    throw new PlanError(`${cwd} is not inside a git repository: --changed-since and review need one`);
  });
  await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => {
    throw new PlanError(
      `git does not know "${ref}": fetch it first (on a shallow CI checkout: git fetch --depth=100 origin ${ref.replace(/^origin\//, '')}), or name another branch or commit`,
    );
  });
  await git(cwd, ['merge-base', ref, 'HEAD']).catch(() => {
    throw new PlanError(
      `"${ref}" and HEAD share no history in this clone: fetch more of it (git fetch --deepen=100, or check out with fetch-depth: 0)`,
    );
  });
}

/**
 * Files changed since the merge base with `ref` (`git diff REF...HEAD`), plus uncommitted and new
 * files, so a local run sees what is being edited. Paths are relative to `cwd`; deleted files are left out.
 */
export async function changedSince(cwd: string, ref: string): Promise<string[]> {
  await ensureRef(cwd, ref);
  const [committed, uncommitted, untracked] = await Promise.all([
    git(cwd, ['diff', '--name-only', '--relative', '--diff-filter=d', '-z', `${ref}...HEAD`]),
    git(cwd, ['diff', '--name-only', '--relative', '--diff-filter=d', '-z', 'HEAD']),
    git(cwd, ['ls-files', '--others', '--exclude-standard', '-z']),
  ]);
  const files = [committed, uncommitted, untracked].flatMap((list) => list.split('\0').filter(Boolean));
  return [...new Set(files)].sort();
}
