import { z } from 'zod';

export const NETWORK_IDS = ['x', 'linkedin', 'facebook', 'instagram', 'bluesky', 'mastodon'] as const;
export type NetworkId = (typeof NETWORK_IDS)[number];

/** The figures `plan insights` keeps per published post and network (.plan/metrics.jsonl); a network gives some of them. */
export const METRIC_NAMES = ['impressions', 'reach', 'engagements', 'reactions', 'comments', 'shares', 'clicks', 'saves', 'video_views'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_SETTINGS = [...SEVERITIES, 'off'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

/** A word from a fixed list, read as meant whatever its case or surrounding spaces (`Facebook`, ` Ready`). */
export function caseless<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess((value) => (typeof value === 'string' ? value.trim().toLowerCase() : value), z.enum(values));
}

export const networkId = caseless(NETWORK_IDS).describe('One of: x, linkedin, facebook, instagram, bluesky, mastodon');

/** A language tag (BCP 47), e.g. en, es, en-US. */
export const languageTag = z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'write a language code such as en, es or en-US');

/** Ids of audiences, objectives and posts: lowercase words joined by hyphens. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:[-_/][a-z0-9]+)*$/, 'use lowercase letters, digits and hyphens, e.g. "new-patients"');

export const nonEmptyText = z.string().trim().min(1, 'must not be empty');

export const percent = z.number().min(0, 'must be 0 or more').max(100, 'must be 100 or less');

export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be a web address starting with https://' });
