import { closeSync, constants, lstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Posts are short; anything larger is a mistake (an export, a pasted file) and is not read. */
export const MAX_POST_BYTES = 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

/** What a file is, for its messages: a post, or one of the YAML files of settings and plans. */
export type FileKind = 'post' | 'yaml';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a repository file as UTF-8 text, refusing what a post or plan cannot be. Synchronous on
 * purpose: an audit reads thousands of small files, and one blocking read each is several times
 * faster than as many promises through libuv's thread pool (and never runs out of file handles).
 */
export function readRepoFile(root: string, relative: string, maxBytes = MAX_POST_BYTES, kind: FileKind = 'post'): ReadResult {
  const absolute = path.join(root, relative);
  try {
    const bytes = readUnlessLinkedOut(root, absolute);
    if (typeof bytes === 'string') return { ok: false, message: bytes };
    if (bytes.length > maxBytes) {
      return { ok: false, message: `is ${megabytes(bytes.length)}, larger than the ${megabytes(maxBytes)} ${kind === 'post' ? 'a post' : 'a settings or plan file'} may be: is it the right file?` };
    }
    if (bytes.subarray(0, 8000).includes(0)) return { ok: false, message: `is a binary file, not text: ${kind === 'post' ? 'a post must be a markdown text file' : 'it must be a YAML text file'}` };
    const text = utf8.decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    if (error instanceof TypeError) return { ok: false, message: 'is not UTF-8 text: save it as UTF-8 in your editor' };
    return { ok: false, message: `could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})` };
  }
}

const { O_RDONLY, O_NOFOLLOW } = constants;

/**
 * The file's bytes, or what is wrong with the link it is. Opening with O_NOFOLLOW fails only for a
 * link, so a plain file costs one open and no separate lstat (where the system has no O_NOFOLLOW,
 * an lstat tells links apart).
 */
function readUnlessLinkedOut(root: string, absolute: string): Buffer | string {
  let descriptor: number | undefined;
  if (O_NOFOLLOW === undefined) {
    if (!lstatSync(absolute).isSymbolicLink()) return readFileSync(absolute);
  } else {
    try {
      descriptor = openSync(absolute, O_RDONLY | O_NOFOLLOW);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOOP') throw error;
    }
  }
  if (descriptor === undefined) return linkProblem(root, absolute) ?? readFileSync(absolute);
  try {
    return readFileSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

function linkProblem(root: string, link: string): string | undefined {
  let target: string;
  try {
    target = realpathSync(link);
  } catch {
    return 'is a link to a file that does not exist: replace it with the file itself';
  }
  if (!isInside(realpathSync(root), target)) {
    return 'is a link to a file outside the repository: plan only reads files inside it; copy the file in instead';
  }
  return undefined;
}

/** Every `*.md` under `dir`, as repository-relative paths with forward slashes, sorted. */
export async function listMarkdown(root: string, dir: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(relative: string): Promise<void> {
    const entries = await readdir(path.join(root, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.name.endsWith('.md') && !isDocument(entry.name)) found.push(child);
    }
  }
  await walk(dir);
  return found.sort();
}

/** README.md and files starting with "_" in content/ are notes for the team, not posts. */
function isDocument(name: string): boolean {
  return name.toLowerCase() === 'readme.md' || name.startsWith('_');
}

export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
