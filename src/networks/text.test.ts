import { describe, expect, it } from 'vitest';
import { codePointCount, graphemeCount, hashtagsIn, remoteMentionsIn, urlsIn, utf8Length } from './text.js';

describe('hashtagsIn', () => {
  it('finds hashtags with UTF-16 offsets, after emoji too', () => {
    const text = '💉 Get your #FluSeason shot #Über';
    const tags = hashtagsIn(text);
    expect(tags.map((t) => t.tag)).toEqual(['FluSeason', 'Über']);
    expect(text.slice(tags[0]!.start, tags[0]!.end)).toBe('#FluSeason');
  });

  it('does not take a number for a hashtag', () => {
    expect(hashtagsIn('We are #1 in #2026 #COVID19')).toEqual([{ tag: 'COVID19', start: 19, end: 27 }]);
  });
});

describe('urlsIn', () => {
  const text = 'See cedarvalleyhealth.com/flu or https://example.org/a?b=1.';

  it('finds URLs with and without a protocol', () => {
    expect(urlsIn(text).map((u) => u.url)).toEqual(['cedarvalleyhealth.com/flu', 'https://example.org/a?b=1']);
  });

  it('keeps only http(s) URLs when asked', () => {
    const [url] = urlsIn(text, { requireProtocol: true });
    expect(url).toEqual({ url: 'https://example.org/a?b=1', start: 33, end: 58 });
  });
});

describe('remoteMentionsIn', () => {
  it('finds @user@domain but not an email address or a local mention', () => {
    const found = remoteMentionsIn('Thanks @jenna@mastodon.social! Mail hello@cedarvalleyhealth.com or @local.');
    expect(found).toEqual([{ user: 'jenna', domain: 'mastodon.social', start: 7, end: 29 }]);
  });
});

describe('counting', () => {
  it('counts graphemes, code points and bytes', () => {
    const family = '👨‍👩‍👧';
    expect(graphemeCount(family)).toBe(1);
    expect(codePointCount(family)).toBe(5);
    expect(family.length).toBe(8);
    expect(utf8Length(family)).toBe(18);
  });
});
