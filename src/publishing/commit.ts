import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PlanError } from '../errors.js';
import { RECORD_FILE } from '../loading/record.js';

const run = promisify(execFile);
const PUSH_TRIES = 5;

async function git(root: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: root });
  return stdout;
}

/** Commits the publish record and pushes it; when another run pushed first, rebases onto it (merge=union keeps both records) and tries again. */
export async function commitLedger(root: string, out: (line: string) => void): Promise<void> {
  const changed = await git(root, ['status', '--porcelain', '--', RECORD_FILE]);
  if (!changed.trim()) {
    out('the publish record has not changed: nothing to commit');
    return;
  }
  await git(root, ['add', '--', RECORD_FILE]);
  await git(root, ['commit', '--quiet', '-m', 'plan publish: update the publish record', '--', RECORD_FILE]);
  for (let tries = 1; tries <= PUSH_TRIES; tries++) {
    try {
      await git(root, ['push', '--quiet']);
      out('the publish record is committed and pushed');
      return;
    } catch {
      out(`push refused (another run pushed first?): rebasing onto it, try ${tries} of ${PUSH_TRIES}`);
      await git(root, ['pull', '--rebase', '--quiet']).catch((error: { stderr?: string }) => {
        throw new PlanError(`could not rebase the publish record onto the remote: ${String(error.stderr ?? '').trim().split('\n')[0]}`);
      });
    }
  }
  throw new PlanError(`could not push the publish record after ${PUSH_TRIES} tries: it is committed locally; push it by hand`);
}
