import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gitDirOf, tryGit } from './git.js';
import type { NetworkId } from './schemas/index.js';

/** The publish record, in the working tree and on the record branch. */
export const RECORD_FILE = '.plan/ledger.jsonl';
/** Where `plan publish --commit` keeps, inside this clone's git folder, every line it wrote: read with the rest, never committed. */
export const JOURNAL_FILE = 'plan/record.jsonl';
/** The branch `plan publish --commit` keeps the record on: only the publish job writes it, so `main` can be protected. */
export const RECORD_BRANCH = 'plan-record';
/** The refs the record branch is read from, newest knowledge first: the remote's as last fetched, then a local one. */
export const RECORD_REFS = [`refs/remotes/origin/${RECORD_BRANCH}`, `refs/heads/${RECORD_BRANCH}`] as const;

/** A post more than this late is missed, not published, unless `--catch-up` (the one place this limit is set). */
export const MISSED_AFTER_MS = 24 * 60 * 60 * 1000;

export type PublishState = 'attempting' | 'published' | 'failed' | 'unknown';

/** One line of the publish record: a state change of one post on one network. */
export interface RecordEntry {
  post: string;
  network: NetworkId;
  state: PublishState;
  /** ISO time the state was reached. */
  at: string;
  fingerprint: string;
  /** The post's file when the entry was written, so a renamed post can be recognised. */
  file: string;
  remoteId?: string;
  url?: string;
  /** Why it failed, or what a person must check; never a secret or PHI. */
  detail?: string;
  /** Progress an attempt recorded before its last step (e.g. Instagram's container id). */
  checkpoint?: Record<string, string>;
  /** The run that wrote the line, so a run can tell its own `attempting` lines from another's. */
  run?: string;
  /** For `attempting`: the run makes no create call after this ISO time; until then another run leaves the post alone. */
  until?: string;
  /** Who approved the pull request that brought the post to main, when approval is required. */
  approvedBy?: string;
  /** That pull request's address. */
  pullRequest?: string;
}

/** A line of the record that could not be read, and the post it seems to be about when that can still be told. */
export interface DamagedLine {
  /** Where it was read: the working-tree file or a ref of the record branch. */
  source: string;
  line: number;
  post?: string;
  network?: string;
}

export interface PublishRecord {
  entries: RecordEntry[];
  damaged: DamagedLine[];
  /** Where the record was read from (the working-tree file, record-branch refs), for messages. */
  sources: string[];
}

/** The fingerprint of the text a network receives: the same words give the same print whatever the spacing. */
export function fingerprint(text: string): string {
  const normalised = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return `sha256:${createHash('sha256').update(normalised).digest('hex').slice(0, 32)}`;
}

/**
 * The publish record as every command sees it: the lines of the working-tree file and of the record
 * branch (as last fetched, and local), together. A line known in two places counts once; a record
 * that holds more knows more, so nothing is ever lost by reading both.
 */
export async function readRecord(root: string): Promise<PublishRecord> {
  return recordFromTexts(await textsWhereRecordLives(root, RECORD_FILE, JOURNAL_FILE));
}

/**
 * The texts of one file kept where the record lives, each named by where it was read: on the record
 * branch first (its order is the order runs wrote in), then this clone's journal under .git and the
 * working-tree file, which add what the branch lacks.
 */
export async function textsWhereRecordLives(root: string, file: string, journalFile: string): Promise<{ source: string; text: string }[]> {
  const texts: { source: string; text: string }[] = [];
  const gitDir = gitDirOf(root);
  if (gitDir) {
    for (const ref of await recordRefs(root, gitDir)) {
      const text = await tryGit(root, ['cat-file', 'blob', `${ref}:${file}`]);
      if (text !== undefined) texts.push({ source: `${ref.replace(/^refs\/(remotes\/|heads\/)/, '')}:${file}`, text });
    }
    const journal = readIfThere(path.join(gitDir, journalFile));
    if (journal !== undefined) texts.push({ source: `.git/${journalFile}`, text: journal });
  }
  const local = readIfThere(path.join(root, file));
  if (local !== undefined) texts.push({ source: file, text: local });
  return texts;
}

