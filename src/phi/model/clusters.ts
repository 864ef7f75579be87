import { readFileSync } from 'node:fs';
import { packagePath } from '../../util/package.js';

/** Which words are used alike: a fine cluster (0–999) and a coarse group (0–99) per word, from data/phi/word-clusters.txt. */
export interface WordClusters {
  /** The fine cluster of a lowercase word, or undefined when the word is not in the list. */
  fine(word: string): number | undefined;
  coarse(fine: number): number;
}

let loaded: WordClusters | undefined;

/** The shipped word clusters (see data/phi/README.md), read on first use. */
export function wordClusters(): WordClusters {
  return (loaded ??= parseClusters(readFileSync(packagePath('data', 'phi', 'word-clusters.txt'), 'utf8')));
}

export function parseClusters(text: string): WordClusters {
  const fine = new Map<string, number>();
  let coarse: number[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#coarse ')) coarse = line.slice(8).split(' ').map(Number);
    if (line === '' || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    fine.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return { fine: (word) => fine.get(word), coarse: (id) => coarse[id] ?? 0 };
}
