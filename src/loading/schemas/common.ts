import { z } from 'zod';

export const NETWORK_IDS = ['x', 'linkedin', 'facebook', 'instagram', 'bluesky', 'mastodon'] as const;
export type NetworkId = (typeof NETWORK_IDS)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_SETTINGS = [...SEVERITIES, 'off'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

export const networkId = z.enum(NETWORK_IDS).describe('One of: x, linkedin, facebook, instagram, bluesky, mastodon');

/** Ids of audiences, objectives and posts: lowercase words joined by hyphens. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:[-_/][a-z0-9]+)*$/, 'use lowercase letters, digits and hyphens, e.g. "new-patients"');

export const nonEmptyText = z.string().trim().min(1, 'must not be empty');

export const percent = z.number().min(0, 'must be 0 or more').max(100, 'must be 100 or less');

export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be a web address starting with https://' });
