import path from 'node:path';
import type { AuditResult } from '../audit/index.js';
import { PlanError } from '../errors.js';
import { isInside } from '../loading/files.js';
import type { MediaFact, MediaFormat, MediaKind } from '../loading/media.js';
import type { Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import { CONTENT_DIR } from '../loading/posts.js';
import type { Repository } from '../loading/repository.js';
import { isNetworkId, NETWORK_IDS, utf8Length, type NetworkId } from '../networks/index.js';
import { mediaOf } from '../rules/network/media-item.js';
import { accountProfile, composeFor, isEnabled } from '../rules/network/targets.js';
import type { Finding } from '../rules/types.js';

export interface MediaPreview {
  file: string;
  alt?: string;
  /** `unchecked` when the file was never looked at (the media list itself is broken). */
  status: MediaFact['status'] | 'unchecked';
  kind?: MediaKind;
  format?: MediaFormat;
  bytes?: number;
}

export interface SeeMorePreview {
  /** UTF-16 offset in `text` where the hidden part starts. */
  offset: number;
  visible: string;
  hidden: string;
}

export interface NetworkPreview {
  network: NetworkId;
  label: string;
  /** False when plans/networks.yaml does not list the network: nothing would be published there. */
  enabled: boolean;
  /** Exactly what the network receives. */
  text: string;
  from: 'body' | 'variant';
  count: number;
  limit: number;
  unit: string;
  /** Bluesky also caps the text in UTF-8 bytes. */
  bytes?: { count: number; limit: number };
  seeMore?: SeeMorePreview;
  /** The post's `link` and whether the text carries it. */
  link?: { url: string; sent: boolean };
  media: MediaPreview[];
  findings: Finding[];
}

export interface PostPreview {
  file: string;
  id: string;
  title?: string;
  status?: 'draft' | 'ready';
  publishAt?: Date;
  timeZone: string;
  networks: NetworkPreview[];
  /** Findings of the post that concern no one network (PHI, schema, plan…). */
  findings: Finding[];
}

/** What a post will look like on each of its networks (or one), with its findings in an audit that covers it. */
export function previewOf(result: AuditResult, post: Post, network?: string): PostPreview {
  const networks = selectNetworks(post, network);
  const findings = result.findings.filter((f) => f.file === post.file).map(withoutSensitiveText);
  return {
    file: post.file,
    id: post.id,
    ...(post.frontmatter.title ? { title: post.frontmatter.title } : {}),
    ...(post.frontmatter.status ? { status: post.frontmatter.status } : {}),
    ...(post.publishAt ? { publishAt: post.publishAt.instant } : {}),
    timeZone: result.project.timeZone,
    networks: networks.map((id) => previewNetwork(post, result.project, id, findings)),
    findings: findings.filter((f) => f.network === null),
  };
}

function previewNetwork(post: Post, project: Project, network: NetworkId, findings: readonly Finding[]): NetworkPreview {
  const profile = accountProfile(project, network);
  const composed = composeFor(post, network, project);
  const text = composed.text;
  const cut = profile.seeMoreCut(text);
  const link = post.frontmatter.link?.trim();
  return {
    network,
    label: profile.label,
    enabled: isEnabled(project, network),
    text,
    from: composed.from,
    count: profile.count(text),
    limit: profile.maxLength,
    unit: profile.countUnit,
    ...(profile.maxBytes !== undefined ? { bytes: { count: utf8Length(text), limit: profile.maxBytes } } : {}),
    ...(cut !== undefined ? { seeMore: { offset: cut, visible: text.slice(0, cut), hidden: text.slice(cut) } } : {}),
    ...(link ? { link: { url: link, sent: text.includes(link) } } : {}),
    media: mediaPreviews(post),
    findings: findings.filter((f) => f.network === network),
  };
}

function mediaPreviews(post: Post): MediaPreview[] {
  return mediaOf(post).map((item) => ({
    file: item.file,
    ...(item.alt !== undefined ? { alt: item.alt } : {}),
    status: item.fact?.status ?? 'unchecked',
    ...(item.kind ? { kind: item.kind } : {}),
    ...(item.format ? { format: item.format } : {}),
    ...(item.fact?.bytes !== undefined ? { bytes: item.fact.bytes } : {}),
  }));
}

function selectNetworks(post: Post, wanted: string | undefined): NetworkId[] {
  const named = [...new Set(post.frontmatter.networks ?? [])];
  if (wanted === undefined) return named;
  if (!isNetworkId(wanted)) throw new PlanError(`--network "${wanted}" is not a network plan knows: use one of ${NETWORK_IDS.join(', ')}`);
  if (!named.includes(wanted)) {
    const list = named.length > 0 ? `its networks are ${named.join(', ')}` : 'it names no networks';
    throw new PlanError(`${post.file} is not published on ${wanted}: ${list}`);
  }
  return [wanted];
}

/** The post `given` names: a file (from `cwd` or the root) or a post id. */
export function findPost(repository: Repository, cwd: string, given: string): Post {
  const { root, posts } = repository;
  for (const base of [cwd, root]) {
    const absolute = path.resolve(base, given);
    const relative = path.relative(root, absolute).split(path.sep).join('/');
    const found = isInside(root, absolute) ? posts.find((p) => p.file === relative) : undefined;
    if (found) return found;
  }
  const byId = posts.find((p) => p.id === given) ?? posts.find((p) => p.file === `${CONTENT_DIR}/${given}.md`);
  if (byId) return byId;
  throw new PlanError(`no post "${given}": give a post file under ${CONTENT_DIR}/ (e.g. ${CONTENT_DIR}/2026/10/flu-shots.md) or a post id`);
}

function withoutSensitiveText(finding: Finding): Finding {
  const { sensitiveText: _, ...rest } = finding;
  return rest;
}
