import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PlanError } from '../errors.js';
import { changedSince } from '../git/index.js';

const run = promisify(execFile);

// Paths with accents or spaces are printed as they are, not quoted and escaped.
const QUIET_PATHS = ['-c', 'core.quotePath=false'];

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', [...QUIET_PATHS, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as { stderr?: string };
    throw new PlanError(`git ${args[0]} failed: ${String(failure.stderr ?? '').trim().split('\n')[0] || 'unknown error'}`);
  }
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
  try {
    const { stdout } = await run('git', ['show', `${commit}:./${file}`], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch {
    return undefined;
  }
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
  let output: string;
  try {
    ({ stdout: output } = await run('git', ['blame', '--porcelain', '-L', `${line},${line}`, '--', file], { cwd: root }));
  } catch {
    return undefined;
  }
  const header = output.split('\n');
  const commit = header[0]?.split(' ')[0] ?? '';
  const field = (name: string) => header.find((l) => l.startsWith(`${name} `))?.slice(name.length + 1);
  if (UNCOMMITTED.test(commit)) return { name: 'not committed yet', committed: false };
  const name = field('author') ?? 'unknown';
  const seconds = Number(field('author-time'));
  return { name, committed: true, ...(Number.isFinite(seconds) ? { date: new Date(seconds * 1000).toISOString().slice(0, 10) } : {}) };
}
