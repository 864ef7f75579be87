import { describe, expect, it } from 'vitest';
import { compose, composeText, type ComposableExcerpt } from './compose.js';
import { linkTrackingFor, type LinkTracking } from './tracking.js';
import type { Config } from '../loading/schemas/index.js';

const tracking: LinkTracking = { websites: ['https://cedarvalleyhealth.com'], medium: 'social', campaign: 'community-health' };
const tagged = (network: string) => `utm_source=${network}&utm_medium=social&utm_campaign=community-health`;

function post(body: string, extra: Partial<ComposableExcerpt> = {}): ComposableExcerpt {
  return { body, variants: {}, tracking, ...extra };
}

describe('links to the practice get UTM parameters per network and objective', () => {
  it('tags the link field and links in the text, naming the network', () => {
    const text = composeText(post('Flu shots: https://cedarvalleyhealth.com/flu.', { link: 'https://cedarvalleyhealth.com/hours' }), 'facebook');
    expect(text).toBe(`Flu shots: https://cedarvalleyhealth.com/flu?${tagged('facebook')}.\n\nhttps://cedarvalleyhealth.com/hours?${tagged('facebook')}`);
  });

  it('adds to an existing query, keeps a fragment last and leaves other sites alone', () => {
    const text = composeText(post('See https://www.cedarvalleyhealth.com/a?lang=es#map and https://www.cdc.gov/flu'), 'mastodon');
    expect(text).toBe(`See https://www.cedarvalleyhealth.com/a?lang=es&${tagged('mastodon')}#map and https://www.cdc.gov/flu`);
  });

  it('leaves a link whose author set utm_ parameters, Instagram captions, and bare domains as written', () => {
    const own = 'https://cedarvalleyhealth.com/flu?utm_source=poster';
    expect(composeText(post(`Scan ${own}`), 'x')).toBe(`Scan ${own}`);
    expect(composeText(post('Link https://cedarvalleyhealth.com/flu'), 'instagram')).toBe('Link https://cedarvalleyhealth.com/flu');
    expect(composeText(post('Visit cedarvalleyhealth.com/flu'), 'x')).toBe('Visit cedarvalleyhealth.com/flu');
  });

  it('only tags links under the website path the config names', () => {
    const underPath: LinkTracking = { ...tracking, websites: ['https://example.org/clinic/'] };
    expect(composeText(post('https://example.org/clinic/flu https://example.org/other', { tracking: underPath }), 'linkedin')).toBe(
      `https://example.org/clinic/flu?${tagged('linkedin')} https://example.org/other`,
    );
  });

  it('never takes a Bluesky post past 300 graphemes: its links stay as written', () => {
    const long = `${'a'.repeat(250)} https://cedarvalleyhealth.com/flu`;
    expect(composeText(post(long), 'bluesky')).toBe(long);
    expect(composeText(post('Short. https://cedarvalleyhealth.com/flu'), 'bluesky')).toBe(`Short. https://cedarvalleyhealth.com/flu?${tagged('bluesky')}`);
  });

  it('keeps every character traced to where it was written', () => {
    const composed = compose(post('Line one https://cedarvalleyhealth.com/flu\n\nLine three', { link: 'https://cedarvalleyhealth.com/hours' }), 'facebook');
    const at = (needle: string) => composed.originAt(composed.text.indexOf(needle));
    expect(at('Line one')).toEqual({ from: 'body', line: 1 });
    expect(at('utm_source=facebook')).toEqual({ from: 'body', line: 1 });
    expect(at('Line three')).toEqual({ from: 'body', line: 3 });
    expect(composed.originAt(composed.text.lastIndexOf('utm_campaign'))).toEqual({ from: 'link' });
  });
});

describe('linkTrackingFor', () => {
  const config = (utm: Config['utm'], websites = ['https://cedarvalleyhealth.com']) => ({ practice: { websites }, utm }) as unknown as Config;

  it('takes the campaign from the config, else the objective', () => {
    expect(linkTrackingFor(config({ enabled: true, medium: 'social' }), 'education')).toEqual({ websites: ['https://cedarvalleyhealth.com'], medium: 'social', campaign: 'education' });
    expect(linkTrackingFor(config({ enabled: true, medium: 'organic', campaign: 'winter' }), 'education')?.campaign).toBe('winter');
    expect(linkTrackingFor(config({ enabled: true, medium: 'social' }), undefined)).toEqual({ websites: ['https://cedarvalleyhealth.com'], medium: 'social' });
  });

  it('is off when the config turns it off or names no website', () => {
    expect(linkTrackingFor(config({ enabled: false, medium: 'social' }), 'education')).toBeUndefined();
    expect(linkTrackingFor(config({ enabled: true, medium: 'social' }, []), 'education')).toBeUndefined();
    expect(linkTrackingFor(undefined, 'education')).toBeUndefined();
  });
});
