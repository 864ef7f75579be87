import { graphemeStarts, utf8Length } from '../../networks/entities.js';
import type { Post } from '../../loading/post.js';
import type { SourceRange } from '../../loading/source.js';
import { docsUrl } from '../messages.js';
import { defineRule, type PostCheckContext } from '../types.js';
import { formatNumber, rangeAt, targetsOf, type NetworkTarget } from './targets.js';

const messages = {
  tooLong: '{{network}} counts {{count}} of {{max}} {{unit}}: shorten it by {{over}}',
  tooLongAddVariant: '{{network}} counts {{count}} of {{max}} {{unit}}: shorten it by {{over}}, or add {{article}} `{{id}}` variant',
  tooLongVariant: '{{network}} counts {{count}} of {{max}} {{unit}}: shorten the {{id}} variant by {{over}}',
  tooManyBytes: '{{network}} takes at most {{max}} bytes of text and this is {{bytes}} (emoji and accented letters take several bytes each): shorten it',
  invalidCharacter:
    '{{network}} refuses a post that holds the invisible character {{code}} ({{name}}), which text copied from other apps often brings along: delete it (column {{column}} of this line)',
};

type LengthMessage = keyof typeof messages;

/** What the characters networks refuse are called. */
const CHARACTER_NAMES: Record<string, string> = {
  '\uFEFF': 'a zero-width no-break space, or byte order mark',
  '\uFFFE': 'a noncharacter',
  '\uFFFF': 'a noncharacter',
};

export const length = defineRule({
  meta: {
    id: 'network/length',
    severity: 'error',
    docs: {
      description: 'The text a network receives (its variant or the body, plus the link) counted as that network counts it, against its limit; on X, also the invisible characters that make a post invalid.',
      why: 'Each network refuses a post over its length limit, and each counts differently: X counts a link as 23 and an emoji as 2, Bluesky counts what you see, Mastodon counts a link as 23. A post that is too long fails when plan publishes it, after it was approved. X also refuses a text with certain invisible characters, which copying from a word processor or a web page can bring along.',
      url: docsUrl('network/length'),
    },
    messages,
    cacheable: true,
  },
  checkPost(context) {
    for (const target of targetsOf(context)) {
      checkLength(context, target);
      checkCharacters(context, target);
    }
  },
});

function checkLength({ post, report }: PostCheckContext<LengthMessage>, target: NetworkTarget): void {
  const { profile, composed, network } = target;
  const count = profile.count(composed.text);
  if (count > profile.maxLength) {
    const data = { network: profile.label, count: formatNumber(count), max: formatNumber(profile.maxLength), unit: profile.countUnit, over: formatNumber(count - profile.maxLength), id: network };
    report({ ...tooLong(post, target), data: { ...data, article: network === 'x' || network === 'instagram' ? 'an' : 'a' }, range: rangeAt(post, target, overflowAt(target)), network });
    return;
  }
  const bytes = utf8Length(composed.text);
  if (profile.maxBytes !== undefined && bytes > profile.maxBytes) {
    report({ messageId: 'tooManyBytes', data: { network: profile.label, max: formatNumber(profile.maxBytes), bytes: formatNumber(bytes) }, range: rangeAt(post, target, 0), network });
  }
}

function tooLong(post: Post, { network, composed }: NetworkTarget): { messageId: LengthMessage } {
  if (composed.from === 'variant') return { messageId: 'tooLongVariant' };
  return { messageId: post.frontmatter.variants?.[network] !== undefined ? 'tooLong' : 'tooLongAddVariant' };
}

/** The offset of the first character past the limit, to point at the line where the text runs over. */
function overflowAt({ profile, composed }: NetworkTarget): number {
  const starts = [...graphemeStarts(composed.text), composed.text.length];
  let low = 0;
  let high = starts.length - 1;
  // The shortest prefix that counts over the limit ends with the character that runs over.
  while (low < high) {
    const mid = (low + high) >> 1;
    if (profile.count(composed.text.slice(0, starts[mid + 1] ?? composed.text.length)) > profile.maxLength) high = mid;
    else low = mid + 1;
  }
  return starts[low] ?? 0;
}

interface RefusedCharacter {
  character: string;
  range: SourceRange;
}

/** Each character the network refuses, at its place in the file. */
function checkCharacters({ post, report }: PostCheckContext<LengthMessage>, target: NetworkTarget): void {
  const { profile, composed, network } = target;
  const invalid = profile.invalidCharacters ?? [];
  if (!invalid.some((character) => composed.text.includes(character))) return;
  for (const found of refusedCharacters(post, target, invalid)) {
    const code = `U+${found.character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const data = { network: profile.label, code, name: CHARACTER_NAMES[found.character] ?? 'an invisible character', column: found.range.column };
    report({ messageId: 'invalidCharacter', data, range: found.range, network });
  }
}

/**
 * The refused characters of the composed text, found again on the file line each came from so that
 * the range points at the character itself; a line they cannot be found on (a folded variant) is
 * reported as a whole, once.
 */
function refusedCharacters(post: Post, { composed, ...target }: NetworkTarget, invalid: readonly string[]): RefusedCharacter[] {
  const byLine = new Map<number, { range: SourceRange; character: string }>();
  for (let offset = 0; offset < composed.text.length; offset++) {
    const character = composed.text[offset]!;
    if (!invalid.includes(character)) continue;
    const range = rangeAt(post, { ...target, composed }, offset);
    if (!byLine.has(range.line)) byLine.set(range.line, { range, character });
  }
  return [...byLine.values()].flatMap(({ range, character }) => {
    const text = post.lines.lineText(range.line);
    const onLine: RefusedCharacter[] = [];
    for (let index = 0; index < text.length; index++) {
      if (invalid.includes(text[index]!)) onLine.push({ character: text[index]!, range: { line: range.line, column: index + 1, endLine: range.line, endColumn: index + 2 } });
    }
    return onLine.length > 0 ? onLine : [{ character, range }];
  });
}
