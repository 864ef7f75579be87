import type { Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import type { PublishRecord } from '../loading/record.js';
import type { SeveritySetting } from '../loading/schemas/index.js';
import { yearIn } from '../loading/time.js';
import { SeverityResolver } from './severity.js';
import { readSuppressions, suppressionFor, type Suppression } from './suppressions.js';
import type { Finding, KeptReports, PostCheckContext, PostSummary, Report, ReportDescriptor, Rule, RuleMeta, RunContext, SuppressedFinding } from './types.js';
import { writeReport } from './messages.js';
import { invalidSuppression } from './schema/suppression.js';
import { unusedSuppression } from './schema/unused-suppression.js';

export interface RuleRun {
  project: Project;
  /** What the publish record says was published: rules about time leave published posts out. */
  record: PublishRecord;
  /** Every post of the repository: project checks see them all. */
  posts: readonly Post[];
  /** The environment of the run; the audit's own unless given. */
  env?: NodeJS.ProcessEnv;
  /** The files the change under review touches, when there is one (see RunContext.changed). */
  changed?: ReadonlySet<string>;
  /** Files whose findings are reported (all when undefined); plan files are always reported. */
  reportOn?: ReadonlySet<string>;
  rules: readonly Rule[];
  now: Date;
  /** Reports of cacheable rules from earlier runs: reused for unchanged posts, filled in for the others. */
  kept?: KeptReports;
}

export interface RuleResults {
  findings: Finding[];
  /** Findings turned off by an inline comment, with its reason: `plan review` still lists PHI ones. */
  suppressed: SuppressedFinding[];
}

/** Runs every rule that is not off, applies severities, overrides and inline suppressions. */
export function runRules(run: RuleRun): RuleResults {
  const defaults = new Map<string, SeveritySetting>(run.rules.map((r) => [r.meta.id, r.meta.severity]));
  const severities = new SeverityResolver(defaults, run.project.config.data);
  const isReported = (file: string) => !run.reportOn || run.reportOn.has(file) || !file.startsWith('content/');
  const reportedPosts = run.posts.filter((post) => isReported(post.file));
  const context: RunContext = {
    project: run.project,
    record: run.record,
    env: run.env ?? process.env,
    now: run.now,
    ...(run.changed ? { changed: run.changed } : {}),
    year: yearIn(run.now, run.project.timeZone),
    ruleIds: run.rules.map((r) => r.meta.id),
    once: memoized(),
  };

  const raw: Finding[] = [];
  const collect = (rule: Rule, file: string, report: Report) => {
    const severity = severities.resolve(rule.meta.id, file);
    if (severity === 'off' || !isReported(file)) return;
    raw.push({ rule: rule.meta.id, severity, file, network: report.network ?? null, message: report.message, ...report.range, ...sensitive(report) });
  };

  const summaries = summarizePosts(run, context);
  for (const rule of run.rules) {
    if (!rule.checkProject) continue;
    const isOff = (file: string) => severities.resolve(rule.meta.id, file) === 'off';
    const summaryOf = (post: Post) => summaries.get(post)?.[rule.meta.id] ?? {};
    const report = (r: ReportDescriptor & { file: string }) => collect(rule, r.file, writeReport(rule.meta, r));
    rule.checkProject({ ...context, posts: run.posts, isOff, summaryOf, report });
  }
  // Post by post, every rule: what one rule derives from a post (its plain text) is still at hand for the
  // next, and what they share through `perPost` is dropped once the post is done.
  const postRules = run.rules.filter((rule) => rule.checkPost);
  for (const post of reportedPosts) {
    const kept = run.kept?.reportsOn(post);
    const fresh: Record<string, Report[]> = {};
    // One context per post, whose report() files under the rule being run: 10,000 posts × 40 rules
    // would otherwise make as many context objects.
    let current: { rule: Rule; reports?: Report[] } | undefined;
    const report = (descriptor: ReportDescriptor) => {
      if (!current) throw new Error('a rule reported after its checkPost returned');
      const written = writeReport(current.rule.meta, descriptor);
      current.reports?.push(written);
      collect(current.rule, post.file, written);
    };
    const postContext: PostCheckContext = { ...context, post, perPost: memoized(), report };
    for (const rule of postRules) {
      if (severities.resolve(rule.meta.id, post.file) === 'off') continue;
      if (rule.meta.cacheable && kept) {
        for (const keptReport of kept[rule.meta.id] ?? []) collect(rule, post.file, keptReport);
        continue;
      }
      current = rule.meta.cacheable ? { rule, reports: [] } : { rule };
      rule.checkPost!(postContext);
      if (current.reports?.length) fresh[rule.meta.id] = current.reports;
      current = undefined;
    }
    if (!kept) run.kept?.keep(post, fresh);
  }
  return applySuppressions(raw, reportedPosts, run.rules, severities);
}

/** Every post's summaries, by rule, for the rules that make them: kept from an earlier run, or made now. */
function summarizePosts(run: RuleRun, context: RunContext): Map<Post, Record<string, PostSummary>> {
  const rules = run.rules.filter((rule) => rule.summarizePost);
  const summaries = new Map<Post, Record<string, PostSummary>>();
  if (rules.length === 0) return summaries;
  for (const post of run.posts) {
    const kept = run.kept?.summariesOn(post);
    if (kept && rules.every((rule) => kept[rule.meta.id])) {
      summaries.set(post, kept);
      continue;
    }
    const postContext = { ...context, post, perPost: memoized() };
    const made = Object.fromEntries(rules.map((rule) => [rule.meta.id, rule.summarizePost!(postContext)]));
    summaries.set(post, made);
    run.kept?.keepSummaries(post, made);
  }
  return summaries;
}

/** A value per key, computed the first time it is asked for. */
function memoized(): RunContext['once'] {
  const values = new Map<string, unknown>();
  return <T>(key: string, compute: () => T): T => {
    if (!values.has(key)) values.set(key, compute());
    return values.get(key) as T;
  };
}

function sensitive(report: Report): Pick<Finding, 'sensitiveText'> {
  return report.sensitiveText === undefined ? {} : { sensitiveText: report.sensitiveText };
}

function applySuppressions(raw: Finding[], posts: readonly Post[], rules: readonly Rule[], severities: SeverityResolver): RuleResults {
  const known = new Set(rules.map((r) => r.meta.id));
  const isRule = (id: string) => known.has(id) || (id.endsWith('/*') && [...known].some((k) => k.startsWith(id.slice(0, -1))));
  const byFile = new Map<string, Suppression[]>();
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  // These findings come from the comments themselves: no comment turns them off.
  const add = (meta: RuleMeta, file: string, descriptor: ReportDescriptor) => {
    const severity = severities.resolve(meta.id, file);
    const { message, range } = writeReport(meta, descriptor);
    if (severity !== 'off') findings.push({ rule: meta.id, severity, file, network: null, message, ...range });
  };

  for (const post of posts) {
    const { suppressions, problems } = readSuppressions(post, isRule);
    byFile.set(post.file, suppressions);
    for (const problem of problems) add(invalidSuppression.meta, post.file, problem);
  }
  for (const finding of raw) {
    const suppression = suppressionFor(byFile.get(finding.file) ?? [], finding.rule, finding.line);
    if (suppression) suppressed.push({ ...finding, suppression: { reason: suppression.reason, line: suppression.range.line } });
    else findings.push(finding);
  }
  for (const [file, suppressions] of byFile) {
    for (const unused of suppressions.filter((s) => !s.used)) {
      add(unusedSuppression.meta, file, { messageId: 'unused', data: { rules: unused.rules.join(', ') }, range: unused.range });
    }
  }
  return { findings: findings.sort(byPlace), suppressed: suppressed.sort(byPlace) };
}

export function byPlace(a: Finding, b: Finding): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.rule, b.rule);
}

// Code-unit order: the same on every machine and locale, and far cheaper than localeCompare on 10,000 posts.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
