import { closeSync, constants, existsSync, fstatSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../files.js';

/** Inside the repository's own node_modules, as build tools keep theirs: never beside the posts, never committed. */
export const CACHE_DIR = 'node_modules/.cache/plan';

interface CacheFile<T> {
  version: string;
  entries: Record<string, T>;
}

/**
 * Values kept between runs in one JSON file under CACHE_DIR, by key. The file holds the version of
 * what made them and is thrown away whole when that changes. Only a repository with a node_modules
 * folder keeps one; elsewhere nothing is read or written.
 */
export class KeptValues<T> {
  private readonly used = new Map<string, T>();
  private changed = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly version: string,
    private readonly earlier: Map<string, T>,
  ) {}

  /** `version` is asked for only when the repository can keep a cache: computing it may read files. */
  static open<T>(root: string, name: string, version: () => string): KeptValues<T> {
    const folder = path.join(root, CACHE_DIR);
    try {
      if (existsSync(path.join(root, 'node_modules')) && !leadsOutside(root, folder)) {
        const file = path.join(folder, name);
        const current = version();
        return new KeptValues<T>(file, current, readEntries<T>(file, current));
      }
    } catch {
      // Code or data that cannot be read to version the cache: run without one.
    }
    return new KeptValues<T>(undefined, '', new Map());
  }

  /** False where nothing is kept (no node_modules): callers can skip preparing keys. */
  get isActive(): boolean {
    return this.file !== undefined;
  }

  get(key: string): T | undefined {
    const value = this.used.get(key) ?? this.earlier.get(key);
    if (value !== undefined) this.used.set(key, value);
    return value;
  }

  keep(key: string, value: T): void {
    this.used.set(key, value);
    this.changed = true;
  }

  /** Writes what this run used, and only that: values no run asks for again drop out. */
  save(): void {
    if (!this.file || (!this.changed && this.used.size === this.earlier.size)) return;
    const content: CacheFile<T> = { version: this.version, entries: Object.fromEntries(this.used) };
    const temporary = `${this.file}.${process.pid}`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      // A new file only ("wx" fails on anything already there, a link included), readable by its owner
      // alone: the findings hold the words PHI rules matched.
      writeFileSync(temporary, JSON.stringify(content), { flag: 'wx', mode: 0o600 });
      renameSync(temporary, this.file);
    } catch {
      // A cache that cannot be written (a read-only checkout) only makes the next run slower.
      rmSync(temporary, { force: true });
    }
  }
}

/** True when the cache folder, or a folder on its way, is a link out of the repository. */
function leadsOutside(root: string, folder: string): boolean {
  let existing = folder;
  while (!existsSync(existing)) existing = path.dirname(existing);
  return !isInside(realpathSync(root), realpathSync(existing));
}

// Far above what 50,000 posts keep (about 70 MB); anything larger is not plan's.
const MAX_CACHE_BYTES = 512 * 1024 * 1024;

/** The cache file's text when it is a plain file of a sane size (never through a link). */
function readCacheText(file: string): string | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(descriptor);
    return info.isFile() && info.size <= MAX_CACHE_BYTES ? readFileSync(descriptor, 'utf8') : undefined;
  } finally {
    closeSync(descriptor);
  }
}

function readEntries<T>(file: string, version: string): Map<string, T> {
  try {
    const text = readCacheText(file);
    if (text === undefined) return new Map();
    const content = JSON.parse(text) as CacheFile<T>;
    if (content.version === version && content.entries && typeof content.entries === 'object') return new Map(Object.entries(content.entries));
  } catch {
    // No cache yet, or one cut short: start empty.
  }
  return new Map();
}
