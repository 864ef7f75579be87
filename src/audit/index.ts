import { existsSync } from 'node:fs';
import path from 'node:path';
import { PlanError } from '../errors.js';
import { changedSince } from '../loading/git.js';
import type { Post } from '../loading/post.js';
import { CONTENT_DIR } from '../loading/posts.js';
import { CONFIG_FILE, planFilesOf, type Project } from '../loading/project.js';
import type { LineIndex } from '../loading/source.js';
import { yearIn } from '../loading/time.js';
import { runRules } from '../rules/engine.js';
import { FindingsCache } from './findings-cache.js';
import { RULES } from '../rules/registry.js';
import type { Finding, SuppressedFinding } from '../rules/types.js';
import { loadRepository, type Repository } from '../loading/repository.js';

export interface AuditOptions {
  cwd: string;
  /** Posts or folders to audit, relative to `cwd`; all posts when empty. */
  paths?: string[];
  changedSince?: string;
  /** The environment of the run, for rules that read it (allowed API hosts); the process's when absent. */
  env?: NodeJS.ProcessEnv;
  /** The files the change under review touches (`plan review` knows them from its diff). */
  changed?: ReadonlySet<string>;
  now: Date;
  /**
   * Keep parsed posts and the findings of cacheable rules between runs, in the repository's
   * node_modules (when it has one). Publishing leaves it off: what decides a publication is checked afresh.
   */
  cache?: boolean;
}

export interface AuditResult extends Repository {
  /** How many posts the findings cover. */
  audited: number;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** The text of each file with findings, by path, so outputs can show the line at fault. */
  sources: Map<string, LineIndex>;
}

/** Loads the repository that holds `options.cwd` and audits it. */
export async function audit(options: AuditOptions): Promise<AuditResult> {
  return auditRepository(await loadRepository(options.cwd, { cache: options.cache ?? false }), options);
}

/** Runs every rule over a loaded repository, reporting on the posts the options select. */
export async function auditRepository(repository: Repository, options: AuditOptions): Promise<AuditResult> {
  const { root, project, posts, record } = repository;
  const changed = options.changed ?? (options.changedSince ? new Set(await changedSince(root, options.changedSince)) : undefined);
  const reportOn = selectFiles(root, options, posts, changed);
  const kept = options.cache ? FindingsCache.open(project, posts, yearIn(options.now, project.timeZone)) : undefined;
  const { findings, suppressed } = runRules({ project, posts, record, reportOn, rules: RULES, now: options.now, ...(options.env ? { env: options.env } : {}), ...(changed ? { changed } : {}), ...(kept ? { kept } : {}) });
  kept?.save();
  return {
    ...repository,
    audited: reportOn ? posts.filter((p) => reportOn.has(p.file)).length : posts.length,
    findings,
    suppressed,
    sources: sourcesOf(findings, posts, project),
  };
}

/** The post files to report on, or undefined for all of them. */
function selectFiles(root: string, options: AuditOptions, posts: Post[], changed: ReadonlySet<string> | undefined): Set<string> | undefined {
  const known = new Set(posts.map((p) => p.file));
  if (options.changedSince && changed) {
    // A change to the configuration or a plan can change what every post means: all are audited.
    if ([...changed].some((f) => f === CONFIG_FILE || f.startsWith('plans/'))) return undefined;
    return new Set([...changed].filter((f) => known.has(f)));
  }
  if (!options.paths?.length) return undefined;
  const selected = new Set<string>();
  for (const given of options.paths) {
    const absolute = path.resolve(options.cwd, given);
    const relative = path.relative(root, absolute).split(path.sep).join('/');
    if (!existsSync(absolute) || relative.startsWith('..')) throw new PlanError(`${given}: no such file or folder in the repository`);
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

/** 2 for a broken configuration, 1 for errors or too many warnings, 0 otherwise. */
export function auditExitCode(findings: readonly Finding[], maxWarnings: number | undefined): number {
  const configBroken = findings.some((f) => f.severity === 'error' && !f.file.startsWith(`${CONTENT_DIR}/`));
  if (configBroken) return 2;
  const counts = countFindings(findings);
  if (counts.error > 0) return 1;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) return 1;
  return 0;
}
