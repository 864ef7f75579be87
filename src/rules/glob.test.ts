import { describe, expect, it } from 'vitest';
import { globToRegExp, matchesAny } from './glob.js';

const matches = (glob: string, file: string) => globToRegExp(glob).test(file);

describe('globToRegExp', () => {
  it('matches "*" within one folder only', () => {
    expect(matches('content/*.md', 'content/flu.md')).toBe(true);
    expect(matches('content/*.md', 'content/2026/flu.md')).toBe(false);
  });

  it('matches "**" across any number of folders, including none', () => {
    expect(matches('content/archive/**', 'content/archive/old.md')).toBe(true);
    expect(matches('content/archive/**', 'content/archive/2019/05/old.md')).toBe(true);
    expect(matches('content/**/flu.md', 'content/flu.md')).toBe(true);
    expect(matches('content/**/flu.md', 'content/2026/10/flu.md')).toBe(true);
    expect(matches('**/*.md', 'content/2026/flu.md')).toBe(true);
  });

  it('does not match a folder that only starts with the same name', () => {
    expect(matches('content/archive/**', 'content/archived.md')).toBe(false);
    expect(matches('content/archive/**', 'content/archive-2019/old.md')).toBe(false);
  });

  it('matches "?" as one character that is not a slash', () => {
    expect(matches('content/202?/*.md', 'content/2026/a.md')).toBe(true);
    expect(matches('content/202?/*.md', 'content/20261/a.md')).toBe(false);
    expect(matches('content/a?b.md', 'content/a/b.md')).toBe(false);
  });

  it('matches "{a,b}" alternatives', () => {
    expect(matches('content/{2026,2027}/**', 'content/2027/01/a.md')).toBe(true);
    expect(matches('content/{2026,2027}/**', 'content/2028/01/a.md')).toBe(false);
  });

  it('treats regular-expression characters literally', () => {
    expect(matches('content/a+b (1).md', 'content/a+b (1).md')).toBe(true);
    expect(matches('content/a.md', 'content/aXmd')).toBe(false);
    expect(matches('content/{open.md', 'content/{open.md')).toBe(true);
  });

  it('ignores a leading "./"', () => {
    expect(matches('./content/archive/**', 'content/archive/old.md')).toBe(true);
  });

  it('matches the whole path, not a part of it', () => {
    expect(matches('archive/**', 'content/archive/old.md')).toBe(false);
    expect(matches('content/*.md', 'content/flu.md.bak')).toBe(false);
  });
});

describe('matchesAny', () => {
  it('is true when one of the globs matches', () => {
    expect(matchesAny('content/archive/a.md', ['content/news/**', 'content/archive/**'])).toBe(true);
    expect(matchesAny('content/a.md', ['content/news/**'])).toBe(false);
    expect(matchesAny('content/a.md', [])).toBe(false);
  });
});
