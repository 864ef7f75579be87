import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';
import { hashtagsOf, publishedTexts } from './post-texts.js';
import { ACRONYMS, HASHTAG_WORDS } from './words.js';

export const hashtagCase = defineRule({
  meta: {
    id: 'compliance/hashtag-case',
    severity: 'warning',
    docs: {
      description: 'A hashtag of several words written all in small letters or all in capitals (#flushotclinic): screen readers say it as one long word; write each word with a capital (#FluShotClinic).',
      why: 'A screen reader reads #flushotclinic as one made-up word; #FluShotClinic it reads as three. Capitalising each word makes hashtags accessible to people who listen to their feed, and quicker for everyone to read. Hashtags work the same whatever their case.',
      url: docsUrl('compliance/hashtag-case'),
    },
    messages: {
      runTogether: '#{{tag}} runs several words together: write it #{{suggestion}}, so screen readers say each word and everyone reads it faster',
    },
    cacheable: true,
  },
  checkPost({ post, report }) {
    for (const published of publishedTexts(post)) {
      for (const hashtag of hashtagsOf(published.text)) {
        const suggestion = camelCaseFor(hashtag.tag);
        if (suggestion === undefined) continue;
        report({
          messageId: 'runTogether',
          data: { tag: hashtag.tag, suggestion },
          range: published.place(hashtag.start, hashtag.end),
          ...(published.network ? { network: published.network } : {}),
        });
      }
    }
  },
});

// Short hashtags read fine whatever their case (#flu, #ad, #HIPAA, #getfit is the shortest reported).
const MIN_LETTERS = 6;
// Other two-letter words split too many single words ("in+form", "be+cause").
const TWO_LETTER_WORDS = new Set(['my', 'us']);

/**
 * The CamelCase form of a hashtag written in one case (all small, all capitals, or only its first
 * letter capital) that splits wholly into known words; undefined when it is fine or cannot be split.
 */
export function camelCaseFor(tag: string): string | undefined {
  const letters = tag.replace(/[^\p{L}]/gu, '');
  if (letters.length < MIN_LETTERS || tag.includes('_') || !/^[A-Za-z]+$/.test(letters)) return undefined;
  const oneCase = letters === letters.toLowerCase() || letters === letters.toUpperCase() || /^[A-Z][a-z]+$/.test(letters);
  if (!oneCase) return undefined;
  const runs = tag.match(/[A-Za-z]+|[^A-Za-z]+/g) ?? [];
  const split = runs.map((run) => (/^[A-Za-z]/.test(run) ? (splitWords(run.toLowerCase()) ?? [run]) : [run]));
  if (!split.some((words) => words.length > 1)) return undefined;
  return split.flat().map(capitalise).join('');
}

function capitalise(word: string): string {
  if (ACRONYMS.has(word)) return word.toUpperCase();
  return word.charAt(0).toUpperCase() + word.slice(1);
}

interface Split {
  words: string[];
  /** Fewer words first. */
  cost: number;
  /** Longer words first: "flu shot" over "flus hot". */
  squares: number;
}

/** The words a run of small letters is made of, or undefined when it is one word or does not split wholly. */
export function splitWords(run: string): string[] | undefined {
  if (wordCost(run) !== undefined) return undefined;
  const best: (Split | undefined)[] = [{ words: [], cost: 0, squares: 0 }];
  for (let end = 1; end <= run.length; end++) {
    for (let start = 0; start < end; start++) {
      const before = best[start];
      const cost = wordCost(run.slice(start, end));
      if (!before || cost === undefined) continue;
      const candidate = { words: [...before.words, run.slice(start, end)], cost: before.cost + cost, squares: before.squares + (end - start) ** 2 };
      const current = best[end];
      if (!current || candidate.cost < current.cost || (candidate.cost === current.cost && candidate.squares > current.squares)) best[end] = candidate;
    }
  }
  const found = best[run.length];
  return found && found.words.length > 1 ? found.words : undefined;
}

function wordCost(piece: string): number | undefined {
  if (piece.length === 2) return TWO_LETTER_WORDS.has(piece) ? 10 : undefined;
  if (piece.length < 2) return undefined;
  return HASHTAG_WORDS.has(piece) ? 10 : undefined;
}
