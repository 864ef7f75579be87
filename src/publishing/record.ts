import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { PlanError } from '../errors.js';
import { firstLine, git, gitDirOf, runGit, tryGit } from '../loading/git.js';
import { JOURNAL_FILE, RECORD_BRANCH, RECORD_FILE, type RecordEntry } from '../loading/record.js';

/**
 * Where a run writes the publish record. `claim` must put the run's `attempting` lines where the
 * record lives before any create call; `append` keeps results; `flush` makes sure they are there too.
 */
export interface RecordHome {
  /** Where the record lives, for messages. */
  readonly where: string;
  /** Puts `attempting` lines where the record lives; `'raced'` when another run wrote first (read the record again, judge again). */
  claim(entries: readonly RecordEntry[]): Promise<'claimed' | 'raced'>;
  /** Keeps result lines: on this machine at once, where the record lives by `flush` at the latest. */
  append(entries: readonly RecordEntry[]): Promise<void>;
  /** Puts every line appended so far where the record lives. */
  flush(): Promise<void>;
}

/** Appends lines to a file and forces them to disk before returning. */
function appendDurably(file: string, entries: readonly RecordEntry[]): void {
  if (entries.length === 0) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const handle = openSync(file, 'a', 0o644);
  try {
    writeSync(handle, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}

/** Appends one entry to the working-tree record and forces it to disk before returning. */
export async function appendEntry(root: string, entry: RecordEntry): Promise<void> {
  appendDurably(path.join(root, RECORD_FILE), [entry]);
}

/** The record in the working tree (`.plan/ledger.jsonl`): a local run's, or a repository that commits it by hand. */
export function workingTreeHome(root: string): RecordHome {
  const file = path.join(root, RECORD_FILE);
  return {
    where: RECORD_FILE,
    async claim(entries) {
      appendDurably(file, entries);
      return 'claimed';
    },
    async append(entries) {
      appendDurably(file, entries);
    },
    async flush() {},
  };
}

export interface BranchHomeOptions {
  remote?: string;
  branch?: string;
  /** The commit message's first line names the run. */
  run: string;
}

/**
 * The record on a branch of its own on the remote (`plan-record`), written only by `plan publish
 * --commit`: each write is a commit whose parent is the branch as last fetched, pushed without force,
 * so the remote takes one run's write at a time and a run that raced another learns it and reads
 * again. The branch holds nothing but the record, so `main` can be protected. Lines are also kept in
 * this clone's journal (.git/plan/record.jsonl) the moment they are written.
 */
export async function openBranchHome(root: string, options: BranchHomeOptions): Promise<RecordHome> {
  const remote = options.remote ?? 'origin';
  const branch = options.branch ?? RECORD_BRANCH;
  const tracking = `refs/remotes/${remote}/${branch}`;
  const journal = path.join(gitDirOf(root) ?? path.join(root, '.git'), JOURNAL_FILE);
  if ((await tryGit(root, ['remote', 'get-url', remote])) === undefined) {
    throw new PlanError(`plan publish --commit keeps the publish record on the remote "${remote}", and this repository has none: add it (git remote add ${remote} URL), or publish without --commit`);
  }
  const ownLines: string[] = [];
  const fetch = () => fetchBranch(root, remote, branch, tracking);
  await fetch();

  const remoteText = async () => (await tryGit(root, ['cat-file', 'blob', `${tracking}:${RECORD_FILE}`])) ?? '';

  /** Pushes the remote's record plus every line of this run it lacks; false when another run pushed first. */
  const push = async (message: string): Promise<boolean> => {
    const parent = (await tryGit(root, ['rev-parse', '--verify', '--quiet', tracking]))?.trim();
    const current = parent ? await remoteText() : '';
    const have = new Set(current.split('\n'));
    const missing = ownLines.filter((line) => !have.has(line.slice(0, -1)));
    if (missing.length === 0) return true;
    const text = `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}${missing.join('')}`;
    const commit = await commitFile(root, parent, RECORD_FILE, text, message);
    const verdict = await pushCommit(root, remote, commit, branch);
    if (verdict === 'raced') return false;
    await git(root, ['update-ref', tracking, commit]);
    return true;
  };

  const linesOf = (entries: readonly RecordEntry[]) => entries.map((e) => `${JSON.stringify(e)}\n`);

  return {
    where: `the ${branch} branch of ${remote}`,
    async claim(entries) {
      ownLines.push(...linesOf(entries));
      if (await push(`plan publish: ${options.run} is sending ${entries.length} post(s)`)) {
        appendDurably(journal, entries);
        return 'claimed';
      }
      // Another run wrote first: these claims never reached the remote; the caller reads the record again and judges again.
      ownLines.splice(ownLines.length - entries.length, entries.length);
      await fetch();
      return 'raced';
    },
    async append(entries) {
      appendDurably(journal, entries);
      ownLines.push(...linesOf(entries));
    },
    async flush() {
      for (let tries = 1; tries <= PUSH_TRIES; tries++) {
        if (await push(`plan publish: results of ${options.run}`)) return;
        await fetch();
      }
      throw new PlanError(`the results of this run could not be put on ${branch}: other runs kept writing first (${PUSH_TRIES} tries). They are in ${JOURNAL_FILE} of this clone; the next run checks the accounts before sending anything`);
    },
  };
}

const PUSH_TRIES = 5;

async function fetchBranch(root: string, remote: string, branch: string, tracking: string): Promise<void> {
  try {
    await runGit(root, ['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:${tracking}`]);
  } catch (error) {
    const reason = firstLine((error as { stderr?: string }).stderr);
    if (/couldn't find remote ref/i.test(reason)) {
      // No run has written the record yet: there is nothing to read, and the first push creates the branch.
      await tryGit(root, ['update-ref', '-d', tracking]);
      return;
    }
    throw new PlanError(`could not read the publish record from ${remote} (${reason || 'git fetch failed'}): nothing was sent. Check that the job can reach the repository`);
  }
}

/** A commit of `parent`'s tree (or an empty one) with `file` set to `text`, made without touching the working tree or the index. */
async function commitFile(root: string, parent: string | undefined, file: string, text: string, message: string): Promise<string> {
  const blob = (await git(root, ['hash-object', '-w', '--stdin'], { input: text })).trim();
  const index = path.join(gitDirOf(root) ?? path.join(root, '.git'), `plan-record-index-${process.pid}`);
  const env = { GIT_INDEX_FILE: index };
  try {
    await git(root, parent ? ['read-tree', parent] : ['read-tree', '--empty'], { env });
    await git(root, ['update-index', '--add', '--cacheinfo', `100644,${blob},${file}`], { env });
    const tree = (await git(root, ['write-tree'], { env })).trim();
    const identity = await commitIdentity(root);
    return (await git(root, [...identity, 'commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message])).trim();
  } finally {
    await rm(index, { force: true });
  }
}

/** The configured committer, or plan's own name where the machine has none (a fresh CI runner). */
async function commitIdentity(root: string): Promise<string[]> {
  const email = (await tryGit(root, ['config', 'user.email']))?.trim();
  return email ? [] : ['-c', 'user.name=plan publish', '-c', 'user.email=plan-publish@users.noreply.github.com'];
}

/**
 * Pushes a commit to the branch without force. A push that loses to another run's (the remote moved
 * on) is `'raced'`; any other refusal (a protected branch, a hook, no permission) stops the run.
 */
async function pushCommit(root: string, remote: string, commit: string, branch: string): Promise<'pushed' | 'raced'> {
  try {
    await runGit(root, ['push', '--porcelain', '--quiet', remote, `${commit}:refs/heads/${branch}`]);
    return 'pushed';
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const output = `${stdout}\n${stderr}`;
    if (/\[rejected\].*\((fetch first|non-fast-forward|stale info)\)/.test(output)) return 'raced';
    // Two pushes at the same moment: the remote took the other one's while it held the branch.
    if (/\[remote rejected\].*\((failed to update ref|cannot lock ref[^)]*|incorrect old value provided)\)/.test(output)) return 'raced';
    const reason = /\[remote rejected\][^(]*\(([^)]*)\)/.exec(output)?.[1] ?? firstLine(stderr.split('\n').filter((l) => !/^To |^\s*$/.test(l)).join('\n'));
    throw new PlanError(
      `the remote refused the publish record (${reason || 'push failed'}): nothing was sent. plan keeps the record on the ${branch} branch; let the publish job push to it (for example, leave ${branch} out of branch protection and give the job "permissions: contents: write")`,
    );
  }
}

// ---- other files kept where the record lives (the figures `plan insights --fetch` reads)

/** Appends lines of text to a file and forces them to disk before returning. */
export function appendLinesDurably(file: string, lines: readonly string[]): void {
  if (lines.length === 0) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const handle = openSync(file, 'a', 0o644);
  try {
    writeSync(handle, lines.map((line) => `${line}\n`).join(''));
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}

/** Brings this clone's copy of the record branch up to date (nothing to fetch before the first publish run). */
export async function refreshRecordBranch(root: string, remote = 'origin', branch = RECORD_BRANCH): Promise<void> {
  if ((await tryGit(root, ['remote', 'get-url', remote])) === undefined) {
    throw new PlanError(`plan keeps the publish record and the figures on the remote "${remote}", and this repository has none: add it (git remote add ${remote} URL), or run without --commit`);
  }
  await fetchBranch(root, remote, branch, `refs/remotes/${remote}/${branch}`);
}

export interface BranchFileOptions {
  /** The file on the branch, e.g. .plan/metrics.jsonl. */
  file: string;
  /** Where this clone keeps the lines too, inside its git folder (e.g. plan/metrics.jsonl). */
  journal: string;
  lines: readonly string[];
  message: string;
  remote?: string;
  branch?: string;
}

/**
 * Adds lines to another file of the record branch the way the record itself is written: a commit on the
 * branch as last fetched, pushed without force, fetched and made again when another run pushed first.
 * The lines are kept in this clone's journal first, so none is lost when every push loses. Returns where they went.
 */
export async function appendToRecordBranch(root: string, options: BranchFileOptions): Promise<string> {
  const remote = options.remote ?? 'origin';
  const branch = options.branch ?? RECORD_BRANCH;
  const tracking = `refs/remotes/${remote}/${branch}`;
  appendLinesDurably(path.join(gitDirOf(root) ?? path.join(root, '.git'), options.journal), options.lines);
  for (let tries = 1; tries <= PUSH_TRIES; tries++) {
    await refreshRecordBranch(root, remote, branch);
    const parent = (await tryGit(root, ['rev-parse', '--verify', '--quiet', tracking]))?.trim();
    const current = parent ? ((await tryGit(root, ['cat-file', 'blob', `${tracking}:${options.file}`])) ?? '') : '';
    const have = new Set(current.split('\n'));
    const missing = options.lines.filter((line) => !have.has(line));
    if (missing.length === 0) return `the ${branch} branch of ${remote}`;
    const text = `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}${missing.map((line) => `${line}\n`).join('')}`;
    const commit = await commitFile(root, parent, options.file, text, options.message);
    if ((await pushRefusalSaysWhat(options, () => pushCommit(root, remote, commit, branch))) === 'pushed') {
      await git(root, ['update-ref', tracking, commit]);
      return `the ${branch} branch of ${remote}`;
    }
  }
  throw new PlanError(`${options.file} could not be put on ${branch}: other runs kept writing first (${PUSH_TRIES} tries). The lines are kept in .git/${options.journal} of this clone; run again to push them`);
}

/** A refused push of another file than the record: the same reasons and advice, without saying that posts were held. */
async function pushRefusalSaysWhat<T>(options: BranchFileOptions, push: () => Promise<T>): Promise<T> {
  try {
    return await push();
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    throw new PlanError(error.message.replace('the publish record', options.file).replace('nothing was sent', `the lines are kept in .git/${options.journal} of this clone`));
  }
}
