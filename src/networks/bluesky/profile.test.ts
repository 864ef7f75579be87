import { describe, expect, it } from 'vitest';
import { utf8Length } from '../entities.js';
import { blueskyProfile } from './profile.js';

describe('Bluesky count', () => {
  const emoji = '👩‍⚕️👨‍👩‍👧🇺🇸é';

  it('counts graphemes: exactly 300 with emoji, then 301', () => {
    const text = emoji + 'a'.repeat(296);
    expect(blueskyProfile.count(text)).toBe(300);
    expect(blueskyProfile.count(text + '!')).toBe(301);
    expect(blueskyProfile.maxLength).toBe(300);
  });

  it('counts a URL in full', () => {
    expect(blueskyProfile.count(`https://example.org/${'a'.repeat(50)}`)).toBe(70);
  });

  it('has a byte limit that long emoji sequences reach before 300 graphemes', () => {
    const families = '👨‍👩‍👧'.repeat(200);
    expect(blueskyProfile.count(families)).toBe(200);
    expect(utf8Length(families)).toBeGreaterThan(blueskyProfile.maxBytes!);
  });
});
