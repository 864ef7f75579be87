import { z } from 'zod';
import { httpUrl, METRIC_NAMES, NETWORK_IDS, nonEmptyText, percent, slug } from './common.js';

const SLOT = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([01]\d|2[0-3]):[0-5]\d$/;

const cadenceSchema = z.strictObject({
  min_per_week: z.int().min(0).optional().describe('Fewest posts in a week (Monday to Sunday) before it counts as a gap'),
  max_per_day: z.int().min(1).optional().describe('Most posts in one day'),
});

const accountBase = {
  account: nonEmptyText.optional().describe('The account name, for people reading the plan'),
  api_url: httpUrl.optional().describe("Send this network's API calls to another base URL (a gateway, a test server)"),
  cadence: cadenceSchema.optional(),
  slots: z
    .array(z.string().regex(SLOT, 'write a slot as a weekday and a time, e.g. "Mon 09:00"'))
    .optional()
    .describe('Preferred posting times, e.g. "Mon 09:00"'),
};

const accountSchemas = {
  x: z.strictObject({ ...accountBase }),
  facebook: z.strictObject({ ...accountBase, page_id: nonEmptyText.describe('The Facebook Page id') }),
  instagram: z.strictObject({ ...accountBase, user_id: nonEmptyText.describe('The Instagram professional account id') }),
  linkedin: z.strictObject({
    ...accountBase,
    organization: z.string().regex(/^urn:li:organization:\d+$/, 'write it as urn:li:organization:<number>'),
  }),
  bluesky: z.strictObject({
    ...accountBase,
    handle: nonEmptyText.describe('e.g. cedarvalleyhealth.bsky.social'),
    service: httpUrl.default('https://bsky.social'),
  }),
  mastodon: z.strictObject({
    ...accountBase,
    instance: httpUrl.describe('e.g. https://mastodon.social'),
    max_characters: z.int().min(1).optional().describe("The instance's post length limit when it is not 500"),
  }),
} satisfies Record<(typeof NETWORK_IDS)[number], z.ZodType>;

export const networksPlanSchema = z
  .strictObject(Object.fromEntries(NETWORK_IDS.map((id) => [id, accountSchemas[id].optional()])) as {
    [K in keyof typeof accountSchemas]: z.ZodOptional<(typeof accountSchemas)[K]>;
  })
  .describe('plans/networks.yaml: the accounts the practice posts to; a network not listed is not enabled');

const reachFigures = z.record(z.string(), z.record(z.string(), percent));

export const audiencesPlanSchema = z
  .strictObject({
    segments: z.record(
      slug,
      z.strictObject({
        label: nonEmptyText,
        age: z.string().regex(/^(\d+-\d+|\d+\+)$/, 'write an age group as "30-49" or "65+"').optional(),
        income: z.enum(['<30k', '30-75k', '>75k', '100k+']).optional(),
        education: z.enum(['hs-or-less', 'some-college', 'college']).optional(),
      }),
    ),
    min_reach: percent.default(25).describe('Warn when a post targets a segment on a network used by fewer than this percent of it'),
    reach: z
      .strictObject({
        source: nonEmptyText.describe('Where the figures come from, with the year'),
        age: reachFigures.optional(),
        income: reachFigures.optional(),
        education: reachFigures.optional(),
      })
      .optional()
      .describe('Replaces the built-in reach table: percent of each group that uses each network'),
  })
  .describe('plans/audiences.yaml');

export const objectivesPlanSchema = z
  .strictObject({
    objectives: z.record(
      slug,
      z.strictObject({
        label: nonEmptyText,
        share: percent.describe('Target percent of posts'),
        target: z
          .strictObject({
            metric: z.enum(METRIC_NAMES).describe('The metric the objective is measured by'),
            per_month: z.number().min(0).describe('How much of it a month counts as on target'),
          })
          .optional()
          .describe('What plan insights measures the objective against, e.g. { metric: clicks, per_month: 200 }'),
      }),
    ),
    mix: z
      .strictObject({
        window_weeks: z.int().min(1).default(4),
        tolerance: percent.default(15).describe('Warn when a share drifts by more than this many points'),
      })
      .default({ window_weeks: 4, tolerance: 15 }),
  })
  .describe('plans/objectives.yaml');

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'write it as MM-DD, e.g. 12-01');
const observanceBase = { name: nonEmptyText, link: httpUrl.optional() };

export const observancesPlanSchema = z
  .strictObject({
    observances: z.array(
      z.union([
        z.strictObject({ ...observanceBase, month: z.int().min(1).max(12) }),
        z.strictObject({
          ...observanceBase,
          date: z.string().regex(/^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'write it as MM-DD (every year) or YYYY-MM-DD (once)'),
        }),
        z.strictObject({ ...observanceBase, start: monthDay, end: monthDay }),
      ]),
    ),
  })
  .describe('plans/observances.yaml: awareness days and months to plan around');

export type NetworksPlan = z.infer<typeof networksPlanSchema>;
export type AudiencesPlan = z.infer<typeof audiencesPlanSchema>;
export type ObjectivesPlan = z.infer<typeof objectivesPlanSchema>;
export type ObservancesPlan = z.infer<typeof observancesPlanSchema>;
