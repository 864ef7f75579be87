import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PlanError } from '../errors.js';


// Paths with accents or spaces are printed as they are, not quoted and escaped.
const QUIET_PATHS = ['-c', 'core.quotePath=false'];

export interface GitOptions {
  /** Standard input for the command. */
  input?: string;
  /** Extra environment (e.g. GIT_INDEX_FILE), added to the process's. */
  env?: Record<string, string>;
}

/** Runs git in `cwd` and returns its standard output; a failure is a PlanError with git's first line of complaint. */
export async function git(cwd: string, args: string[], options: GitOptions = {}): Promise<string> {
  try {
    return await runGit(cwd, args, options);
  } catch (error) {
    const failure = error as { code?: string | number; stderr?: string };
    if (failure.code === 'ENOENT') throw new PlanError('git is not installed or not on PATH: install git to use --changed-since, review and publishing');
    throw new PlanError(`git ${args[0]} failed: ${firstLine(failure.stderr) || 'unknown error'}`);
  }
}

/** Runs git and returns its output, or undefined when it fails (a missing ref or file is an answer, not an error). */
export async function tryGit(cwd: string, args: string[], options: GitOptions = {}): Promise<string | undefined> {
  return runGit(cwd, args, options).catch(() => undefined);
}

/** Runs git, rejecting with the process error (its `stderr` and exit `code`) when it fails. */
export function runGit(cwd: string, args: string[], options: GitOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...QUIET_PATHS, ...args],
      { cwd, maxBuffer: 64 * 1024 * 1024, ...(options.env ? { env: { ...process.env, ...options.env } } : {}) },
      (error, stdout, stderr) => (error ? reject(Object.assign(error, { stdout, stderr })) : resolve(stdout)),
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** The git folder of a work tree (`.git`, or where a linked worktree's `.git` file points), read without running git. */
export function gitDirOf(root: string): string | undefined {
  const dotGit = path.join(root, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    return pointer ? path.resolve(root, pointer) : undefined;
  } catch {
    return undefined;
  }
}

export function firstLine(text: string | undefined): string {
  return String(text ?? '').trim().split('\n')[0] ?? '';
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

export type FileStatus = 'added' | 'modified' | 'renamed' | 'deleted';

/** A file the pull request touches; paths are relative to the content repository's root. */
export interface FileChange {
  status: FileStatus;
  file: string;
  /** The path at the merge base, for a renamed file. */
  previousFile?: string;
}

/** A 1-based, inclusive range of lines of the new version of a file. */
export type LineSpan = [from: number, to: number];

export interface BranchDiff {
  /** The commit the pull request branched from. */
  mergeBase: string;
  changes: FileChange[];
  /** The lines the pull request added or changed, by (new) file. */
  changedLines: Map<string, LineSpan[]>;
}

/**
 * What changed between the merge base with `ref` and the working tree (so a local run sees what is
 * being edited): renames detected, new untracked files counted as added.
 */
export async function diffSinceBase(root: string, ref: string): Promise<BranchDiff> {
  // changedSince checks the ref exists and shares history with HEAD, and says how to fix it when not.
  await changedSince(root, ref);
  const mergeBase = (await git(root, ['merge-base', ref, 'HEAD'])).trim();
  const [nameStatus, patch, untracked] = await Promise.all([
    git(root, ['diff', '-M', '--name-status', '--relative', '-z', mergeBase]),
    git(root, ['diff', '-M', '-U0', '--relative', '--no-color', '--no-ext-diff', mergeBase]),
    git(root, ['ls-files', '--others', '--exclude-standard', '-z']),
  ]);
  const changes = parseNameStatus(nameStatus);
  const changedLines = parseHunks(patch);
  for (const file of untracked.split('\0').filter(Boolean)) {
    changes.push({ status: 'added', file });
    changedLines.set(file, [[1, await lineCount(path.join(root, file))]]);
  }
  return { mergeBase, changes: changes.sort((a, b) => a.file.localeCompare(b.file)), changedLines };
}

/** Every line of a new file is a changed line. */
async function lineCount(file: string): Promise<number> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return Math.max(1, text.split('\n').length);
}

/** `git diff --name-status -z`: `M\0path\0`, `R087\0old\0new\0`. */
export function parseNameStatus(output: string): FileChange[] {
  const fields = output.split('\0');
  const changes: FileChange[] = [];
  for (let i = 0; i < fields.length; ) {
    const code = fields[i++] ?? '';
    if (code === '') continue;
    if (code.startsWith('R') || code.startsWith('C')) {
      const previousFile = fields[i++] ?? '';
      const file = fields[i++] ?? '';
      changes.push(code.startsWith('R') ? { status: 'renamed', file, previousFile } : { status: 'added', file });
    } else {
      const file = fields[i++] ?? '';
      changes.push({ status: code === 'A' ? 'added' : code === 'D' ? 'deleted' : 'modified', file });
    }
  }
  return changes;
}

const NEW_FILE = /^\+\+\+ (?:b\/(.*)|\/dev\/null)$/;
const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** The new-side line ranges of each file in a `git diff -U0` patch. */
export function parseHunks(patch: string): Map<string, LineSpan[]> {
  const spans = new Map<string, LineSpan[]>();
  let current: LineSpan[] | undefined;
  for (const line of patch.split('\n')) {
    const file = NEW_FILE.exec(line);
    if (file) {
      // git ends a path holding spaces with a tab on this line.
      const name = file[1]?.replace(/\t$/, '');
      current = name === undefined ? undefined : [];
      if (name !== undefined && current) spans.set(name, current);
      continue;
    }
    const hunk = HUNK.exec(line);
    if (!hunk || !current) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    if (count > 0) current.push([start, start + count - 1]);
  }
  return spans;
}

/** The text of a file at a commit, or undefined when the commit has no such file. */
export async function fileAtCommit(root: string, commit: string, file: string): Promise<string | undefined> {
  return tryGit(root, ['show', `${commit}:./${file}`]);
}

export interface LineAuthor {
  name: string;
  /** `YYYY-MM-DD` of the commit that wrote the line; undefined when it is not committed yet. */
  date?: string;
  committed: boolean;
}

const UNCOMMITTED = /^0{40}$/;

/** Who last wrote a line of a file in the working tree (`git blame`), or undefined when git cannot tell. */
export async function authorOfLine(root: string, file: string, line: number): Promise<LineAuthor | undefined> {
  const output = await tryGit(root, ['blame', '--porcelain', '-L', `${line},${line}`, '--', file]);
  if (output === undefined) return undefined;
  const header = output.split('\n');
  const commit = header[0]?.split(' ')[0] ?? '';
  const field = (name: string) => header.find((l) => l.startsWith(`${name} `))?.slice(name.length + 1);
  if (UNCOMMITTED.test(commit)) return { name: 'not committed yet', committed: false };
  const name = field('author') ?? 'unknown';
  const seconds = Number(field('author-time'));
  return { name, committed: true, ...(Number.isFinite(seconds) ? { date: new Date(seconds * 1000).toISOString().slice(0, 10) } : {}) };
}
