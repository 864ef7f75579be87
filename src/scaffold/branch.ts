import { PlanError } from '../errors.js';
import { git, tryGit } from '../loading/git.js';

export interface BranchCommit {
  /** The branch the pull request comes from. */
  branch: string;
  /** Repository paths (relative to `root`) to commit. */
  files: string[];
  message: string;
  /** Who wrote the change: its commit's author. */
  author: { name: string; email: string };
}

export interface PushedBranch {
  /** The commit the branch starts from (what was checked out). */
  base: string;
  head: string;
}

// Who commits when the machine has no git identity (a fresh runner): GitHub's own name for Actions.
const FALLBACK_COMMITTER = ['-c', 'user.name=github-actions[bot]', '-c', 'user.email=41898282+github-actions[bot]@users.noreply.github.com'];

/**
 * Commits `files` on `branch`, made afresh from the commit checked out, and pushes it to origin. A
 * branch on origin that holds commits plan did not make (someone edited the pull request) is left as
 * it is: their work is never overwritten.
 */
export async function commitOnBranch(root: string, change: BranchCommit): Promise<PushedBranch> {
  const base = (await git(root, ['rev-parse', '--verify', 'HEAD'])).trim();
  const remote = (await tryGit(root, ['ls-remote', '--heads', 'origin', `refs/heads/${change.branch}`]))?.split(/\s/)[0] ?? '';
  if (remote) await guardOthersWork(root, change, remote);
  await git(root, ['checkout', '--quiet', '-B', change.branch]);
  await git(root, ['add', '--', ...change.files]);
  const identity = (await tryGit(root, ['config', 'user.email']))?.trim() ? [] : FALLBACK_COMMITTER;
  await git(root, [...identity, 'commit', '--quiet', '--no-verify', '-m', change.message, '--author', `${change.author.name} <${change.author.email}>`]);
  const head = (await git(root, ['rev-parse', 'HEAD'])).trim();
  // Replaces plan's own earlier commit, and only if the branch is still where plan left it.
  const lease = remote ? [`--force-with-lease=refs/heads/${change.branch}:${remote}`] : [];
  await git(root, ['push', '--quiet', ...lease, 'origin', `HEAD:refs/heads/${change.branch}`]).catch((error: PlanError) => {
    throw new PlanError(`could not push the branch ${change.branch}: ${error.message}. The job needs "permissions: contents: write"`);
  });
  return { base, head };
}

/** Refuses to replace a branch that holds more than plan's own one commit on top of what is checked out. */
async function guardOthersWork(root: string, change: BranchCommit, remote: string): Promise<void> {
  await git(root, ['fetch', '--quiet', 'origin', `refs/heads/${change.branch}`]);
  const commits = (await git(root, ['log', '--format=%s', `HEAD..${remote}`])).split('\n').filter(Boolean);
  const firstLine = change.message.split('\n')[0]!;
  const onlyPlans = commits.every((subject) => subject === firstLine || subject.startsWith(firstLine.split(':')[0]!));
  if (commits.length > 1 || !onlyPlans) {
    throw new PlanError(`the branch ${change.branch} has changes made in the pull request since plan wrote it: plan leaves them as they are. Make further changes in the pull request, not in the issue`);
  }
}
