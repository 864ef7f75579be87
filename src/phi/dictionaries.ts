import { readFileSync } from 'node:fs';

/**
 * Name dictionaries vendored in data/phi (see data/phi/README.md). Loaded once per process,
 * on first use; the path works from both src/phi (tests) and dist/phi (compiled).
 */
export interface NameDictionaries {
  /** Lowercase first names. */
  first: ReadonlySet<string>;
  /** Lowercase surnames. */
  surnames: ReadonlySet<string>;
  /** Lowercase names that are also ordinary English words (rose, june, will, mark, bill...). */
  nameWords: ReadonlySet<string>;
  /** Lowercase ordinary English words (to tell "Pickerington" from "Therapy"). */
  common: ReadonlySet<string>;
}

let cached: NameDictionaries | undefined;

function readList(file: string): Set<string> {
  const url = new URL(`../../data/phi/${file}`, import.meta.url);
  const text = readFileSync(url, 'utf8');
  const out = new Set<string>();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const w = text.slice(start, end).trim();
    if (w) out.add(w);
    start = end + 1;
  }
  return out;
}

export function loadNameDictionaries(): NameDictionaries {
  if (!cached) {
    cached = {
      first: readList('first-names.txt'),
      surnames: readList('surnames.txt'),
      nameWords: readList('name-words.txt'),
      common: readList('common-words.txt'),
    };
  }
  return cached;
}
