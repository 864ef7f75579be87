import { describe, expect, it } from 'vitest';
import twitter from 'twitter-text';
import { xProfile } from './profile.js';

describe('X count', () => {
  it('allows exactly 280 and counts 281', () => {
    expect(xProfile.count('a'.repeat(280))).toBe(280);
    expect(xProfile.count('a'.repeat(281))).toBe(281);
    expect(xProfile.maxLength).toBe(280);
  });

  it('counts any URL as 23', () => {
    const long = `https://cedarvalleyhealth.com/${'x'.repeat(120)}`;
    expect(xProfile.count(long)).toBe(23);
    expect(xProfile.count('https://a.co')).toBe(23);
    expect(xProfile.count('Book: cedarvalleyhealth.com/flu')).toBe(6 + 23);
  });

  it('weighs emoji sequences and CJK 2', () => {
    expect(xProfile.count('👩‍⚕️')).toBe(2);
    expect(xProfile.count('👨‍👩‍👧')).toBe(2);
    expect(xProfile.count('流感疫苗')).toBe(8);
    expect(xProfile.count('🇺🇸 ok')).toBe(5);
  });

  it('puts 140 CJK characters at the limit', () => {
    expect(xProfile.count('字'.repeat(140))).toBe(280);
    expect(xProfile.count('字'.repeat(140) + 'a')).toBe(281);
  });
});

describe('X invalid characters', () => {
  it('are the ones twitter-text refuses a post for, and not the direction marks it allows', () => {
    for (const character of xProfile.invalidCharacters ?? []) expect(twitter.parseTweet(`Flu shots${character} today`).valid).toBe(false);
    expect(xProfile.invalidCharacters).toHaveLength(3);
    for (const mark of ['\u202A', '\u202E', '\u200E']) expect(twitter.parseTweet(`Flu shots${mark} today`).valid).toBe(true);
  });
});
