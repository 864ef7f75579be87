import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadNameDictionaries, WordList } from './dictionaries.js';

describe('WordList', () => {
  it('holds each line of its text, trimmed, and nothing else', () => {
    const list = new WordList('rose\r\n  june \n\nmark\nrose\n');
    for (const word of ['rose', 'june', 'mark']) expect(list.has(word)).toBe(true);
    for (const word of ['', 'ros', 'roses', ' june', 'june ', 'mark\n', 'Rose']) expect(list.has(word)).toBe(false);
  });

  it('answers like a Set of the lines for every word of the vendored dictionaries', () => {
    const dictionaries = loadNameDictionaries();
    const files = { first: 'first-names.txt', surnames: 'surnames.txt', nameWords: 'name-words.txt', common: 'common-words.txt' } as const;
    for (const [key, file] of Object.entries(files) as [keyof typeof files, string][]) {
      const words = readFileSync(new URL(`../../data/phi/${file}`, import.meta.url), 'utf8').split('\n').map((line) => line.trim()).filter(Boolean);
      const expected = new Set(words);
      const list = dictionaries[key];
      expect(words.every((word) => list.has(word)), file).toBe(true);
      const near = words.slice(0, 5000).flatMap((word) => [`${word}x`, word.slice(1), word.toUpperCase()]);
      expect(near.filter((word) => list.has(word) !== expected.has(word)), file).toEqual([]);
    }
  });
});
