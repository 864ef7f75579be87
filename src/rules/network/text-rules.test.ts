import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { hashtags } from './hashtags.js';
import { mentions } from './mentions.js';
import { seeMore } from './see-more.js';
import { unclickableLink } from './unclickable-link.js';

const fields = (networks: string, extra = '') => `title: Test\npublish_at: 2026-12-01 09:00\nnetworks: [${networks}]${extra ? `\n${extra}` : ''}`;
const tags = (n: number) => Array.from({ length: n }, (_, i) => `#Tag${String.fromCharCode(65 + i)}`).join(' ');

describe('network/hashtags', () => {
  it('accepts 5 hashtags on Instagram and reports 6 on the line of the sixth', async () => {
    const ok = await runOn([hashtags], { 'content/a.md': post(fields('instagram'), `Flu shots are here.\n\n${tags(5)}`) });
    expect(ok.findings).toEqual([]);
    const { findings } = await runOn([hashtags], { 'content/a.md': post(fields('instagram'), `Flu shots are here. ${tags(3)}\n\n${tags(3)}`) });
    expect(findings.map((f) => [f.network, f.line, f.message])).toEqual([['instagram', 8, 'Instagram allows at most 5 hashtags in a post, and this one has 6: remove 1']]);
  });

  it('leaves networks without a hashtag limit alone', async () => {
    const { findings } = await runOn([hashtags], { 'content/a.md': post(fields('x, facebook'), tags(12)) });
    expect(findings).toEqual([]);
  });
});

describe('network/unclickable-link', () => {
  it('warns about each web address in an Instagram caption, not elsewhere', async () => {
    const body = 'Book at https://cedarvalleyhealth.com/book\n\nor see cedarvalleyhealth.com/hours';
    const { findings } = await runOn([unclickableLink], { 'content/a.md': post(fields('instagram, facebook'), body) });
    expect(findings.map((f) => [f.severity, f.network, f.line])).toEqual([
      ['warning', 'instagram', 6],
      ['warning', 'instagram', 8],
    ]);
    expect(findings[0]!.message).not.toContain('cedarvalleyhealth.com');
  });

  it('does not count the link field, which Instagram never receives', async () => {
    const { findings } = await runOn([unclickableLink], { 'content/a.md': post(fields('instagram', 'link: https://cedarvalleyhealth.com/flu'), 'Link in bio.') });
    expect(findings).toEqual([]);
  });
});

describe('network/see-more', () => {
  it('says nothing when everything shows, and gives the cut on the line it falls', async () => {
    const short = await runOn([seeMore], { 'content/a.md': post(fields('instagram'), 'a'.repeat(125)) });
    expect(short.findings).toEqual([]);
    const body = `Flu shots are here for everyone ${'a'.repeat(80)}\n\nWalk in any weekday.`;
    const { findings } = await runOn([seeMore], { 'content/a.md': post(fields('instagram, x'), body) });
    expect(findings.map((f) => [f.severity, f.network, f.line, f.message])).toEqual([
      ['info', 'instagram', 8, `Instagram shows the first line (112 characters) and hides the rest behind "more": put what matters most before it`],
    ]);
  });

  it('cuts Instagram at 125 characters within a line', async () => {
    const { findings } = await runOn([seeMore], { 'content/a.md': post(fields('instagram'), 'a'.repeat(126)) });
    expect(findings.map((f) => f.message)).toEqual([`Instagram shows the first 125 characters and hides the rest behind "more": put what matters most before it`]);
  });

  it('points into a literal-block variant at the line the hidden part starts', async () => {
    const variant = 'variants:\n  linkedin: |-\n    One.\n    Two.\n    Three.\n    Four.';
    const { findings } = await runOn([seeMore], { 'content/a.md': post(fields('linkedin', variant), 'Body.') });
    expect(findings.map((f) => [f.line, f.message])).toEqual([[10, expect.stringContaining('LinkedIn shows the first 3 lines')]]);
  });
});

describe('network/mentions', () => {
  const handles = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `@friend.${from + i}`).join(' ');

  it('accepts 20 @-mentions on Instagram and reports 21 on the line of the 21st', async () => {
    const ok = await runOn([mentions], { 'content/a.md': post(fields('instagram'), `Thank you all!\n\n${handles(20)}`) });
    expect(ok.findings).toEqual([]);
    const { findings } = await runOn([mentions], { 'content/a.md': post(fields('instagram'), `Thank you ${handles(15)}\n\n${handles(6, 15)}`) });
    expect(findings.map((f) => [f.rule, f.severity, f.network, f.line, f.message])).toEqual([
      ['network/mentions', 'error', 'instagram', 8, 'Instagram allows at most 20 @-mentions in a post, and this one has 21: remove 1'],
    ]);
  });

  it('does not count email addresses or the @ inside a web address', async () => {
    const body = `${handles(19)} write to hello@cedarvalleyhealth.com or read medium.com/@cedarvalley and x.com/@cedar today @last`;
    const { findings } = await runOn([mentions], { 'content/a.md': post(fields('instagram'), body) });
    expect(findings).toEqual([]);
  });

  it('leaves networks without a mention limit alone', async () => {
    const { findings } = await runOn([mentions], { 'content/a.md': post(fields('x, facebook, mastodon'), handles(30)) });
    expect(findings).toEqual([]);
  });
});
