import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { disclosure } from './disclosure.js';

const FIELDS = 'title: A\npublish_at: 2026-12-01 09:00\nobjective: community-health';
const LONG = 'Our flu clinic runs every weekday from 8 to 5 this month, with no appointment needed and shots for everyone six months and older. '.repeat(2);

async function findings(frontmatter: string, body: string) {
  const { findings } = await runOn([disclosure], { 'content/a.md': post(`${FIELDS}\n${frontmatter}`, body) });
  return findings;
}

describe('compliance/disclosure', () => {
  it('asks for a disclosure on every network of a post worded as sponsored', async () => {
    const found = await findings('networks: [x, facebook]', 'Flu clinic today, in partnership with Acme Pharmacy.');
    expect(found.map((f) => [f.network, f.line, f.column])).toEqual([
      ['x', 7, 19],
      ['facebook', 7, 19],
    ]);
    expect(found[0]!.message).toContain('it says "in partnership with"');
    expect(found[0]!.message).toContain('"#ad"');
  });

  it('reads the tags', async () => {
    const found = await findings('networks: [x]\ntags: [flu, sponsored]', 'Flu clinic today.');
    expect(found.map((f) => [f.line, f.message])).toEqual([[6, expect.stringContaining('tagged "sponsored"')]]);
  });

  it('accepts a disclosure that readers see before "see more"', async () => {
    expect(await findings('networks: [x, facebook, instagram]\ntags: [sponsored]\nmedia:\n  - file: media/a.jpg\n    alt: A', `#ad ${LONG}`)).toEqual([]);
    expect(await findings('networks: [facebook]', `Sponsored by Acme Pharmacy. ${LONG}`)).toEqual([]);
  });

  it('reports a disclosure hidden behind "see more", on the networks that cut', async () => {
    const found = await findings('networks: [x, instagram]\nmedia:\n  - file: media/a.jpg\n    alt: A', `${LONG}\n\nPaid partnership with Acme Pharmacy.`);
    expect(found.map((f) => [f.network, f.line])).toEqual([['instagram', 12]]);
    expect(found[0]!.message).toContain('"Paid partnership" is hidden behind "see more" on Instagram');
  });

  it('says nothing about ordinary posts', async () => {
    expect(await findings('networks: [x, facebook]\ntags: [flu, partners-in-health]', 'Thanks to our nurses for a great season.')).toEqual([]);
  });
});

describe('compliance/disclosure in variants', () => {
  it('places a hidden disclosure in the variant that hides it', async () => {
    const variant = `linkedin: |-\n    ${LONG}\n    #ad`;
    const { findings } = await runOn([disclosure], {
      'content/a.md': post(`${FIELDS}\nnetworks: [linkedin, x]\nvariants:\n  ${variant}`, 'Made with our partners. #ad'),
    });
    expect(findings.map((f) => [f.network, f.line, f.column, f.endColumn])).toEqual([['linkedin', 9, 5, 8]]);
  });
});
