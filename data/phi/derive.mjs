#!/usr/bin/env node
// Re-derives the vendored name lists in this folder from the Philter (UCSF) dictionaries.
// Usage: node data/phi/derive.mjs [/path/to/philter-ucsf-dictionaries]
// Default source: ../shared/data/philter-ucsf-dictionaries beside the repository.
// Output (lowercase, one entry a line, sorted):
//   first-names.txt   first names                    (firstnames_minus_fps.json)
//   surnames.txt      surnames                       (lastnames_minus_fps.json)
//   name-words.txt    names that are also ordinary English words: the intersection of either list
//                     above with the lowercase words of SCOWL's american-english list (Debian
//                     package wamerican, /usr/share/dict/american-english; see LICENSE-SCOWL).
//                     Philter's whitelist_plus_fps_091718_nonames.json is deliberately not used
//                     here: it holds clinical-note words and many real first names (amy, jacob,
//                     joe, rose, june), so trusting it would hide patients' names.
//   common-words.txt  the lowercase words of that SCOWL list (ordinary English words), used to
//                     tell a proper noun ("Pickerington") from a capitalised word ("Therapy")
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = resolve(process.argv[2] ?? join(here, '../../../shared/data/philter-ucsf-dictionaries'));
const load = (f) => Object.keys(JSON.parse(readFileSync(join(src, f), 'utf8')));
const clean = (words) =>
  [...new Set(words.map((w) => w.trim().toLowerCase()).filter((w) => /^[a-z][a-z'-]*[a-z]$/.test(w)))].sort();

const first = clean(load('firstnames_minus_fps.json'));
const last = clean(load('lastnames_minus_fps.json'));
const common = new Set();
// Only words spelled lowercase in SCOWL count: "Bill" and "bill" are both there, "Kevin" is not.
const scowl = readFileSync('/usr/share/dict/american-english', 'utf8')
  .split('\n')
  .filter((w) => /^[a-z]+$/.test(w));
for (const w of scowl) common.add(w);
const names = new Set([...first, ...last]);
const nameWords = [...names].filter((w) => common.has(w)).sort();

const write = (f, list) => writeFileSync(join(here, f), list.join('\n') + '\n');
write('first-names.txt', first);
write('surnames.txt', last);
write('name-words.txt', nameWords);
write('common-words.txt', [...new Set(scowl)].sort());
console.log(`first-names ${first.length}, surnames ${last.length}, name-words ${nameWords.length}, common-words ${scowl.length}`);
