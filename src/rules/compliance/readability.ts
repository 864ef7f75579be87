import { blank, blankAddresses, hashtagsOf, sentencesOf } from './post-texts.js';

export interface Readability {
  /** Flesch-Kincaid grade level. */
  grade: number;
  sentences: number;
  words: number;
  wordsPerSentence: number;
  syllablesPerWord: number;
  /** The longest words (three syllables or more), longest first. */
  longWords: string[];
}

const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;

/**
 * Flesch-Kincaid grade of plain text: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
 * Web addresses, @handles, hashtags, emoji and numbers are not words a reader reads as text.
 */
export function readability(plain: string): Readability {
  const text = blank(blankAddresses(plain), hashtagsOf(plain));
  let sentences = 0;
  let words = 0;
  let syllables = 0;
  const long = new Map<string, number>();
  for (const sentence of sentencesOf(text)) {
    const found = text.slice(sentence.start, sentence.end).match(WORD) ?? [];
    if (found.length === 0) continue;
    sentences++;
    for (const word of found) {
      const count = syllableCount(word);
      words++;
      syllables += count;
      if (count >= 3) long.set(word.toLowerCase(), count);
    }
  }
  const wordsPerSentence = sentences === 0 ? 0 : words / sentences;
  const syllablesPerWord = words === 0 ? 0 : syllables / words;
  const grade = words === 0 ? 0 : 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59;
  const longWords = [...long].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length).map(([word]) => word);
  return { grade, sentences, words, wordsPerSentence, syllablesPerWord, longWords };
}

const SUFFIXES = /(?<=[a-z]{2})(ly|ful|ment|ness|less)$/;
// Posts use a few thousand words again and again: each is counted once (all forgotten when this many are known).
const KNOWN_WORDS = 20_000;
const knownSyllables = new Map<string, number>();

/**
 * Syllables of an English word, by spelling: groups of vowels, less a silent final "e", "-es" or
 * "-ed", plus vowel pairs said apart ("me-di-a", "vi-de-o", "ac-tu-al", "be-ing").
 */
export function syllableCount(word: string): number {
  let count = knownSyllables.get(word);
  if (count === undefined) {
    if (knownSyllables.size >= KNOWN_WORDS) knownSyllables.clear();
    count = countSyllables(word);
    knownSyllables.set(word, count);
  }
  return count;
}

function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length <= 3) return 1;
  const suffix = SUFFIXES.exec(w);
  if (suffix && /[aeiouy]/.test(w.slice(0, -suffix[1]!.length))) return countSyllables(w.slice(0, -suffix[1]!.length)) + 1;
  let count = (w.match(/[aeiouy]+/g) ?? []).length;
  if (/[^aeiouy]e$/.test(w) && !/[^aeiouy]le$/.test(w)) count--;
  else if (/[^aeiouy]es$/.test(w) && !/(?:[sxzcg]|ch|sh)es$/.test(w)) count--;
  else if (/[^aeiouy]ed$/.test(w) && !/[td]ed$/.test(w)) count--;
  count += (w.match(/[^ct]ia|[^ct]io(?!n)|eo(?!p)|[^gq]ua|iu|[aeiou]ing$/g) ?? []).length;
  return Math.max(1, count);
}
