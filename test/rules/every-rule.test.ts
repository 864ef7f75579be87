import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/index.js';
import type { Post } from '../../src/loading/post.js';
import { loadProject } from '../../src/loading/project.js';
import { loadPosts } from '../../src/loading/posts.js';
import { recordFromTexts } from '../../src/loading/record.js';
import { loadRepository } from '../../src/loading/repository.js';
import { auditExamples, auditRepository, CHANGED_IN_EXAMPLES, EXAMPLES_ENV, EXAMPLES_NOW, FIXED_FOLDER, ruleExamples, type AuditedExamples, type RuleExample } from '../../src/rules/docs/examples.js';
import { runRules } from '../../src/rules/engine.js';
import { RULES } from '../../src/rules/registry.js';
import type { Finding, KeptReports, PostCheckContext, PostSummary, Report } from '../../src/rules/types.js';

const fixture = fileURLToPath(new URL('../fixtures/every-rule/', import.meta.url));

/** Findings of a rule outside its own example that the examples cannot avoid, and why. */
const ALSO_REPORTED: { rule: string; file: string; because: string }[] = [
  { rule: 'schema/duplicate-id', file: 'content/schema/saturday-hours.md', because: 'both posts that share an id are reported' },
  { rule: 'compliance/health-claims', file: 'content/schema/suppression.md', because: 'a comment without a reason turns nothing off' },
  { rule: 'network/see-more', file: 'content/network/mentions.md', because: "21 @-mentions do not fit before Instagram's fold" },
];

describe('the every-rule fixture repository', () => {
  it('makes every rule the tool has report at least once, each message written out', async () => {
    const result = await audit({ cwd: fixture, now: EXAMPLES_NOW, env: EXAMPLES_ENV, changed: CHANGED_IN_EXAMPLES });
    const fired = new Set([...result.findings, ...result.suppressed].map((f) => f.rule));
    const silent = RULES.map((r) => r.meta.id).filter((id) => !fired.has(id));
    expect(silent).toEqual([]);
    expect(result.findings.filter((f) => /\{\{|\}\}/.test(f.message))).toEqual([]);
    expect(path.basename(result.root)).toBe('every-rule');
  });

  it("has each rule report on its own example only: its post content/<family>/<name>.md, or the plan file it reports on", async () => {
    const audited = await auditExamples(fixture, RULES);
    const examples = new Map(ruleExamples(audited).map((example) => [example.rule.meta.id, example.file]));
    const elsewhere = audited.results.findings
      .filter((f) => examples.get(f.rule) !== f.file)
      .filter((f) => !ALSO_REPORTED.some((also) => also.rule === f.rule && also.file === f.file))
      .map((f) => `${f.rule} on ${f.file}:${f.line}`);
    expect(elsewhere).toEqual([]);
    expect(audited.results.suppressed).toEqual([]);
  });
});

describe('each rule\'s example', () => {
  let audited: AuditedExamples;
  let examples: Map<string, RuleExample>;
  const temp = mkdtempSync(path.join(tmpdir(), 'plan-every-rule-'));
  // One audit per corrected file: several rules may share one (plans/networks.yaml).
  const corrected = new Map<string, Promise<Finding[]>>();

  beforeAll(async () => {
    audited = await auditExamples(fixture, RULES);
    examples = new Map(ruleExamples(audited).map((example) => [example.rule.meta.id, example]));
  });
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  /** The findings of the fixture repository with `file` replaced by its corrected version under fixed/. */
  function withFixed(example: RuleExample): Promise<Finding[]> {
    let findings = corrected.get(example.file);
    if (!findings) {
      const root = path.join(temp, String(corrected.size));
      cpSync(fixture, root, { recursive: true, filter: (source) => path.relative(fixture, source) !== FIXED_FOLDER });
      writeFileSync(path.join(root, example.file), example.right);
      findings = loadRepository(root).then((repository) => auditRepository(repository, RULES).findings);
      corrected.set(example.file, findings);
    }
    return findings;
  }

  it.each(RULES.map((rule) => rule.meta.id))('%s: the wrong one makes it report, the right one passes', async (id) => {
    const example = examples.get(id)!;
    expect(example.findings.length, `${id} on ${example.file}`).toBeGreaterThan(0);
    expect(example.right).not.toBe(example.wrong);
    const findings = await withFixed(example);
    const stillReported = findings.filter((f) => f.rule === id && !ALSO_REPORTED.some((also) => also.rule === id && also.file === f.file));
    expect(stillReported.map((f) => `${f.file}:${f.line}`)).toEqual([]);
    expect(findings.filter((f) => f.file === example.file).map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`)).toEqual([]);
  });
});

describe('rules marked cacheable', () => {
  it('report the same from kept reports as checked afresh, at another time of the run', async () => {
    const project = await loadProject(fixture);
    const posts = await loadPosts(fixture, project.timeZone);
    const kept = new Map<Post, Record<string, Report[]>>();
    const summaries = new Map<Post, Record<string, PostSummary>>();
    const store: KeptReports = {
      reportsOn: (post) => kept.get(post),
      keep: (post, reports) => kept.set(post, reports),
      summariesOn: (post) => summaries.get(post),
      keepSummaries: (post, made) => summaries.set(post, made),
    };
    const run = (now: Date, withKept: boolean) => runRules({ project, posts, record: recordFromTexts([]), rules: RULES, now, env: EXAMPLES_ENV, ...(withKept ? { kept: store } : {}) });
    run(EXAMPLES_NOW, true);
    expect(kept.size).toBe(posts.length);
    expect(summaries.size).toBe(posts.length);

    // Another clock: a rule that read it but was marked cacheable would report differently from its kept reports.
    const later = new Date('2040-01-01T12:00:00Z');
    expect(run(later, true)).toEqual(run(later, false));
    expect(RULES.filter((rule) => rule.meta.cacheable).length).toBeGreaterThan(20);
  });

  it('(and post summaries) read neither the clock, nor media files, nor the publish record, nor the environment', async () => {
    const project = await loadProject(fixture);
    const posts = await loadPosts(fixture, project.timeZone);
    const forbidden = (what: string) => () => {
      throw new Error(`a cacheable rule read ${what}`);
    };
    let checked = 0;
    for (const post of posts) {
      const guardedPost = new Proxy(post, { get: (target, key) => (key === 'mediaFacts' ? forbidden('media files')() : Reflect.get(target, key)) });
      const memo = new Map<string, unknown>();
      const remember = <T>(key: string, compute: () => T): T => (memo.has(key) ? (memo.get(key) as T) : (memo.set(key, compute()).get(key) as T));
      for (const rule of RULES.filter((r) => (r.meta.cacheable && r.checkPost) || r.summarizePost)) {
        const context = {
          project,
          year: 2026,
          ruleIds: RULES.map((r) => r.meta.id),
          once: remember,
          perPost: remember,
          post: guardedPost,
          report: () => checked++,
        };
        Object.defineProperty(context, 'now', { get: forbidden('the clock') });
        Object.defineProperty(context, 'record', { get: forbidden('the publish record') });
        Object.defineProperty(context, 'env', { get: forbidden('the environment') });
        if (rule.meta.cacheable && rule.checkPost) expect(() => rule.checkPost!(context as unknown as PostCheckContext), rule.meta.id).not.toThrow();
        if (rule.summarizePost) expect(() => rule.summarizePost!(context as unknown as PostCheckContext), rule.meta.id).not.toThrow();
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
