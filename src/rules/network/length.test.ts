import { describe, expect, it } from 'vitest';
import { DEFAULT_FILES, post, runOn } from '../../../test/helpers/rules.js';
import { length } from './length.js';

const FAMILY = '👨‍👩‍👧‍👦'; // one grapheme of 7 code points and 25 UTF-8 bytes, joined by ZWJ
const LONG_URL = 'https://cedarvalleyhealth.com/flu/walk-in-clinic-hours-and-locations';

const fields = (networks: string, extra = '') => `title: Test\npublish_at: 2026-12-01 09:00\nnetworks: [${networks}]${extra ? `\n${extra}` : ''}`;

async function findingsFor(networks: string, body: string, extra = '', files: Record<string, string> = {}) {
  const { findings } = await runOn([length], { 'content/a.md': post(fields(networks, extra), body), ...files });
  return findings;
}

describe('network/length on X (twitter-text weighted count)', () => {
  it('accepts exactly 280 and reports 281 with count, limit and the fix', async () => {
    expect(await findingsFor('x', 'a'.repeat(280))).toEqual([]);
    const [finding, ...rest] = await findingsFor('x', 'a'.repeat(281));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'network/length', severity: 'error', network: "x", line: 6 });
    expect(finding!.message).toBe('X counts 281 of 280 weighted characters: shorten it by 1, or add an `x` variant');
  });

  it('counts a URL as 23 however long it is', async () => {
    expect(LONG_URL.length).toBeGreaterThan(23);
    expect(await findingsFor('x', `${'a'.repeat(256)} ${LONG_URL}`)).toEqual([]);
    const findings = await findingsFor('x', `${'a'.repeat(257)} ${LONG_URL}`);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('X counts 281 of 280')]);
  });

  it('counts the link field, added after the text, as 23 too', async () => {
    expect(await findingsFor('x', 'a'.repeat(255), `link: ${LONG_URL}`)).toEqual([]);
    const findings = await findingsFor('x', 'a'.repeat(256), `link: ${LONG_URL}`);
    expect(findings.map((f) => [f.line, f.message])).toEqual([[5, expect.stringContaining('X counts 281 of 280')]]);
  });

  it('counts an emoji ZWJ sequence as 2', async () => {
    expect(await findingsFor('x', FAMILY.repeat(140))).toEqual([]);
    const findings = await findingsFor('x', `${FAMILY.repeat(140)}a`);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('X counts 281 of 280')]);
  });

  it('counts CJK characters as 2', async () => {
    expect(await findingsFor('x', '漢'.repeat(140))).toEqual([]);
    const findings = await findingsFor('x', `${'漢'.repeat(140)}a`);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('X counts 281 of 280')]);
  });

  it('points at the variant when the text comes from one', async () => {
    const findings = await findingsFor('x', 'Short body.', `variants:\n  x: ${'b'.repeat(290)}`);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 6, column: 6 });
    expect(findings[0]!.message).toBe('X counts 290 of 280 weighted characters: shorten the x variant by 10');
  });

  it('points at the body line where the text runs over the limit', async () => {
    const findings = await findingsFor('x', `${'a'.repeat(200)}\n\n${'b'.repeat(100)}\n\nlast line`);
    expect(findings.map((f) => f.line)).toEqual([8]);
  });
});

describe('network/length on Bluesky (graphemes, and bytes)', () => {
  it('accepts 300 graphemes with emoji and reports 301', async () => {
    const text = `${'a'.repeat(280)}${'👍🏽'.repeat(10)}${FAMILY.repeat(10)}`;
    expect(await findingsFor('bluesky', text)).toEqual([]);
    const findings = await findingsFor('bluesky', `${text}!`);
    expect(findings.map((f) => [f.network, f.message])).toEqual([['bluesky', 'Bluesky counts 301 of 300 graphemes: shorten it by 1, or add a `bluesky` variant']]);
  });

  it('reports text within 300 graphemes that is over 3,000 bytes', async () => {
    expect(await findingsFor('bluesky', `${FAMILY.repeat(120)}`)).toEqual([]);
    const findings = await findingsFor('bluesky', `${FAMILY.repeat(121)}`);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('Bluesky takes at most 3,000 bytes of text and this is 3,025')]);
  });
});

