import type { Post } from '../../loading/post.js';
import type { NetworkId } from '../../loading/schemas/index.js';
import type { SourceRange } from '../../loading/source.js';
import { markdownToPlain } from '../../networks/index.js';
import type { Rule } from '../types.js';
import { readability, type Readability } from './readability.js';

export const MAX_GRADE = 8;
// Fewer sentences say too little for a grade: one long sentence is not a hard post.
const MIN_SENTENCES = 3;

export const readingLevel: Rule = {
  meta: {
    id: 'compliance/reading-level',
    severity: 'warning',
    docs: 'Text above US grade 8 by the Flesch-Kincaid formula (web addresses, hashtags and handles left out): health information should be easy to read.',
    cacheable: true,
  },
  checkPost({ post, report }) {
    for (const text of readableTexts(post)) {
      const measured = readability(text.plain);
      const grade = Math.round(measured.grade * 10) / 10;
      if (measured.sentences < MIN_SENTENCES || grade <= MAX_GRADE) continue;
      report({ message: message(grade, measured, text.network), range: text.range(), ...(text.network ? { network: text.network } : {}) });
    }
  },
};

interface ReadableText {
  plain: string;
  /** Found only for a text that is reported. */
  range(): SourceRange;
  network?: NetworkId;
}

function readableTexts(post: Post): ReadableText[] {
  const texts: ReadableText[] = [{ plain: markdownToPlain(post.body).text, range: () => firstBodyLine(post) }];
  for (const [network, value] of Object.entries(post.frontmatter.variants ?? {})) {
    if (value?.trim()) texts.push({ plain: value, range: () => post.locate(['variants', network], 'key'), network: network as NetworkId });
  }
  return texts;
}

function firstBodyLine(post: Post): SourceRange {
  const lead = post.body.length - post.body.trimStart().length;
  const start = post.bodyOffset + lead;
  const line = post.lines.position(start).line;
  return post.lines.range(start, start + post.lines.lineText(line).length - post.lines.position(start).column + 1);
}

function message(grade: number, measured: Readability, network: NetworkId | undefined): string {
  const which = network ? `the ${network} text` : 'this text';
  const words = measured.longWords.slice(0, 3).map((w) => `"${w}"`);
  const wordHint = words.length > 0 ? `shorter, everyday words (e.g. instead of ${words.join(', ')})` : 'shorter, everyday words';
  return `${which} reads at about US grade ${grade.toFixed(1)} (aim for grade ${MAX_GRADE} or lower): use shorter sentences (now ${Math.round(measured.wordsPerSentence)} words on average) and ${wordHint}`;
}
