import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PlanError } from '../errors.js';
import { changedSince } from '../git/index.js';
import { listMarkdown, readRepoFile } from '../loading/files.js';
import { defaultPostId, parseText, postFromParsed, type Post } from '../loading/post.js';
import { ParseCache } from '../loading/parse-cache.js';
import { attachMediaFacts } from '../loading/media.js';
import { CONFIG_FILE, findRoot, loadProject, planFilesOf, type Project } from '../loading/project.js';
import { PARSE_RULE } from '../loading/problems.js';
import { LineIndex, pointRange } from '../loading/source.js';
import { yearIn } from '../loading/time.js';
import { runRules } from '../rules/engine.js';
import { FindingsCache } from '../cache/findings.js';
import { readPublished } from '../publishing/ledger.js';
import { RULES } from '../rules/registry.js';
import type { Finding, SuppressedFinding } from '../rules/types.js';

export interface AuditOptions {
  cwd: string;
  /** Posts or folders to audit, relative to `cwd`; all posts when empty. */
  paths?: string[];
  changedSince?: string;
  now: Date;
  /**
   * Keep parsed posts and the findings of cacheable rules between runs, in the repository's
   * node_modules (when it has one). Publishing leaves it off: what decides a publication is checked afresh.
   */
  cache?: boolean;
}

export interface AuditResult {
  root: string;
  project: Project;
  /** Every post of the repository. */
  posts: Post[];
  /** How many posts the findings cover. */
  audited: number;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** The text of each file with findings, by path, so outputs can show the line at fault. */
  sources: Map<string, LineIndex>;
}

export const CONTENT_DIR = 'content';

export async function audit(options: AuditOptions): Promise<AuditResult> {
  const root = await findRoot(options.cwd);
  const project = { ...(await loadProject(root)), published: await readPublished(root) };
  const cache = options.cache ?? false;
  const posts = await loadPosts(root, project.timeZone, cache);
  const reportOn = await selectFiles(root, options, posts);
  const kept = cache ? FindingsCache.open(project, posts, yearIn(options.now, project.timeZone)) : undefined;
  const { findings, suppressed } = runRules({ project, posts, reportOn, rules: RULES, now: options.now, ...(kept ? { kept } : {}) });
  kept?.save();
  return {
    root,
    project,
    posts,
    audited: reportOn ? posts.filter((p) => reportOn.has(p.file)).length : posts.length,
    findings,
    suppressed,
    sources: sourcesOf(findings, posts, project),
  };
}

/** Every post under content/; with `cache`, parsed texts are kept between runs (see ParseCache). */
export async function loadPosts(root: string, timeZone: string, cache = false): Promise<Post[]> {
  const files = await listMarkdown(root, CONTENT_DIR);
  const parsed = cache ? ParseCache.open(root) : undefined;
  const posts = files.map((file) => {
    const read = readRepoFile(root, file);
    if (!read.ok) return unreadablePost(file, `${path.basename(file)} ${read.message}`);
    return postFromParsed(file, read.text, parsed ? parsed.parse(read.text) : parseText(read.text), timeZone);
  });
  parsed?.save();
  return attachMediaFacts(root, posts);
}

function unreadablePost(file: string, message: string): Post {
  return {
    file,
    id: defaultPostId(file),
    lines: new LineIndex(''),
    frontmatter: {},
    valid: false,
    body: '',
    bodyOffset: 0,
    problems: [{ rule: PARSE_RULE, message, range: pointRange(1) }],
    locate: () => pointRange(1),
  };
}

/** The post files to report on, or undefined for all of them. */
async function selectFiles(root: string, options: AuditOptions, posts: Post[]): Promise<Set<string> | undefined> {
  const known = new Set(posts.map((p) => p.file));
  if (options.changedSince) {
    const changed = (await changedSince(root, options.changedSince)).filter((f) => f === CONFIG_FILE || f.startsWith('plans/') || f.startsWith(`${CONTENT_DIR}/`));
    if (changed.some((f) => !f.startsWith(`${CONTENT_DIR}/`))) return undefined;
    return new Set(changed.filter((f) => known.has(f)));
  }
  if (!options.paths?.length) return undefined;
  const selected = new Set<string>();
  for (const given of options.paths) {
    const absolute = path.resolve(options.cwd, given);
    const relative = path.relative(root, absolute).split(path.sep).join('/');
    const info = await stat(absolute).catch(() => undefined);
    if (!info || relative.startsWith('..')) throw new PlanError(`${given}: no such file or folder in the repository`);
    const matches = [...known].filter((f) => f === relative || relative === '' || f.startsWith(`${relative}/`));
    if (matches.length === 0) throw new PlanError(`${given}: no posts there (posts are .md files under ${CONTENT_DIR}/)`);
    for (const match of matches) selected.add(match);
  }
  return selected;
}

function sourcesOf(findings: Finding[], posts: Post[], project: Project): Map<string, LineIndex> {
  const files = new Set(findings.map((f) => f.file));
  const sources = new Map<string, LineIndex>();
  for (const post of posts) if (files.has(post.file)) sources.set(post.file, post.lines);
  for (const planFile of planFilesOf(project)) {
    if (files.has(planFile.file) && planFile.lines) sources.set(planFile.file, planFile.lines);
  }
  return sources;
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
}

export function countFindings(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** SPEC §4: 2 for a broken configuration, 1 for errors or too many warnings, 0 otherwise. */
export function auditExitCode(findings: readonly Finding[], maxWarnings: number | undefined): number {
  const configBroken = findings.some((f) => f.severity === 'error' && !f.file.startsWith(`${CONTENT_DIR}/`));
  if (configBroken) return 2;
  const counts = countFindings(findings);
  if (counts.error > 0) return 1;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) return 1;
  return 0;
}
