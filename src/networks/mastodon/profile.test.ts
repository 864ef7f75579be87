import { describe, expect, it } from 'vitest';
import { profileFor } from '../index.js';
import { mastodonLength, mastodonProfile } from './profile.js';

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