/** A record made of the texts of record files, each named by where it was read. */
export function recordFromTexts(texts: readonly { source: string; text: string }[]): PublishRecord {
  const record: PublishRecord = { entries: [], damaged: [], sources: texts.map((t) => t.source) };
  const seen = new Set<string>();
  for (const { source, text } of texts) {
    text.split('\n').forEach((raw, index) => {
      for (const piece of salvage(raw)) {
        const entry = parseEntry(piece);
        if (!entry) {
          record.damaged.push({ source, line: index + 1, ...aboutWhat(piece) });
          continue;
        }
        const key = JSON.stringify(entry);
        if (seen.has(key)) continue;
        seen.add(key);
        record.entries.push(entry);
      }
    });
  }
  // Lines from two places (or a union merge) may interleave: time order is the truth, and lines of the
  // same time keep the order they were read in (a stable sort).
  record.entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return record;
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The refs of the record branch this clone has. Looked up in the ref files first, so a repository
 * without the branch (most local runs) costs no git process.
 */
async function recordRefs(root: string, workTreeGitDir: string): Promise<string[]> {
  // A linked worktree keeps its refs in the main repository's git folder.
  const common = readIfThere(path.join(workTreeGitDir, 'commondir'))?.trim();
  const gitDir = common ? path.resolve(workTreeGitDir, common) : workTreeGitDir;
  const loose = RECORD_REFS.filter((ref) => existsSync(path.join(gitDir, ref)));
  if (loose.length === RECORD_REFS.length || !packedRefsMention(gitDir)) return loose;
  const listed = await tryGit(root, ['for-each-ref', '--format=%(refname)', ...RECORD_REFS]);
  return listed?.split('\n').filter(Boolean) ?? loose;
}

function packedRefsMention(gitDir: string): boolean {
  try {
    return readFileSync(path.join(gitDir, 'packed-refs'), 'utf8').includes(RECORD_BRANCH);
  } catch {
    return false;
  }
}

/**
 * The JSON objects a damaged line still holds: NUL bytes (a disk or editor fault) are dropped, and
 * two lines glued together when a newline went missing (`}{`) are read as two.
 */
function salvage(raw: string): string[] {
  const line = raw.replace(/\0/g, '').trim();
  if (line === '') return [];
  if (!line.includes('}{')) return [line];
  return line.split(/\}\s*\{/).map((part, index, parts) => `${index === 0 ? '' : '{'}${part}${index === parts.length - 1 ? '' : '}'}`);
}

const STATES: readonly string[] = ['attempting', 'published', 'failed', 'unknown'];

function parseEntry(line: string): RecordEntry | undefined {
  try {
    const value = JSON.parse(line) as Partial<RecordEntry>;
    const complete =
      typeof value === 'object' &&
      value !== null &&
      typeof value.post === 'string' &&
      typeof value.network === 'string' &&
      STATES.includes(String(value.state)) &&
      typeof value.at === 'string' &&
      !Number.isNaN(Date.parse(value.at));
    return complete ? (value as RecordEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** The post and network a damaged line names, when they can still be read from it. */
function aboutWhat(line: string): Pick<DamagedLine, 'post' | 'network'> {
  const field = (name: string) => new RegExp(`"${name}"\\s*:\\s*"([^"\\\\]{1,300})"`).exec(line)?.[1];
  const post = field('post');
  const network = field('network');
  return { ...(post ? { post } : {}), ...(network ? { network } : {}) };
}

/** The latest state of a post on a network, if it was ever attempted. */
export function latestEntry(record: PublishRecord, post: string, network: NetworkId): RecordEntry | undefined {
  let latest: RecordEntry | undefined;
  for (const entry of record.entries) if (entry.post === post && entry.network === network) latest = entry;
  return latest;
}

export function isPublished(record: PublishRecord, post: string, network: NetworkId): boolean {
  return latestEntry(record, post, network)?.state === 'published';
}

/** A published entry on the network with the same text under another post id: a renamed or copied post. */
export function publishedTwin(record: PublishRecord, post: string, network: NetworkId, print: string): RecordEntry | undefined {
  return record.entries.find((e) => e.state === 'published' && e.network === network && e.fingerprint === print && e.post !== post);
}

/**
 * The damaged lines that may be about this post on this network: those that name it, and those that
 * name no post at all (which could be about any). While one remains, the post is never taken as unpublished.
 */
export function damageAbout(record: PublishRecord, post: string, network: NetworkId): DamagedLine[] {
  return record.damaged.filter((d) => (d.post === undefined || d.post === post) && (d.network === undefined || d.network === network));
}
