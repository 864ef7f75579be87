import type { Post } from '../../loading/post.js';
import type { NetworkId } from '../../loading/schemas/index.js';
import type { SourceRange } from '../../loading/source.js';
import { markdownToPlain } from '../../networks/index.js';
import { docsUrl } from '../messages.js';
import { defineRule, type MessageData } from '../types.js';
import { firstTextLine } from './post-texts.js';
import { readability, type Readability } from './readability.js';

export const MAX_GRADE = 8;
// Fewer sentences say too little for a grade: one long sentence is not a hard post.
const MIN_SENTENCES = 3;

const HARD = '{{which}} reads at about US grade {{grade}} (aim for grade {{max}} or lower): use shorter sentences (now {{wordsPerSentence}} words on average) and shorter, everyday words';

const messages = {
  hard: HARD,
  hardWords: `${HARD} (e.g. instead of {{words}})`,
};

export const readingLevel = defineRule({
  meta: {
    id: 'compliance/reading-level',
    severity: 'warning',
    docs: {
      description: 'Text above US grade 8 by the Flesch-Kincaid formula (web addresses, hashtags and handles left out): health information should be easy to read.',
      why: 'Health information written above a US 8th-grade reading level is misread or skipped by many adults, and health literacy guidance asks for patient materials at grade 8 or lower (much of it says 6). The Flesch-Kincaid grade goes up with long sentences and long words, so shorter ones bring it down.',
      url: docsUrl('compliance/reading-level'),
    },
    messages,
    cacheable: true,
  },
  checkPost({ post, report }) {
    for (const text of readableTexts(post)) {
      const measured = readability(text.plain);
      const grade = Math.round(measured.grade * 10) / 10;
      if (measured.sentences < MIN_SENTENCES || grade <= MAX_GRADE) continue;
      report({ ...hardToRead(grade, measured, text.network), range: text.range(), ...(text.network ? { network: text.network } : {}) });
    }
  },
});

interface ReadableText {
  plain: string;
  /** Found only for a text that is reported. */
  range(): SourceRange;
  network?: NetworkId;
}

function readableTexts(post: Post): ReadableText[] {
  const texts: ReadableText[] = [{ plain: markdownToPlain(post.body).text, range: () => firstTextLine(post) }];
  for (const [network, value] of Object.entries(post.frontmatter.variants ?? {})) {
    if (value?.trim()) texts.push({ plain: value, range: () => post.locate(['variants', network], 'key'), network: network as NetworkId });
  }
  return texts;
}

function hardToRead(grade: number, measured: Readability, network: NetworkId | undefined): { messageId: keyof typeof messages; data: MessageData } {
  const data = { which: network ? `the ${network} text` : 'this text', grade: grade.toFixed(1), max: MAX_GRADE, wordsPerSentence: Math.round(measured.wordsPerSentence) };
  const words = measured.longWords.slice(0, 3).map((w) => `"${w}"`);
  return words.length > 0 ? { messageId: 'hardWords', data: { ...data, words: words.join(', ') } } : { messageId: 'hard', data };
}
