import { describe, expect, it } from 'vitest';
import { compose, composeText, type ComposableExcerpt } from './compose.js';

const link = 'https://cedarvalleyhealth.com/flu';
const post: ComposableExcerpt = {
  body: '# Flu shots are here\n\nWalk in **Mon–Fri**.\n#FluSeason',
  variants: { x: 'Flu shots are here! https://cedarvalleyhealth.com/flu' },
  link,
};

describe('composeText', () => {
  it('uses the variant for its network', () => {
    expect(composeText(post, 'x')).toBe('Flu shots are here! https://cedarvalleyhealth.com/flu');
  });

  it('uses the body as plain text elsewhere and appends the link after a blank line', () => {
    expect(composeText(post, 'facebook')).toBe(`Flu shots are here\n\nWalk in Mon–Fri.\n#FluSeason\n\n${link}`);
  });

  it('does not append the link on Instagram', () => {
    expect(composeText(post, 'instagram')).toBe('Flu shots are here\n\nWalk in Mon–Fri.\n#FluSeason');
  });

  it('does not append a link the text already holds', () => {
    const withLink = { ...post, body: `Details at [our page](${link}).` };
    expect(composeText(withLink, 'linkedin')).toBe(`Details at our page ${link}.`);
  });

  it('appends a variant with the link too, and trims the variant', () => {
    const bluesky = { ...post, variants: { bluesky: '\n  Short and sweet.\n' } };
    expect(composeText(bluesky, 'bluesky')).toBe(`Short and sweet.\n\n${link}`);
  });

  it('falls back to the body when a variant is blank', () => {
    expect(composeText({ ...post, variants: { mastodon: '  ' }, link: undefined }, 'mastodon')).toBe(
      'Flu shots are here\n\nWalk in Mon–Fri.\n#FluSeason',
    );
  });

  it('gives the link alone for an empty body', () => {
    expect(composeText({ body: '<!-- nothing -->', variants: {}, link }, 'x')).toBe(link);
  });
});

describe('compose origins', () => {
  it('maps offsets in body text back to body lines', () => {
    const composed = compose(post, 'mastodon');
    expect(composed.from).toBe('body');
    expect(composed.originAt(composed.text.indexOf('Walk'))).toEqual({ from: 'body', line: 3 });
    expect(composed.originAt(composed.text.indexOf('#FluSeason'))).toEqual({ from: 'body', line: 4 });
    expect(composed.originAt(composed.text.indexOf(link))).toEqual({ from: 'link' });
  });

  it('maps offsets in a variant to lines of the variant', () => {
    const composed = compose({ ...post, variants: { linkedin: '\nLine one\nLine two' } }, 'linkedin');
    expect(composed.from).toBe('variant');
    expect(composed.originAt(composed.text.indexOf('two'))).toEqual({ from: 'variant', line: 3 });
  });
});
