/**
 * Links that can be counted: links to the practice's own websites get UTM parameters naming the network
 * (`utm_source`), the medium (`utm_medium`, "social" unless plan.config.yaml says otherwise) and the
 * campaign (`utm_campaign`: the one plan.config.yaml sets, else the post's objective), so the website's
 * analytics can tell which network and objective brought each visit. `utm.enabled: false` turns it off.
 *
 * Only links written with http:// or https:// are tagged, never a link that already carries a utm_
 * parameter (its author chose them), and never in Instagram captions, where links are not links.
 * Tags never make a post fail: where they would take the text past the network's length limit
 * (Bluesky counts a link in full), the links of that text are left as written.
 */
import type { Config } from '../loading/schemas/index.js';
import { blueskyProfile } from './bluesky/profile.js';
import { urlsIn } from './entities.js';
import { facebookProfile } from './facebook/profile.js';
import { linkedinProfile } from './linkedin/profile.js';
import { mastodonProfile } from './mastodon/profile.js';
import type { NetworkId, NetworkProfile } from './types.js';
import { xProfile } from './x/profile.js';

/** The networks whose captions link, with the length limit tags must keep a text within. */
const LINKING: Partial<Record<NetworkId, NetworkProfile>> = { x: xProfile, linkedin: linkedinProfile, facebook: facebookProfile, bluesky: blueskyProfile, mastodon: mastodonProfile };

export interface LinkTracking {
  /** The practice's own websites: a link on one of their hosts, under their path, is tagged. */
  websites: readonly string[];
  medium: string;
  campaign?: string;
}

/** A text and where each of its characters came from, as compose makes it. */
interface Traced<O> {
  text: string;
  originAt(offset: number): O;
}

/** The tracking plan.config.yaml asks for a post with this objective, or undefined when it is off. */
export function linkTrackingFor(config: Config | undefined, objective: string | undefined): LinkTracking | undefined {
  if (!config || !config.utm.enabled || config.practice.websites.length === 0) return undefined;
  const campaign = config.utm.campaign ?? objective;
  return { websites: config.practice.websites, medium: config.utm.medium, ...(campaign ? { campaign } : {}) };
}

/** The text with UTM parameters on each link to the practice's websites; origins still point where each character was written. */
export function withTracking<O, T extends Traced<O>>(composed: T, tracking: LinkTracking | undefined, network: NetworkId): T {
  const profile = LINKING[network];
  if (!tracking || !profile) return composed;
  const insertions: { at: number; text: string }[] = [];
  for (const { url, start } of urlsIn(composed.text, { requireProtocol: true })) {
    const added = parametersFor(url, tracking, network);
    if (added) insertions.push({ at: start + insertionPoint(url), text: added });
  }
  if (insertions.length === 0) return composed;
  let text = '';
  let from = 0;
  for (const { at, text: added } of insertions) {
    text += composed.text.slice(from, at) + added;
    from = at;
  }
  text += composed.text.slice(from);
  if (profile.count(text) > profile.maxLength && profile.count(composed.text) <= profile.maxLength) return composed;
  return { ...composed, text, originAt: (offset: number) => composed.originAt(originalOffset(offset, insertions)) };
}

/** "?utm_source=x&utm_medium=social&utm_campaign=…" (or "&…" after a query) for a link to the practice, else undefined. */
function parametersFor(url: string, tracking: LinkTracking, network: NetworkId): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!tracking.websites.some((site) => isUnder(parsed, site))) return undefined;
  if ([...parsed.searchParams.keys()].some((key) => key.toLowerCase().startsWith('utm_'))) return undefined;
  const pairs = [['utm_source', network], ['utm_medium', tracking.medium], ...(tracking.campaign ? [['utm_campaign', tracking.campaign]] : [])];
  const query = pairs.map(([key, value]) => `${key}=${encodeURIComponent(value!)}`).join('&');
  const beforeFragment = url.split('#')[0]!;
  const separator = !beforeFragment.includes('?') ? '?' : /[?&]$/.test(beforeFragment) ? '' : '&';
  return `${separator}${query}`;
}

/** Where the parameters go: before the fragment, at the end of the query or path. */
function insertionPoint(url: string): number {
  const hash = url.indexOf('#');
  return hash === -1 ? url.length : hash;
}

/** The link is on the website's host (with or without www.) and under its path. */
function isUnder(link: URL, website: string): boolean {
  let site: URL;
  try {
    site = new URL(website);
  } catch {
    return false;
  }
  const host = (url: URL) => url.hostname.toLowerCase().replace(/^www\./, '');
  if (host(link) !== host(site)) return false;
  const base = site.pathname.replace(/\/+$/, '');
  return base === '' || link.pathname === base || link.pathname.startsWith(`${base}/`);
}

/** The offset in the text before tracking of an offset in the tracked text (inside added parameters: the link's last character). */
function originalOffset(offset: number, insertions: readonly { at: number; text: string }[]): number {
  let shift = 0;
  for (const { at, text } of insertions) {
    const start = at + shift;
    if (offset < start) break;
    if (offset < start + text.length) return Math.max(0, at - 1);
    shift += text.length;
  }
  return offset - shift;
}
