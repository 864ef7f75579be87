import { packagePath } from '../util/package.js';
import { readFileSync } from 'node:fs';

/**
 * Name dictionaries vendored in data/phi (see data/phi/README.md). Loaded once per process,
 * on first use; the path works from both src/phi (tests) and dist/phi (compiled).
 */
export interface NameDictionaries {
  /** Lowercase first names. */
  first: WordList;
  /** Lowercase surnames. */
  surnames: WordList;
  /** Lowercase names that are also ordinary English words (rose, june, will, mark, bill...). */
  nameWords: WordList;
  /** Lowercase ordinary English words (to tell "Pickerington" from "Therapy"). */
  common: WordList;
}

/**
 * A word list of one word per line, answering whether it holds a word. It keeps the file's text and
 * an open-addressing table of where each line starts: a tenth of the memory of a Set of 330,000
 * strings, which every audit would otherwise carry for the whole run.
 */
export class WordList {
  private readonly starts: Int32Array;
  private readonly lengths: Uint16Array;
  private readonly mask: number;

  constructor(private readonly text: string) {
    const lines = countLines(text);
    let capacity = 16;
    while (capacity < lines * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.starts = new Int32Array(capacity).fill(-1);
    this.lengths = new Uint16Array(capacity);
    for (let start = 0; start < text.length; ) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      this.addLine(start, end);
      start = end + 1;
    }
  }

  has(word: string): boolean {
    for (let slot = hash(word, 0, word.length) & this.mask; ; slot = (slot + 1) & this.mask) {
      const start = this.starts[slot]!;
      if (start === -1) return false;
      if (this.lengths[slot] === word.length && this.text.startsWith(word, start)) return true;
    }
  }

  private addLine(from: number, to: number): void {
    while (from < to && isBlank(this.text.charCodeAt(from))) from++;
    while (to > from && isBlank(this.text.charCodeAt(to - 1))) to--;
    if (to === from || to - from > 0xffff) return;
    let slot = hash(this.text, from, to) & this.mask;
    while (this.starts[slot] !== -1) slot = (slot + 1) & this.mask;
    this.starts[slot] = from;
    this.lengths[slot] = to - from;
  }
}

/** FNV-1a over UTF-16 code units. */
function hash(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 0xfeff;
}

function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

let cached: NameDictionaries | undefined;

function readList(file: string): WordList {
  return new WordList(readFileSync(packagePath('data', 'phi', file), 'utf8'));
}

export function loadNameDictionaries(): NameDictionaries {
  cached ??= {
    first: readList('first-names.txt'),
    surnames: readList('surnames.txt'),
    nameWords: readList('name-words.txt'),
    common: readList('common-words.txt'),
  };
  return cached;
}
