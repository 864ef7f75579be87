import { describe, expect, it } from 'vitest';
import { profileFor } from '../index.js';
import { graphemeCount } from '../entities.js';
import { mastodonLength, mastodonProfile, mastodonUrlsIn } from './profile.js';

describe('Mastodon count', () => {
  it('counts every http(s) URL as 23', () => {
    const url = `https://cedarvalleyhealth.com/${'x'.repeat(200)}`;
    expect(mastodonLength(`Read ${url} today`)).toBe(5 + 23 + 6);
  });

  it('counts a URL without protocol in full', () => {
    expect(mastodonLength('cedarvalleyhealth.com/flu')).toBe(25);
  });

  it('counts a remote mention as its @user part', () => {
    expect(mastodonLength('Hi @jenna@mastodon.social!')).toBe('Hi @jenna!'.length);
    expect(mastodonLength('Hi @jenna')).toBe(9);
  });

  it('does not shorten a mention inside a URL twice', () => {
    expect(mastodonLength('https://mastodon.social/@jenna@example.org')).toBe(23);
  });

  it('counts emoji sequences as one character, as the server does', () => {
    expect(mastodonLength('👨‍👩‍👧 ok')).toBe(4);
  });

  it('is 500 by default and takes the account override', () => {
    expect(mastodonProfile.maxLength).toBe(500);
    expect(profileFor('mastodon').maxLength).toBe(500);
    expect(profileFor('mastodon', { max_characters: 5000 }).maxLength).toBe(5000);
    expect(profileFor('mastodon', { max_characters: 5000 }).count('ab')).toBe(2);
  });

  it('puts exactly 500 at the limit with a long URL', () => {
    const text = 'a'.repeat(476) + ` https://example.org/${'p'.repeat(300)}`;
    expect(mastodonLength(text)).toBe(500);
    expect(mastodonLength(`${text}!`)).toBe(501);
  });
});

describe("Mastodon's own URL pattern", () => {
  const urls = (text: string) => mastodonUrlsIn(text).map((u) => text.slice(u.start, u.end));

  it('keeps CJK and other Unicode in a path, and counts the whole URL as 23', () => {
    const text = 'お知らせ https://example.jp/お知らせ/インフルエンザ予防接種 をご覧ください';
    expect(urls(text)).toEqual(['https://example.jp/お知らせ/インフルエンザ予防接種']);
    expect(mastodonLength(text)).toBe(graphemeCount('お知らせ ') + 23 + graphemeCount(' をご覧ください'));
  });

  it('ends a URL at trailing punctuation and the CJK brackets, as Mastodon does', () => {
    expect(urls('See https://example.org/flu. Then https://example.org/a, or 「https://example.org/b」!')).toEqual([
      'https://example.org/flu',
      'https://example.org/a',
      'https://example.org/b',
    ]);
    expect(urls('(https://example.org/wiki/Flu_(disease)) and https://example.org/x?q=日本&a=1')).toEqual([
      'https://example.org/wiki/Flu_(disease)',
      'https://example.org/x?q=日本&a=1',
    ]);
  });

  it("counts the other protocols Mastodon links, and not a URL without one", () => {
    expect(urls('gemini://example.org/page and example.org/page')).toEqual(['gemini://example.org/page']);
    expect(mastodonLength(`gemini://example.org/${'p'.repeat(60)}`)).toBe(23);
  });
});