describe('network/length on Mastodon (URLs count 23)', () => {
  it('accepts exactly 500 and reports 501', async () => {
    expect(await findingsFor('mastodon', `${'a'.repeat(476)} ${LONG_URL}`)).toEqual([]);
    const findings = await findingsFor('mastodon', `${'a'.repeat(477)} ${LONG_URL}`);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('Mastodon counts 501 of 500 characters')]);
  });

  it("uses the account's max_characters", async () => {
    const networks = `${DEFAULT_FILES['plans/networks.yaml']!.replace('mastodon: { instance: https://mastodon.social }', 'mastodon: { instance: https://example.social, max_characters: 1000 }')}`;
    const files = { 'plans/networks.yaml': networks };
    expect(await findingsFor('mastodon', 'a'.repeat(1000), '', files)).toEqual([]);
    const findings = await findingsFor('mastodon', 'a'.repeat(1001), '', files);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('Mastodon counts 1,001 of 1,000 characters')]);
  });
});

describe('network/length on Instagram, LinkedIn and Facebook', () => {
  it.each([
    ['instagram', 'Instagram', 2200],
    ['linkedin', 'LinkedIn', 3000],
    ['facebook', 'Facebook', 63206],
  ])('%s: accepts exactly the limit and reports one over', async (network, label, limit) => {
    expect(await findingsFor(network, 'a'.repeat(limit))).toEqual([]);
    const findings = await findingsFor(network, 'a'.repeat(limit + 1));
    const figure = limit.toLocaleString('en-US');
    expect(findings.map((f) => [f.network, f.message])).toEqual([[network, `${label} counts ${(limit + 1).toLocaleString('en-US')} of ${figure} characters: shorten it by 1, or add ${network === 'instagram' ? 'an' : 'a'} \`${network}\` variant`]]);
  });
});

describe('network/length: which networks', () => {
  it('checks only the networks the post names that plans/networks.yaml enables', async () => {
    const files = { 'plans/networks.yaml': 'facebook: { page_id: "1" }\n' };
    const findings = await findingsFor('x, facebook', 'a'.repeat(300), '', files);
    expect(findings).toEqual([]);
  });
});

describe('network/length: the characters X refuses', () => {
  it('reports each U+FEFF, U+FFFE and U+FFFF on X at its own column, whatever the length', async () => {
    const findings = await findingsFor('x, facebook', 'Walk in for\uFEFF a flu shot.\n\nOpen\uFFFE today\uFFFF.');
    expect(findings.map((f) => [f.network, f.line, f.column, f.endColumn])).toEqual([
      ['x', 6, 12, 13],
      ['x', 8, 5, 6],
      ['x', 8, 12, 13],
    ]);
    expect(findings[0]!.message).toBe(
      'X refuses a post that holds the invisible character U+FEFF (a zero-width no-break space, or byte order mark), which text copied from other apps often brings along: delete it (column 12 of this line)',
    );
    expect(findings[1]!.message).toContain('U+FFFE (a noncharacter)');
  });

  it('points into a variant written as a literal block', async () => {
    const findings = await findingsFor('x', 'Body.', 'variants:\n  x: |-\n    First line.\n    Second\uFEFF line.');
    expect(findings.map((f) => [f.line, f.column])).toEqual([[8, 11]]);
  });

  it('allows the direction marks twitter-text 3 accepts, and the same characters on other networks', async () => {
    expect(await findingsFor('x', 'Walk in\u202A today\u200E.')).toEqual([]);
    expect(await findingsFor('facebook, mastodon', 'Walk in\uFEFF today.')).toEqual([]);
  });
});
