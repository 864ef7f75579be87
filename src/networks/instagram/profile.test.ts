import { describe, expect, it } from 'vitest';
import { instagramProfile } from './profile.js';

describe('Instagram profile', () => {
  it('cuts the caption after 125 characters', () => {
    expect(instagramProfile.seeMoreCut('a'.repeat(125))).toBeUndefined();
    expect(instagramProfile.seeMoreCut('a'.repeat(126))).toBe(125);
  });

  it('cuts after the second line', () => {
    expect(instagramProfile.seeMoreCut('Flu shots!\nWalk in.\nMon–Fri')).toBe(19);
  });

  it('needs media, allows 5 hashtags and no clickable links', () => {
    expect(instagramProfile.media.required).toBe(true);
    expect(instagramProfile.maxHashtags).toBe(5);
    expect(instagramProfile.linksClickable).toBe(false);
    expect(instagramProfile.count('a'.repeat(2200))).toBe(instagramProfile.maxLength);
  });

  it('takes alt text up to 1,000 characters and 20 @-mentions in a caption', () => {
    expect(instagramProfile.maxAltLength).toBe(1000);
    expect(instagramProfile.maxMentions).toBe(20);
  });
});
