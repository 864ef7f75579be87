import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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
    if (!existsSync(path.join(root, 'node_modules'))) return new KeptValues<T>(undefined, '', new Map());
    const file = path.join(root, CACHE_DIR, name);
    const current = version();
    return new KeptValues<T>(file, current, readEntries<T>(file, current));
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
      writeFileSync(temporary, JSON.stringify(content));
      renameSync(temporary, this.file);
    } catch {
      // A cache that cannot be written (a read-only checkout) only makes the next run slower.
    }
  }
}

function readEntries<T>(file: string, version: string): Map<string, T> {
  try {
    const content = JSON.parse(readFileSync(file, 'utf8')) as CacheFile<T>;
    if (content.version === version && content.entries && typeof content.entries === 'object') return new Map(Object.entries(content.entries));
  } catch {
    // No cache yet, or one cut short: start empty.
  }
  return new Map();
}
