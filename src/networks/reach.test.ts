import { describe, expect, it } from 'vitest';
import type { AudiencesPlan } from '../loading/schemas/index.js';
import { BUILT_IN_TABLE, rankNetworks, reachOf, reachTableFor } from './reach.js';

const PEW_2025 = "Pew Research Center, Americans' Social Media Use 2025, provisional figure";
const GUIDE_2018 = '2018 survey figures quoted by Sprout Social in the practice guide';

describe('the built-in reach table', () => {
  it('takes the newest figure, marked provisional where the source is', () => {
    expect(reachOf(BUILT_IN_TABLE, { age: '65+' }, 'facebook')).toEqual({ percent: 57, group: 'adults 65 and older', source: PEW_2025 });
  });

  it('falls back to the 2018 figure where no newer one exists', () => {
    expect(reachOf(BUILT_IN_TABLE, { age: '65+' }, 'linkedin')).toEqual({ percent: 20, group: 'adults 65 and older', source: GUIDE_2018 });
  });

  it('does not use the 2018 share-of-users rows for ages 18–29 and 30–49', () => {
    expect(reachOf(BUILT_IN_TABLE, { age: '30-49' }, 'linkedin')).toBeUndefined();
    expect(reachOf(BUILT_IN_TABLE, { age: '18-29' }, 'linkedin')).toBeUndefined();
    expect(reachOf(BUILT_IN_TABLE, { age: '30-49' }, 'x')?.percent).toBe(25);
    expect(reachOf(BUILT_IN_TABLE, { age: '18-29' }, 'x')?.source).toBe(PEW_2025);
  });

  it('has no figures for Bluesky and Mastodon', () => {
    for (const network of ['bluesky', 'mastodon'] as const) {
      expect(reachOf(BUILT_IN_TABLE, { age: '65+' }, network)).toBeUndefined();
      expect(reachOf(BUILT_IN_TABLE, { education: 'college' }, network)).toBeUndefined();
    }
  });

  it('maps education to the college and high-school rows, LinkedIn from Pew 2021', () => {
    expect(reachOf(BUILT_IN_TABLE, { education: 'college' }, 'linkedin')).toEqual({ percent: 51, group: 'college graduates', source: 'Pew Research Center, 2021' });
    expect(reachOf(BUILT_IN_TABLE, { education: 'hs-or-less' }, 'linkedin')?.percent).toBe(10);
    expect(reachOf(BUILT_IN_TABLE, { education: 'college' }, 'instagram')?.percent).toBe(58);
    expect(reachOf(BUILT_IN_TABLE, { education: 'some-college' }, 'facebook')).toBeUndefined();
  });

  it('maps incomes to their own rows, and a narrower group to the row that holds it', () => {
    expect(reachOf(BUILT_IN_TABLE, { income: '<30k' }, 'facebook')).toMatchObject({ percent: 71, source: PEW_2025 });
    expect(reachOf(BUILT_IN_TABLE, { income: '>75k' }, 'facebook')).toMatchObject({ percent: 77, source: GUIDE_2018 });
    expect(reachOf(BUILT_IN_TABLE, { income: '100k+' }, 'facebook')).toMatchObject({ percent: 71, source: PEW_2025 });
    expect(reachOf(BUILT_IN_TABLE, { income: '100k+' }, 'linkedin')).toMatchObject({ percent: 45, group: 'adults with a household income over $75,000' });
    expect(reachOf(BUILT_IN_TABLE, { income: '30-75k' }, 'facebook')).toBeUndefined();
  });

  it('uses an age group that holds the segment, and none for a segment across groups', () => {
    expect(reachOf(BUILT_IN_TABLE, { age: '70+' }, 'instagram')).toMatchObject({ percent: 19, group: 'adults 65 and older' });
    expect(reachOf(BUILT_IN_TABLE, { age: '18-24' }, 'instagram')?.percent).toBe(80);
    expect(reachOf(BUILT_IN_TABLE, { age: '25-34' }, 'instagram')).toBeUndefined();
    expect(reachOf(BUILT_IN_TABLE, { age: '13-17' }, 'instagram')).toBeUndefined();
  });

  it('takes the lowest figure of a segment described in two ways', () => {
    expect(reachOf(BUILT_IN_TABLE, { age: '65+', education: 'college' }, 'instagram')?.percent).toBe(19);
  });

  it('ranks networks by reach, leaving out those without a figure', () => {
    const ranked = rankNetworks(BUILT_IN_TABLE, { age: '65+' }, ['x', 'bluesky', 'instagram', 'facebook']);
    expect(ranked.map((r) => [r.network, r.reach.percent])).toEqual([
      ['facebook', 57],
      ['instagram', 19],
      ['x', 10],
    ]);
  });
});

describe("a practice's own reach table", () => {
  const plan = (reach: AudiencesPlan['reach']): AudiencesPlan => ({ segments: {}, min_reach: 25, reach });

  it('replaces the built-in table whole and names its source', () => {
    const table = reachTableFor(plan({ source: 'Our 2026 patient survey', age: { '65+': { instagram: 40 } } }));
    expect(reachOf(table, { age: '65+' }, 'instagram')).toEqual({
      percent: 40,
      group: 'adults 65 and older',
      source: 'plans/audiences.yaml: Our 2026 patient survey',
    });
    expect(reachOf(table, { age: '65+' }, 'facebook')).toBeUndefined();
    expect(reachOf(table, { education: 'college' }, 'linkedin')).toBeUndefined();
  });

  it('is the built-in table when the plan has no reach', () => {
    expect(reachTableFor(plan(undefined))).toBe(BUILT_IN_TABLE);
    expect(reachTableFor(undefined)).toBe(BUILT_IN_TABLE);
  });
});
