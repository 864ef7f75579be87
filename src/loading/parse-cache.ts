import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseText, type ParsedText } from './post.js';

/** Inside the repository's own node_modules, as build tools keep theirs: never beside the posts, never committed. */
export const CACHE_FILE = 'node_modules/.cache/plan/parsed-posts.json';

/** The libraries whose output a parsed text holds (values, messages). */
const PARSERS = ['yaml', 'zod', 'gray-matter'];

interface CacheFile {
  version: string;
  entries: Record<string, ParsedText>;
}

/**
 * Parsed post texts from earlier runs, by the hash of the text. A text parses to the same data
 * every time, as long as the code that parses it is the same: the cache is keyed by that code (this
 * folder's files and the parsers' versions) and thrown away when it changes. Only a repository with
 * a node_modules folder gets one.
 */
export class ParseCache {
  private readonly used = new Map<string, ParsedText>();
  private changed = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly version: string,
    private readonly earlier: Map<string, ParsedText>,
  ) {}

  static open(root: string): ParseCache {
    if (!existsSync(path.join(root, 'node_modules'))) return new ParseCache(undefined, '', new Map());
    const file = path.join(root, CACHE_FILE);
    const version = codeVersion();
    return new ParseCache(file, version, readEntries(file, version));
  }

  parse(text: string): ParsedText {
    const key = createHash('sha1').update(text).digest('base64url');
    let parsed = this.used.get(key) ?? this.earlier.get(key);
    if (!parsed) {
      parsed = parseText(text);
      this.changed = true;
    }
    this.used.set(key, parsed);
    return parsed;
  }

  /** Keeps what this run parsed, and only that: texts no longer in the repository drop out. */
  save(): void {
    if (!this.file || (!this.changed && this.used.size === this.earlier.size)) return;
    const content: CacheFile = { version: this.version, entries: Object.fromEntries(this.used) };
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

function readEntries(file: string, version: string): Map<string, ParsedText> {
  try {
    const content = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    if (content.version === version && content.entries && typeof content.entries === 'object') return new Map(Object.entries(content.entries));
  } catch {
    // No cache yet, or one cut short: parse everything.
  }
  return new Map();
}

let computedVersion: string | undefined;

/** A hash of the code that turns a text into a ParsedText: this folder's files and the parsers' versions. */
function codeVersion(): string {
  if (computedVersion) return computedVersion;
  const hash = createHash('sha1');
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const folder of [here, path.join(here, 'schemas')]) {
    for (const name of readdirSync(folder).sort()) {
      if (/\.(js|ts)$/.test(name) && !name.endsWith('.test.ts')) hash.update(name).update(readFileSync(path.join(folder, name)));
    }
  }
  for (const parser of PARSERS) hash.update(`${parser}@${installedVersion(parser)}`);
  return (computedVersion = hash.digest('base64url'));
}

function installedVersion(name: string): string {
  let folder = path.dirname(fileURLToPath(import.meta.resolve(name)));
  for (;;) {
    const manifest = path.join(folder, 'package.json');
    if (existsSync(manifest)) {
      const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (found === name) return version ?? 'unknown';
    }
    const parent = path.dirname(folder);
    if (parent === folder) return 'unknown';
    folder = parent;
  }
}
