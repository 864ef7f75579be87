import { describe, expect, it } from 'vitest';
import { NETWORK_IDS, isNetworkId, profileFor } from './index.js';

describe('profileFor', () => {
  it('has a profile for every network', () => {
    for (const id of NETWORK_IDS) expect(profileFor(id).id).toBe(id);
    expect(NETWORK_IDS.map((id) => profileFor(id).label)).toEqual(['X', 'LinkedIn', 'Facebook', 'Instagram', 'Bluesky', 'Mastodon']);
  });

  it('has the documented limits', () => {
    const limits = Object.fromEntries(NETWORK_IDS.map((id) => [id, profileFor(id).maxLength]));
    expect(limits).toEqual({ x: 280, linkedin: 3000, facebook: 63206, instagram: 2200, bluesky: 300, mastodon: 500 });
  });

  it('ignores an override that is not a positive whole number', () => {
    expect(profileFor('mastodon', { max_characters: 0 }).maxLength).toBe(500);
    expect(profileFor('mastodon', { max_characters: 1.5 }).maxLength).toBe(500);
    expect(profileFor('mastodon', {}).maxLength).toBe(500);
  });

  it('does not change the shared profile when overriding', () => {
    profileFor('x', { max_characters: 25000 });
    expect(profileFor('x').maxLength).toBe(280);
  });

  it('cuts LinkedIn after 3 lines or 210 characters, Facebook after 477', () => {
    expect(profileFor('linkedin').seeMoreCut('1\n2\n3\n4')).toBe(5);
    expect(profileFor('linkedin').seeMoreCut('a'.repeat(211))).toBe(210);
    expect(profileFor('facebook').seeMoreCut('a'.repeat(477))).toBeUndefined();
    expect(profileFor('facebook').seeMoreCut('a'.repeat(478))).toBe(477);
    expect(profileFor('x').seeMoreCut('a'.repeat(1000))).toBeUndefined();
  });

  it('tells network ids apart', () => {
    expect(isNetworkId('bluesky')).toBe(true);
    expect(isNetworkId('threads')).toBe(false);
  });
});
