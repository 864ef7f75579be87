import { z } from 'zod';
import { caseless, httpUrl, languageTag, networkId, NETWORK_IDS, nonEmptyText, slug } from './common.js';
import { dateTimeText } from './dates.js';

export const mediaItemSchema = z
  .strictObject({
    file: nonEmptyText.describe('Path of the image or video from the repository root, e.g. media/2026/flu-clinic.jpg'),
    alt: z.string().optional().describe('What the image shows, for people using screen readers'),
  })
  .describe('An image or video attached to the post');

const variantsSchema = z
  .strictObject(Object.fromEntries(NETWORK_IDS.map((id) => [id, nonEmptyText.optional()])) as Record<(typeof NETWORK_IDS)[number], z.ZodOptional<typeof nonEmptyText>>)
  .describe('Per-network text that replaces the body on that network');

export const postSchema = z
  .strictObject({
    title: nonEmptyText.describe('A short title for the team; not published'),
    publish_at: dateTimeText.describe('When to publish: local time in the practice timezone ("2026-10-06 09:00") or with an offset'),
    networks: z.array(networkId).min(1, 'name at least one network').describe('Where to publish'),
    audience: z.array(slug).optional().describe('Audience ids from plans/audiences.yaml'),
    objective: slug.optional().describe('Objective id from plans/objectives.yaml'),
    status: caseless(['draft', 'ready']).default('draft').describe('draft or ready: only ready posts are published'),
    approved_by: nonEmptyText.optional().describe('Who approved the post (required when plan.config.yaml sets approval.required)'),
    media: z.array(mediaItemSchema).optional(),
    link: httpUrl.optional().describe('A link to publish with the post'),
    variants: variantsSchema.optional(),
    expires: dateTimeText.optional().describe('Never publish after this time'),
    authorization: nonEmptyText.optional().describe('Id of the signed HIPAA authorization (testimonials, patient photos)'),
    tags: z.array(nonEmptyText).optional(),
    lang: languageTag.optional().describe("The post's language (e.g. es), sent to networks that take one; default: lang in plan.config.yaml"),
    kind: caseless(['post', 'review-reply'])
      .optional()
      .describe('review-reply: an answer to an online review, where confirming any visit, treatment, record or result is PHI'),
    id: slug.optional().describe('Stable id; default: the path under content/ without .md'),
  })
  .describe('Frontmatter of a post in content/');

export type PostFrontmatter = z.infer<typeof postSchema>;
export type MediaItem = z.infer<typeof mediaItemSchema>;
