import { createHash } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { NetworkId } from '../loading/schemas/index.js';

export const LEDGER_FILE = '.plan/ledger.jsonl';

export type PublishState = 'attempting' | 'published' | 'failed' | 'unknown';

/** One line of the publish record: a state change of one post on one network. */
export interface LedgerEntry {
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
}

export interface Ledger {
  entries: LedgerEntry[];
  /** 1-based numbers of lines that could not be read (a bad merge, a hand edit). */
  unreadableLines: number[];
}

/** The fingerprint of the text a network receives: the same words give the same print whatever the spacing. */
export function fingerprint(text: string): string {
  const normalised = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return `sha256:${createHash('sha256').update(normalised).digest('hex').slice(0, 32)}`;
}

export async function readLedger(root: string): Promise<Ledger> {
  const text = await readFile(path.join(root, LEDGER_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const ledger: Ledger = { entries: [], unreadableLines: [] };
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const entry = parseEntry(line);
    if (entry) ledger.entries.push(entry);
    else ledger.unreadableLines.push(index + 1);
  });
  // merge=union may interleave two runs' lines; time order is the truth.
  ledger.entries.sort((a, b) => a.at.localeCompare(b.at));
  return ledger;
}

const STATES: readonly string[] = ['attempting', 'published', 'failed', 'unknown'];

function parseEntry(line: string): LedgerEntry | undefined {
  try {
    const value = JSON.parse(line) as Partial<LedgerEntry>;
    const complete = typeof value.post === 'string' && typeof value.network === 'string' && STATES.includes(String(value.state)) && typeof value.at === 'string';
    return complete ? (value as LedgerEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** Appends one entry and forces it to disk before returning: an `attempting` line must exist before the create call. */
export async function appendEntry(root: string, entry: LedgerEntry): Promise<void> {
  const file = path.join(root, LEDGER_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'a');
  try {
    await handle.write(`${JSON.stringify(entry)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The latest state of a post on a network, if it was ever attempted. */
export function latestEntry(ledger: Ledger, post: string, network: NetworkId): LedgerEntry | undefined {
  let latest: LedgerEntry | undefined;
  for (const entry of ledger.entries) if (entry.post === post && entry.network === network) latest = entry;
  return latest;
}

/** A published entry on the network with the same text under another post id: a renamed or copied post. */
export function publishedTwin(ledger: Ledger, post: string, network: NetworkId, print: string): LedgerEntry | undefined {
  return ledger.entries.find((e) => e.state === 'published' && e.network === network && e.fingerprint === print && e.post !== post);
}

/** The key of a post on a network in `publishedSet`. */
export const publishedKey = (post: string, network: NetworkId): string => `${network}:${post}`;

/** Every post × network whose latest state in the record is `published`. */
function publishedSet(ledger: Ledger): Set<string> {
  const latest = new Map<string, PublishState>();
  for (const entry of ledger.entries) latest.set(publishedKey(entry.post, entry.network), entry.state);
  return new Set([...latest].filter(([, state]) => state === 'published').map(([key]) => key));
}

/** What the record shows published, for the audit; an unreadable record counts nothing (`plan status` reports it). */
export async function readPublished(root: string): Promise<Set<string>> {
  return readLedger(root).then(publishedSet, () => new Set<string>());
}
