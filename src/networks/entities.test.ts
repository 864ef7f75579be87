import { describe, expect, it } from 'vitest';
import { codePointCount, graphemeCount, graphemeStartAt, graphemeStarts, hashtagsIn, ONE_UNIT_GRAPHEMES, remoteMentionsIn, urlsIn, utf8Length } from './entities.js';

describe('hashtagsIn', () => {
  it('finds hashtags with UTF-16 offsets, after emoji too', () => {
    const text = '💉 Get your #FluSeason shot #Über';
    const tags = hashtagsIn(text);
    expect(tags.map((t) => t.tag)).toEqual(['FluSeason', 'Über']);
    expect(text.slice(tags[0]!.start, tags[0]!.end)).toBe('#FluSeason');
  });

  it('leaves out a # in a URL, and finds hashtags in text without one', () => {
    expect(hashtagsIn('FAQ: cedarvalleyhealth.com/#faq #Flu').map((t) => t.tag)).toEqual(['Flu']);
    expect(hashtagsIn('Book now. #Flu').map((t) => t.tag)).toEqual(['Flu']);
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

  it('finds none where every dot ends a sentence', () => {
    expect(urlsIn('Book now. Dr. Lee sees you... at 9.')).toEqual([]);
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

describe('graphemes', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

  it('counts one grapheme per unit only where no two characters join', () => {
    const units = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).filter((c) => ONE_UNIT_GRAPHEMES.test(c));
    expect(units).toContain('•');
    const joined = units.flatMap((a) => units.filter((b) => [...segmenter.segment(a + b)].length !== 2).map((b) => a + b));
    expect(joined).toEqual([]);
  });

  it('finds where a grapheme starts, as graphemeStarts does', () => {
    for (const text of ['• Flu shots – “today”…', 'Line\r\nnext', '👨‍👩‍👧 e\u0301 🇺🇸!', '']) {
      const starts = graphemeStarts(text);
      for (let index = 0; index <= starts.length + 1; index++) expect(graphemeStartAt(text, index)).toBe(starts[index]);
    }
    expect(graphemeCount('• “Flu”')).toBe(7);
    expect(graphemeCount('a\r\nb')).toBe(3);
  });
});
