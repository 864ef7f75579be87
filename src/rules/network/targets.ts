import type { Post } from '../../loading/post.js';
import type { Project } from '../../loading/project.js';
import { pointRange, type SourceRange } from '../../loading/source.js';
import { compose, profileFor, type AccountLimits, type ComposedText, type NetworkId, type NetworkProfile } from '../../networks/index.js';
import type { PostCheckContext } from '../types.js';
import { linkTrackingFor } from '../../networks/tracking.js';

/** One network a post goes to: its profile (with the account's own limits) and the text it receives. */
export interface NetworkTarget extends NetworkAccount {
  composed: ComposedText;
}

/** The profile of a network with the limits its account in plans/networks.yaml sets. */
export function accountProfile(project: Project, network: NetworkId): NetworkProfile {
  const account = project.networks.data?.[network] as AccountLimits | undefined;
  return profileFor(network, account);
}

export function isEnabled(project: Project, network: NetworkId): boolean {
  return project.networks.data?.[network] !== undefined;
}

/** The text a network receives for a post: its variant or its body, plus the link, links to the practice tagged for counting. */
export function composeFor(post: Post, network: NetworkId, project: Project): ComposedText {
  const { variants = {}, link, objective } = post.frontmatter;
  const tracking = linkTrackingFor(project.config.data, objective);
  return compose({ body: post.body, variants, ...(link ? { link } : {}), ...(tracking ? { tracking } : {}) }, network);
}

/** A network a post goes to, with the limits of its account. */
export interface NetworkAccount {
  network: NetworkId;
  profile: NetworkProfile;
}

/**
 * The networks a post names that plans/networks.yaml enables, each once. Networks it does not
 * enable are schema/unknown-id's to report.
 */
export function accountsOf({ post, project, perPost }: PostCheckContext): NetworkAccount[] {
  return perPost('network/accounts', () =>
    [...new Set(post.frontmatter.networks ?? [])].filter((network) => isEnabled(project, network)).map((network) => ({ network, profile: accountProfile(project, network) })),
  );
}

/** accountsOf, with the text each network receives. */
export function targetsOf(context: PostCheckContext): NetworkTarget[] {
  return context.perPost('network/targets', () => accountsOf(context).map((account) => ({ ...account, composed: composeFor(context.post, account.network, context.project) })));
}

/** Where the character at `offset` of a composed text was written: its body line, the variant or the link field. */
export function rangeAt(post: Post, target: NetworkTarget, offset: number): SourceRange {
  const origin = target.composed.originAt(offset);
  if (origin.from === 'variant') return variantLineRange(post, target.network, origin.line);
  if (origin.from === 'link') return post.locate(['link']);
  return bodyLineRange(post, origin.line);
}

/** Where the text as a whole was written: the variant field, or the body's first line. */
export function textRange(post: Post, target: NetworkTarget): SourceRange {
  return target.composed.from === 'variant' ? post.locate(['variants', target.network]) : rangeAt(post, target, 0);
}

/**
 * A line of a variant: the file line itself when the variant is a literal block (`x: |-`), whose
 * lines are the file's lines; the whole field otherwise (a one-line or folded value).
 */
function variantLineRange(post: Post, network: NetworkId, variantLine: number): SourceRange {
  const field = post.locate(['variants', network]);
  const indicator = post.lines.lineText(field.line).slice(field.column - 1);
  const line = field.line + variantLine;
  if (!/^\|[-+0-9]*\s*(#.*)?$/.test(indicator) || line > field.endLine) return field;
  return lineRange(post, line);
}

/** The whole of a body line (1-based within the body) as a range of the file. */
function bodyLineRange(post: Post, bodyLine: number): SourceRange {
  return lineRange(post, post.lines.position(post.bodyOffset).line + bodyLine - 1);
}

/** A line of the file without its indentation and trailing blanks. */
function lineRange(post: Post, line: number): SourceRange {
  if (line > post.lines.lineCount) return pointRange(post.lines.lineCount);
  const text = post.lines.lineText(line);
  const indent = text.length - text.trimStart().length;
  return { line, column: indent + 1, endLine: line, endColumn: Math.max(indent + 1, text.trimEnd().length + 1) };
}

/** The offset of the first non-blank character at or after `offset`. */
export function skipBlank(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

// What `n.toLocaleString('en-US')` gives, without making a number format for every call.
const EN_US_NUMBER = new Intl.NumberFormat('en-US');

export const formatNumber = (n: number) => EN_US_NUMBER.format(n);
