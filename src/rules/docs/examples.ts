import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePost, type Post } from '../../loading/post.js';
import { loadRepository, type Repository } from '../../loading/repository.js';
import { runRules, type RuleResults } from '../engine.js';
import type { Finding, Rule } from '../types.js';

/*
 * The examples of the rule pages come from a repository where every rule fires (the tests keep
 * test/fixtures/every-rule so): a rule's wrong example is its own post, content/<family>/<name>.md,
 * or else the file it reports on (a plan file); its right example is the same file under fixed/.
 */

/** The clock the examples are audited at: a Tuesday morning, a week before the posts they plan. */
export const EXAMPLES_NOW = new Date('2026-12-01T12:00:00Z');

/** Where the corrected version of each example lives, mirroring the repository's paths. */
export const FIXED_FOLDER = 'fixed';

/** What the examples are audited with: no API host allowed beyond the networks' own. */
export const EXAMPLES_ENV: NodeJS.ProcessEnv = Object.freeze({});

export interface RuleExample {
  rule: Rule;
  /** The file, relative to the repository, that makes the rule fire. */
  file: string;
  wrong: string;
  /** The same file as it should be, from fixed/<file>. */
  right: string;
  /** What the rule reports on the file. */
  findings: Finding[];
}

/** A repository audited as the examples are, with what every rule reported. */
export interface AuditedExamples {
  root: string;
  repository: Repository;
  rules: readonly Rule[];
  results: RuleResults;
}

export async function auditExamples(root: string, rules: readonly Rule[]): Promise<AuditedExamples> {
  const repository = await loadRepository(root);
  return { root, repository, rules, results: auditRepository(repository, rules) };
}

/** The examples are audited as a pull request that touches this one post: plan/ready-past speaks only of a change. */
export const CHANGED_IN_EXAMPLES: ReadonlySet<string> = new Set(['content/plan/ready-past.md']);

export function auditRepository({ project, posts, record }: Repository, rules: readonly Rule[], reportOn?: ReadonlySet<string>): RuleResults {
  return runRules({ project, posts, record, rules, now: EXAMPLES_NOW, env: EXAMPLES_ENV, changed: CHANGED_IN_EXAMPLES, ...(reportOn ? { reportOn } : {}) });
}

/** The file a rule's example is: its own post when there is one, else the first file it reports on. */
export function exampleFileOf(root: string, ruleId: string, findings: readonly Finding[]): string | undefined {
  const own = `content/${ruleId}.md`;
  if (existsSync(path.join(root, own))) return own;
  return findings.find((finding) => finding.rule === ruleId)?.file;
}

/** Each rule's example; a rule that does not fire in the repository, or has no fixed/ version, is an error in the repository. */
export function ruleExamples({ root, rules, results }: AuditedExamples): RuleExample[] {
  return rules.map((rule) => {
    const file = exampleFileOf(root, rule.meta.id, results.findings);
    if (!file) throw new Error(`${rule.meta.id} reports nothing in ${root}: add a post or plan file that makes it fire`);
    const fixed = path.join(root, FIXED_FOLDER, file);
    if (!existsSync(fixed)) throw new Error(`${rule.meta.id}: ${file} has no corrected version at ${path.join(FIXED_FOLDER, file)}`);
    const findings = results.findings.filter((finding) => finding.rule === rule.meta.id && finding.file === file);
    return { rule, file, wrong: readFileSync(path.join(root, file), 'utf8'), right: readFileSync(fixed, 'utf8'), findings };
  });
}

/** A plan-disable comment above the line of an example's first finding, written as the post's part calls for, and whether it turns the finding off. */
export interface LineSuppression {
  /** The comment and the line it covers, as they would read in the post. */
  lines: string[];
  works: boolean;
}

const SUPPRESSION_REASON = 'why it is fine here, for the reviewers';

/** Writes the comment into the example post and audits it again; undefined when the example is not a post. */
export function lineSuppression({ repository, rules }: AuditedExamples, example: RuleExample): LineSuppression | undefined {
  const post = repository.posts.find((candidate) => candidate.file === example.file);
  const finding = example.findings[0];
  if (!post || !finding) return undefined;
  const lines = example.wrong.split('\n');
  const inBody = finding.line > post.lines.position(post.bodyOffset).line - 1;
  const target = lines[finding.line - 1] ?? '';
  const indent = inBody ? '' : /^\s*/.exec(target)![0];
  const comment = inBody
    ? `<!-- plan-disable-next-line ${example.rule.meta.id} -- ${SUPPRESSION_REASON} -->`
    : `${indent}# plan-disable-next-line ${example.rule.meta.id} -- ${SUPPRESSION_REASON}`;
  const text = [...lines.slice(0, finding.line - 1), comment, ...lines.slice(finding.line - 1)].join('\n');
  const commented: Post = { ...parsePost(post.file, text, repository.project.timeZone), ...(post.mediaFacts ? { mediaFacts: post.mediaFacts } : {}) };
  const posts = repository.posts.map((candidate) => (candidate === post ? commented : candidate));
  // Every rule runs, as in an audit: a comment naming a rule that reports nothing there is a finding too.
  const { suppressed } = auditRepository({ ...repository, posts }, rules, new Set([post.file]));
  const works = suppressed.some((s) => s.rule === example.rule.meta.id && s.file === post.file && s.line === finding.line + 1);
  return { lines: [comment, target], works };
}
