import type { NetworkId } from '../loading/schemas/index.js';

/**
 * The built-in reach table: the percent of each age, income and education group of US adults that
 * uses each network, every figure with its source and year. A practice replaces it with `reach:` in
 * plans/audiences.yaml.
 */

export type ReachDimension = 'age' | 'income' | 'education';

export interface ReachSource {
  /** How a finding names the source. */
  name: string;
  year: number;
  /** Figures transcribed from a secondary copy, to be checked against the original. */
  provisional: boolean;
}

export const REACH_SOURCES = {
  guide2018: {
    name: '2018 survey figures quoted by Sprout Social in the practice guide',
    year: 2018,
    provisional: false,
  },
  pew2021: { name: 'Pew Research Center, 2021', year: 2021, provisional: false },
  pew2025: {
    // Published 2025-11-20; 5,022 adults surveyed 2025-02-05 to 2025-06-18. The group figures come from
    // a secondary copy of the report, hence provisional; the overall figures are confirmed.
    name: "Pew Research Center, Americans' Social Media Use 2025",
    year: 2025,
    provisional: true,
  },
} as const satisfies Record<string, ReachSource>;

export type ReachSourceId = keyof typeof REACH_SOURCES;

/** One group's figures from one source. */
export interface ReachRow {
  source: ReachSourceId;
  dimension: ReachDimension;
  /** As segments write it: "65+", "30-49", "<30k", ">75k", "100k+", "college", "hs-or-less". */
  group: string;
  percent: Partial<Record<NetworkId, number>>;
}

const row = (source: ReachSourceId, dimension: ReachDimension, group: string, percent: ReachRow['percent']): ReachRow => ({
  source,
  dimension,
  group,
  percent,
});

// Left out on purpose: the guide's X and LinkedIn figures for ages 18–29 (36, 34) and 30–49 (23, 33).
// They are the share of each network's users who are in the group, not the share of the group that
// uses the network, so they cannot be compared with min_reach.
export const BUILT_IN_REACH: readonly ReachRow[] = [
  row('guide2018', 'age', '65+', { facebook: 62, instagram: 8, x: 10, linkedin: 20 }),
  row('guide2018', 'income', '<30k', { facebook: 84, instagram: 38 }),
  row('guide2018', 'income', '>75k', { facebook: 77, instagram: 37, x: 30, linkedin: 45 }),
  row('guide2018', 'education', 'college', { linkedin: 50 }),
  row('guide2018', 'education', 'hs-or-less', { linkedin: 12 }),

  row('pew2021', 'education', 'college', { linkedin: 51 }),
  row('pew2021', 'education', 'hs-or-less', { linkedin: 10 }),

  row('pew2025', 'age', '18-29', { facebook: 68, instagram: 80, x: 33 }),
  row('pew2025', 'age', '30-49', { facebook: 80, instagram: 62, x: 25 }),
  row('pew2025', 'age', '50-64', { facebook: 74, instagram: 40, x: 16 }),
  row('pew2025', 'age', '65+', { facebook: 57, instagram: 19, x: 10 }),
  row('pew2025', 'income', '<30k', { facebook: 71, instagram: 41, x: 16 }),
  row('pew2025', 'income', '100k+', { facebook: 71, instagram: 60, x: 25 }),
  row('pew2025', 'education', 'hs-or-less', { facebook: 69, instagram: 41, x: 16 }),
  row('pew2025', 'education', 'college', { facebook: 71, instagram: 58, x: 24 }),
];

/** Networks no survey gives by group: `plan` does not guess their reach, so it never warns about them. */
export const WITHOUT_GROUP_FIGURES: Partial<Record<NetworkId, string>> = {
  bluesky: 'Pew Research Center 2025 gives only an overall figure (4% of US adults), none by age, income or education',
  mastodon: 'no survey gives figures for Mastodon',
};

/** How findings name each group of the table. */
export const GROUP_LABELS: Record<ReachDimension, Record<string, string>> = {
  age: { '18-29': 'adults 18 to 29', '30-49': 'adults 30 to 49', '50-64': 'adults 50 to 64', '65+': 'adults 65 and older' },
  income: {
    '<30k': 'adults with a household income under $30,000',
    '30-75k': 'adults with a household income of $30,000 to $75,000',
    '>75k': 'adults with a household income over $75,000',
    '100k+': 'adults with a household income of $100,000 or more',
  },
  education: {
    'hs-or-less': 'adults with a high-school education or less',
    'some-college': 'adults with some college',
    college: 'college graduates',
  },
};
