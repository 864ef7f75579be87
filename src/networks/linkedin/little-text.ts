/**
 * LinkedIn's "little" text format, the format of a post's `commentary` in the Posts API
 * (learn.microsoft.com/linkedin/marketing/community-management/shares/little-text-format).
 *
 * The characters `| { } @ [ ] ( ) < > # \ * _ ~` are reserved for little's elements (mentions
 * `@[Name](urn:li:organization:123)`, hashtags, templates). One that is not escaped with a backslash and
 * does not start a well-formed element makes LinkedIn keep the commentary only up to it, while still
 * answering 201: "Flu clinic (walk-ins welcome)" would publish as "Flu clinic ". So every reserved
 * character of the post's text is escaped, URLs included (`a_b` in a link is cut the same way).
 *
 * Hashtags stay real, clickable hashtags: each hashtag of the text (as the rest of `plan` finds them,
 * twitter-text's rules) whose tag is only letters, digits and combining marks is written as little's
 * hashtag template `{hashtag|\#|Tag}`, which names the tag's extent explicitly instead of leaving it to
 * LinkedIn's parser. Any other `#` (a tag with `_`, `#2026`, `C#`) is escaped and shows as plain text.
 * An `@` is always escaped: a LinkedIn mention needs the member's or organization's URN, which a
 * post's text does not carry.
 */
import { hashtagsIn } from '../entities.js';

const RESERVED = new Set(['|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '\\', '*', '_', '~']);
const TEMPLATE_TAG = /^[\p{L}\p{N}\p{M}]+$/u;

/** The post's plain text as LinkedIn commentary: reserved characters escaped, hashtags as templates. */
export function toLittleText(text: string): string {
  const tags = hashtagsIn(text).filter((tag) => TEMPLATE_TAG.test(tag.tag) && /\p{L}/u.test(tag.tag));
  let out = '';
  let at = 0;
  for (const tag of tags) {
    out += escapeLittle(text.slice(at, tag.start));
    const sign = text[tag.start] === '\uFF03' ? '\uFF03' : '\\#';
    out += `{hashtag|${sign}|${tag.tag}}`;
    at = tag.end;
  }
  return out + escapeLittle(text.slice(at));
}

/** Text with every reserved character backslash-escaped. */
export function escapeLittle(text: string): string {
  let out = '';
  for (const char of text) out += RESERVED.has(char) ? `\\${char}` : char;
  return out;
}

/**
 * What readers see of little text: escapes removed, a mention shown by its name, a hashtag template
 * or element as `#tag`. Used to recognise a post read back from LinkedIn, whoever wrote it.
 */
export function fromLittleText(little: string): string {
  let out = '';
  let i = 0;
  while (i < little.length) {
    const char = little[i]!;
    if (char === '\\' && i + 1 < little.length) {
      const escaped = String.fromCodePoint(little.codePointAt(i + 1)!);
      out += escaped;
      i += 1 + escaped.length;
      continue;
    }
    if (char === '@') {
      const mention = MENTION.exec(little.slice(i));
      if (mention) {
        out += unescapeAll(mention[1]!);
        i += mention[0].length;
        continue;
      }
    }
    if (char === '{') {
      const template = HASHTAG_TEMPLATE.exec(little.slice(i));
      if (template) {
        out += template[1]! + template[2]!;
        i += template[0].length;
        continue;
      }
    }
    out += char;
    i += 1;
  }
  return out;
}

// @[Name](urn:li:person:abc) — the name may hold escaped characters.
const MENTION = /^@\[((?:[^\]\\]|\\.)*)\]\((urn:li:[A-Za-z]+:[^)\s]+)\)/su;
// {hashtag|\#|Tag} (the sign escaped or not, ASCII or full-width).
const HASHTAG_TEMPLATE = /^\{hashtag\|\\?([#\uFF03])\|([^{}|\\]+)\}/u;

function unescapeAll(text: string): string {
  return text.replace(/\\(.)/gsu, '$1');
}
