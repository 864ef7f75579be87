import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import type { NetworkId } from '../loading/schemas/index.js';
import { composeText } from './compose.js';
import { linkTrackingFor } from './tracking.js';
import { fingerprint } from '../loading/record.js';

/** An image or video as a publisher sends it. */
export interface PreparedMedia {
  /** Repository path, e.g. media/2026/flu.png. */
  file: string;
  /** Absolute path on disk, to upload the bytes. */
  path: string;
  /** Public URL under `media_base_url`, for networks that fetch media by URL (Instagram, Facebook). */
  url?: string;
  alt?: string;
  mimeType: string;
}

/** One post, ready to send to one network: what `--dry-run` prints and what a publisher sends. */
export interface PreparedPost {
  postId: string;
  network: NetworkId;
  file: string;
  /** The exact text the network receives (variant or body, plus link where the network appends it). */
  text: string;
  link?: string;
  /** The post's language (its `lang`, else the practice's), for networks that take one (Bluesky `langs`, Mastodon `language`). */
  lang: string;
  media: PreparedMedia[];
  fingerprint: string;
  /** Stable for this post, network and text: Mastodon's Idempotency-Key, the seed of Bluesky's record key. */
  idempotencyKey: string;
  /** What an earlier, interrupted attempt recorded mid-way (e.g. Instagram's container id). */
  checkpoint?: Record<string, string>;
}

const MIME_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

/** What one network will receive for a post: text, media with their public URLs, and the keys that keep it to one copy. */
export function preparePost(post: Post, network: NetworkId, project: Project): PreparedPost {
  const { body, frontmatter } = post;
  const tracking = linkTrackingFor(project.config.data, frontmatter.objective);
  const text = composeText({ body, variants: frontmatter.variants ?? {}, link: frontmatter.link, ...(tracking ? { tracking } : {}) }, network);
  const print = fingerprint(text);
  return {
    postId: post.id,
    network,
    file: post.file,
    text,
    ...(frontmatter.link ? { link: frontmatter.link } : {}),
    lang: frontmatter.lang ?? project.config.data?.lang ?? 'en',
    media: (frontmatter.media ?? []).map((item) => prepareMedia(item.file, item.alt, project)),
    fingerprint: print,
    idempotencyKey: createHash('sha256').update(`${post.id}\n${network}\n${print}`).digest('hex').slice(0, 32),
  };
}

function prepareMedia(file: string, alt: string | undefined, project: Project): PreparedMedia {
  const base = project.config.data?.media_base_url;
  const underMedia = file.replace(/^media\//, '');
  const extension = path.extname(file).slice(1).toLowerCase();
  return {
    file,
    path: path.join(project.root, file),
    ...(base ? { url: new URL(underMedia.split('/').map(encodeURIComponent).join('/'), base.endsWith('/') ? base : `${base}/`).href } : {}),
    ...(alt ? { alt } : {}),
    mimeType: MIME_TYPES[extension] ?? 'application/octet-stream',
  };
}
