import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_FILE, ParseCache } from './parse-cache.js';
import { parseText } from '../post.js';

const POST = '---\ntitle: Flu shots\npublish_at: 2026-12-01 09:00\nnetworks: [x]\n---\nGet your flu shot.\n';
const OTHER = '---\ntitle: Hours\npublish_at: 2026-12-02 09:00\nnetworks: [x]\n---\nOpen late on Tuesdays.\n';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'plan-cache-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const cacheFile = () => path.join(root, CACHE_FILE);
const entries = () => Object.values((JSON.parse(readFileSync(cacheFile(), 'utf8')) as { entries: object }).entries);

describe('ParseCache', () => {
  it('writes nothing in a repository without node_modules', () => {
    const cache = ParseCache.open(root);
    expect(cache.parse(POST)).toEqual(parseText(POST));
    cache.save();
    expect(existsSync(path.join(root, 'node_modules'))).toBe(false);
  });

  it('answers a text it parsed in an earlier run from the cache, as parsing it would', () => {
    mkdirSync(path.join(root, 'node_modules'));
    const first = ParseCache.open(root);
    first.parse(POST);
    first.save();
    expect(entries()).toEqual([JSON.parse(JSON.stringify(parseText(POST)))]);

    // Prove the second run reads the file: a doctored entry comes back as written.
    const content = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { entries: Record<string, { frontmatter: { title: string } }> };
    Object.values(content.entries)[0]!.frontmatter.title = 'from the cache';
    writeFileSync(cacheFile(), JSON.stringify(content));
    expect(ParseCache.open(root).parse(POST).frontmatter.title).toBe('from the cache');
  });

  it('parses a changed text afresh and drops texts no run asked for', () => {
    mkdirSync(path.join(root, 'node_modules'));
    const first = ParseCache.open(root);
    first.parse(POST);
    first.save();
    const second = ParseCache.open(root);
    expect(second.parse(OTHER)).toEqual(parseText(OTHER));
    second.save();
    expect(entries()).toEqual([JSON.parse(JSON.stringify(parseText(OTHER)))]);
  });

  it('ignores a cache written by other code, or cut short', () => {
    mkdirSync(path.dirname(cacheFile()), { recursive: true });
    const stale = { version: 'older code', entries: { anything: { frontmatter: { title: 'stale' } } } };
    writeFileSync(cacheFile(), JSON.stringify(stale));
    expect(ParseCache.open(root).parse(POST)).toEqual(parseText(POST));
    writeFileSync(cacheFile(), '{"version": "');
    expect(ParseCache.open(root).parse(POST)).toEqual(parseText(POST));
  });

  it('parses afresh a damaged entry of a current cache', () => {
    mkdirSync(path.join(root, 'node_modules'));
    const first = ParseCache.open(root);
    first.parse(POST);
    first.save();
    const content = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { entries: Record<string, unknown> };
    for (const damaged of [null, 'text', { frontmatter: null }, { ...parseText(POST), bodyOffset: POST.length + 1 }]) {
      for (const key of Object.keys(content.entries)) content.entries[key] = damaged;
      writeFileSync(cacheFile(), JSON.stringify(content));
      expect(ParseCache.open(root).parse(POST)).toEqual(parseText(POST));
    }
  });

  it('keeps its file to its owner, and neither reads nor writes through a link', () => {
    mkdirSync(path.join(root, 'node_modules'));
    const first = ParseCache.open(root);
    first.parse(POST);
    first.save();
    expect(statSync(cacheFile()).mode & 0o777).toBe(0o600);

    const outside = mkdtempSync(path.join(tmpdir(), 'plan-outside-'));
    try {
      const target = path.join(outside, 'target.json');
      writeFileSync(target, readFileSync(cacheFile()));
      rmSync(cacheFile());
      symlinkSync(target, cacheFile());
      const linked = ParseCache.open(root);
      expect(linked.parse(OTHER)).toEqual(parseText(OTHER));
      linked.save();
      expect(lstatSync(cacheFile()).isSymbolicLink()).toBe(false);
      expect(readFileSync(target, 'utf8')).not.toContain('Hours');

      // A cache folder that is a link out of the repository is not used at all.
      rmSync(path.join(root, 'node_modules'), { recursive: true });
      mkdirSync(path.join(root, 'node_modules', '.cache'), { recursive: true });
      symlinkSync(outside, path.join(root, 'node_modules', '.cache', 'plan'));
      const away = ParseCache.open(root);
      away.parse(POST);
      away.save();
      expect(readdirSync(outside)).toEqual(['target.json']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
