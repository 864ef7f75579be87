import { describe, expect, it } from 'vitest';
import { matchesOf } from './document.js';

const listed = (matches: Iterable<RegExpMatchArray>): [string, number | undefined][] => [...matches].map((m) => [m[0], m.index]);

describe('matchesOf', () => {
  it('lists the matches matchAll lists, empty ones and surrogate pairs included', () => {
    const cases: [RegExp, string][] = [
      [/\d+/g, 'call 555 0100 or 555-0199'],
      [/x*/g, 'axxb'],
      [/(?:)/gu, 'a😀b'],
      [/\p{L}*/gu, '😀 Zoë'],
      [/(?:)/g, 'a😀b'],
    ];
    for (const [re, text] of cases) expect(listed(matchesOf(re, text))).toEqual(listed(text.matchAll(re)));
  });

  it('starts from the beginning and leaves lastIndex at 0', () => {
    const re = /a/g;
    re.lastIndex = 2;
    expect(matchesOf(re, 'aaa').map((m) => m.index)).toEqual([0, 1, 2]);
    expect(re.lastIndex).toBe(0);
  });

  it('refuses a regex that is not global, as matchAll does', () => {
    expect(() => matchesOf(/a/, 'a')).toThrow(TypeError);
  });
});
