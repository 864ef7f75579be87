import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { reach } from './reach.js';

const audiences = (minReach: number, extra = '') => `segments:
  seniors: { label: Adults 65 and older, age: "65+" }
  parents: { label: Parents of young children, age: "30-49" }
min_reach: ${minReach}
${extra}`;

const seniorsPost = (networks: string) => post(`title: Falls\npublish_at: 2026-12-01 09:00\nnetworks: [${networks}]\naudience: [parents, seniors]`);

describe('audience/reach', () => {
  it('warns about a segment on a network few of it use, naming the source and the networks that reach it best', async () => {
    const { findings } = await runOn([reach], { 'content/a.md': seniorsPost('facebook, instagram') });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'audience/reach', severity: 'warning', network: 'instagram', line: 5 });
    expect(findings[0]!.message).toBe(
      "only 19% of adults 65 and older use Instagram (Pew Research Center, Americans' Social Media Use 2025, provisional figure), " +
        'less than the plan\'s min_reach of 25% for audience "seniors": Facebook (57%) reaches them best. Take Instagram off this post, or "seniors" off its audience',
    );
  });

  it('is silent at exactly min_reach and warns one point under it', async () => {
    const files = (minReach: number) => ({ 'plans/audiences.yaml': audiences(minReach), 'content/a.md': seniorsPost('x') });
    const at = await runOn([reach], files(25));
    expect(at.findings.filter((f) => f.message.includes('30 to 49'))).toEqual([]);
    const under = await runOn([reach], files(26));
    expect(under.findings.filter((f) => f.message.includes('30 to 49')).map((f) => f.message)).toEqual([
      expect.stringContaining('only 25% of adults 30 to 49 use X'),
    ]);
  });

  it('says so when no network of the practice reaches enough of the segment', async () => {
    const { findings } = await runOn([reach], {
      'plans/networks.yaml': 'x: { account: "@a" }\ninstagram: { user_id: "1" }\n',
      'content/a.md': post('title: Falls\npublish_at: 2026-12-01 09:00\nnetworks: [x]\naudience: [seniors]'),
    });
    expect(findings[0]!.message).toContain("none of the practice's networks reaches 25% of them in the built-in reach table");
  });

  it('never warns about Bluesky or Mastodon, which have no figures by group', async () => {
    const { findings } = await runOn([reach], { 'content/a.md': seniorsPost('bluesky, mastodon') });
    expect(findings).toEqual([]);
  });

  it("uses the practice's own table and says so", async () => {
    const own = 'reach:\n  source: "Cedar Valley patient survey, 2026"\n  age: { "65+": { facebook: 70, x: 12 } }\n';
    const { findings } = await runOn([reach], { 'plans/audiences.yaml': audiences(25, own), 'content/a.md': seniorsPost('x, instagram') });
    expect(findings.map((f) => [f.network, f.message])).toEqual([
      ['x', expect.stringContaining('only 12% of adults 65 and older use X (plans/audiences.yaml: Cedar Valley patient survey, 2026)')],
    ]);
  });
});
