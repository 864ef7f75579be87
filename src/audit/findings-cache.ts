import { createHash } from 'node:crypto';
import type { Post } from '../loading/post.js';
import { planFilesOf, type Project } from '../loading/project.js';
import { NETWORK_IDS } from '../loading/schemas/index.js';
import type { KeptReports, PostSummary, Report } from '../rules/types.js';
import { CACHE_DIR, KeptValues } from '../loading/cache/store.js';
import { codeFolder, DATA_FOLDER, versionOf } from '../loading/cache/version.js';

const NAME = 'findings.json';
export const FINDINGS_FILE = `${CACHE_DIR}/${NAME}`;

/** Every library a rule may use to read or measure a post. */
const LIBRARIES = ['yaml', 'zod', 'gray-matter', 'twitter-text', 'date-fns', '@date-fns/tz'];

type PostReports = Record<string, Report[]>;
type PostSummaries = Record<string, PostSummary>;

/** What is kept of one post: the cacheable rules' reports once they have checked it, and the rules' summaries of it. */
interface KeptPost {
  reports?: PostReports;
  summaries?: PostSummaries;
}

/**
 * What the cacheable rules reported on each post in an earlier run, and what rules summarised of it,
 * by the post's file and text. The whole cache is thrown away when the tool's code, its word lists,
 * a library's or Node's version, any configuration or plan file or the year changes: each of those
 * can change what a rule reports.
 */
export class FindingsCache implements KeptReports {
  private constructor(
    private readonly kept: KeptValues<KeptPost>,
    private readonly keys: ReadonlyMap<Post, string>,
  ) {}

  /**
   * `posts`: every post of the repository, so that an audit of a few keeps what it knows of the
   * others; `year`: the run's year in practice time (RunContext.year), which the PHI rules read.
   */
  static open(project: Project, posts: readonly Post[], year: number): FindingsCache {
    const kept = KeptValues.open<KeptPost>(project.root, NAME, () => `${toolVersion()}.${planVersion(project)}.${year}`);
    const keys = new Map<Post, string>();
    if (kept.isActive) for (const post of posts) if (post.lines.text !== '') keys.set(post, keyOf(post));
    return new FindingsCache(kept, keys);
  }

  reportsOn(post: Post): PostReports | undefined {
    const reports = this.keptOn(post)?.reports;
    return isPostReports(reports) ? reports : undefined;
  }

  keep(post: Post, reports: PostReports): void {
    this.update(post, { reports });
  }

  summariesOn(post: Post): PostSummaries | undefined {
    const summaries = this.keptOn(post)?.summaries;
    return isSummaries(summaries) ? summaries : undefined;
  }

  keepSummaries(post: Post, summaries: PostSummaries): void {
    this.update(post, { summaries });
  }

  private keptOn(post: Post): KeptPost | undefined {
    const key = this.keys.get(post);
    const kept = key === undefined ? undefined : this.kept.get(key);
    return isRecord(kept) ? kept : undefined;
  }

  private update(post: Post, part: KeptPost): void {
    const key = this.keys.get(post);
    if (key !== undefined) this.kept.keep(key, { ...this.keptOn(post), ...part });
  }

  /** Writes what is known of every post still in the repository, checked in this run or not. */
  save(): void {
    for (const key of this.keys.values()) this.kept.get(key);
    this.kept.save();
  }
}

// An empty text is also what a file that could not be read leaves: such posts get no key and are checked every time.
function keyOf(post: Post): string {
  return createHash('sha1').update(post.file).update('\0').update(post.lines.text).digest('base64url');
}

// The file is plan's own, but an edited or damaged one must cost a re-check, never a crash or a wrong place.
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPostReports(value: unknown): value is PostReports {
  return isRecord(value) && Object.values(value).every((reports) => Array.isArray(reports) && reports.every(isReport));
}

function isSummaries(value: unknown): value is PostSummaries {
  return isRecord(value) && Object.values(value).every((summary) => isRecord(summary) && Object.values(summary).every((text) => typeof text === 'string'));
}

function isReport(value: unknown): value is Report {
  const { message, range, network, sensitiveText } = (value ?? {}) as Partial<Report>;
  return (
    typeof message === 'string' &&
    typeof range === 'object' &&
    range !== null &&
    [range.line, range.column, range.endLine, range.endColumn].every(Number.isInteger) &&
    (network === undefined || (NETWORK_IDS as readonly string[]).includes(network)) &&
    (sensitiveText === undefined || typeof sensitiveText === 'string')
  );
}

let computedToolVersion: string | undefined;

// Node's version and its ICU data too: graphemes and word breaks are counted with Intl.
function toolVersion(): string {
  return (computedToolVersion ??= `${versionOf([codeFolder(), DATA_FOLDER], LIBRARIES)}.${process.versions.node}.${process.versions.icu ?? ''}`);
}

function planVersion(project: Project): string {
  const hash = createHash('sha1').update(project.timeZone);
  for (const planFile of planFilesOf(project)) {
    hash.update(`\0${planFile.file}\0${planFile.present}\0`).update(planFile.lines?.text ?? '');
  }
  return hash.digest('base64url');
}
