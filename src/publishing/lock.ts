import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { PlanError } from '../errors.js';
import { gitDirOf } from '../loading/git.js';

interface Holder {
  pid: number;
  host: string;
  since: string;
}

/**
 * Takes the publish lock of this checkout, so two runs on one disk never publish at once. A lock left
 * by a run that died (its process is gone from this machine) is taken over. Returns the release.
 * It goes by the machine's real clock, never a run's --now.
 */
export function lockCheckout(root: string): () => void {
  const file = lockFile(root);
  mkdirSync(path.dirname(file), { recursive: true });
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let tries = 0; tries < 3; tries++) {
    try {
      const handle = openSync(file, 'wx', 0o600);
      writeSync(handle, JSON.stringify(me));
      closeSync(handle);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new PlanError(`could not take the publish lock ${file} (${(error as NodeJS.ErrnoException).code})`);
      const holder = readHolder(file);
      if (holder ? isAlive(holder) : isFresh(file)) {
        throw new PlanError(
          `another plan publish (${holder ? `process ${holder.pid}, started ${holder.since}` : 'just started'}) is running in this checkout: two runs must not publish at once. Wait for it to finish; if it is not running, delete ${file}`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new PlanError(`could not take the publish lock ${file}: another run keeps taking it`);
}

function lockFile(root: string): string {
  const gitDir = gitDirOf(root);
  return gitDir ? path.join(gitDir, 'plan', 'publish.lock') : path.join(root, '.plan', 'publish.lock');
}

function readHolder(file: string): Holder | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? { pid: value.pid, host: value.host, since: String(value.since ?? 'at an unknown time') } : undefined;
  } catch {
    return undefined;
  }
}

/** A lock file not yet written is another run's that has just taken it, unless it is old. */
function isFresh(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < 10_000;
  } catch {
    return false;
  }
}

/** A holder on another machine (a shared disk) is taken to be alive: only its own machine can tell. */
function isAlive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
