import { z } from 'zod';
import { httpUrl, languageTag, nonEmptyText, SEVERITY_SETTINGS } from './common.js';

const timezone = z.string().refine(isTimeZone, {
  message: 'is not a time zone: use a name from the IANA list, e.g. America/New_York or America/Chicago',
});

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const severitySetting = z.enum(SEVERITY_SETTINGS).describe('error | warning | info | off');
/** Rule id (e.g. "phi/name") or a family ("phi/*") → severity. Ids are checked against the rules the tool has. */
export const ruleSettingsSchema = z.record(z.string(), severitySetting);

export const practiceSchema = z
  .strictObject({
    name: nonEmptyText.describe('The practice name as it appears in posts'),
    timezone: timezone.describe('IANA time zone of the practice, e.g. America/New_York'),
    phones: z.array(nonEmptyText).default([]).describe("The practice's own phone and fax numbers: never PHI"),
    addresses: z.array(nonEmptyText).default([]),
    websites: z.array(httpUrl).default([]).describe('Public pages of the practice'),
    emails: z.array(z.email({ error: 'is not an email address' })).default([]),
    handles: z.array(nonEmptyText).default([]),
    staff: z.array(nonEmptyText).default([]).describe('People who may be named freely'),
  })
  .describe("The practice's own facts: allowed in posts as whole values");

export const configSchema = z
  .strictObject({
    practice: practiceSchema,
    media_base_url: httpUrl.optional().describe('Public URL of media/ (Instagram and Facebook fetch images by URL)'),
    approval: z
      .strictObject({
        required: z.boolean().default(false).describe('A post publishes only when a listed reviewer approved the pull request that last changed it'),
        reviewers: z
          .array(z.string().regex(/^@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?$/, 'write a GitHub user name (dr-natarajan) or a team (@org/team)'))
          .default([])
          .describe('GitHub users or teams (@org/team) whose approval counts'),
      })
      .default({ required: false, reviewers: [] }),
    lang: languageTag.default('en').describe('The language posts are written in, unless a post says otherwise (lang:)'),
    utm: z
      .strictObject({
        enabled: z.boolean().default(true).describe("Add utm_source, utm_medium and utm_campaign to links to the practice's own websites"),
        medium: nonEmptyText.default('social'),
        campaign: nonEmptyText.optional().describe("utm_campaign for every link; default: the post's objective"),
      })
      .default({ enabled: true, medium: 'social' })
      .describe('Link tracking, so results can be counted per network and objective'),
    rules: ruleSettingsSchema.default({}).describe('Severity per rule id: error | warning | info | off'),
    overrides: z
      .array(
        z.strictObject({
          files: z.array(nonEmptyText).min(1, 'name at least one glob, e.g. "content/archive/**"'),
          rules: ruleSettingsSchema,
        }),
      )
      .default([])
      .describe('Rule severities for the files matching the globs'),
  })
  .describe('plan.config.yaml');

export type Config = z.infer<typeof configSchema>;
export type PracticeFacts = z.infer<typeof practiceSchema>;
