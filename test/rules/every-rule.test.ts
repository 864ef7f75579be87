import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/index.js';
import type { Post } from '../../src/loading/post.js';
import { loadProject } from '../../src/loading/project.js';
import { runRules } from '../../src/rules/engine.js';
import { recordFromTexts } from '../../src/loading/record.js';
import { RULES } from '../../src/rules/registry.js';
import type { KeptReports, PostCheckContext, PostSummary, Report } from '../../src/rules/types.js';
import { loadPosts } from '../../src/loading/posts.js';

const fixture = fileURLToPath(new URL('../fixtures/every-rule/', import.meta.url));

describe('the every-rule fixture repository', () => {
  it('makes every rule the tool has report at least once', async () => {
    const result = await audit({ cwd: fixture, now: new Date('2026-12-01T12:00:00Z') });
    const fired = new Set([...result.findings, ...result.suppressed].map((f) => f.rule));
    const silent = RULES.map((r) => r.meta.id).filter((id) => !fired.has(id));
    expect(silent).toEqual([]);
    expect(path.basename(result.root)).toBe('every-rule');
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
    runRules({ project, posts, record: recordFromTexts([]), rules: RULES, now: new Date('2026-12-01T12:00:00Z'), kept: store });
    expect(kept.size).toBe(posts.length);
    expect(summaries.size).toBe(posts.length);

    // Another clock: a rule that read it but was marked cacheable would report differently from its kept reports.
    const later = new Date('2040-01-01T12:00:00Z');
    const fresh = runRules({ project, posts, record: recordFromTexts([]), rules: RULES, now: later });
    const fromKept = runRules({ project, posts, record: recordFromTexts([]), rules: RULES, now: later, kept: store });
    expect(fromKept).toEqual(fresh);
    expect(RULES.filter((rule) => rule.meta.cacheable).length).toBeGreaterThan(20);
  });

  it('(and post summaries) read neither the clock, nor media files, nor the publish record', async () => {
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
        if (rule.meta.cacheable && rule.checkPost) expect(() => rule.checkPost!(context as unknown as PostCheckContext), rule.meta.id).not.toThrow();
        if (rule.summarizePost) expect(() => rule.summarizePost!(context as unknown as PostCheckContext), rule.meta.id).not.toThrow();
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
