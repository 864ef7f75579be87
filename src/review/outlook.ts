import type { Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import { profileFor, type NetworkId } from '../networks/index.js';
import { holdsPost, judgePosts, type Verdict } from '../audit/due.js';
import { isEnabled } from '../rules/network/targets.js';
import type { Finding } from '../rules/types.js';
import type { Outlook, ReviewApproval } from './types.js';
import { practiceTime, relativeTime } from './when.js';
import { latestEntry, type PublishRecord } from '../loading/record.js';

export interface OutlookFacts {
  project: Project;
  findings: readonly Finding[];
  record: PublishRecord;
  now: Date;
  /** The pull request's approval, where one is required. */
  approval?: ReviewApproval;
}

/** What happens to a post once the pull request is merged, judged as `plan publish` will judge it. */
export function outlookOf(post: Post, facts: OutlookFacts): Outlook {
  const { status, networks = [] } = post.frontmatter;
  const enabled = [...new Set(networks)].filter((network) => isEnabled(facts.project, network));
  if (status !== 'ready') return outlook('draft', 'Draft: it will not be published until its status is ready.');
  if (!post.publishAt) return outlook('no-time', 'It has no valid publish_at, so it cannot be published.');
  if (enabled.length === 0) return outlook('blocked', 'It names no network that plans/networks.yaml turns on, so it will not be published anywhere.');
  if (post.expires && post.expires.instant <= facts.now) return outlook('expired', `It expired ${practiceTime(post.expires.instant, facts.project.timeZone)}: it will never be published.`);
  const open = enabled.filter((network) => latestEntry(facts.record, post.id, network)?.state !== 'published');
  if (open.length === 0) return outlook('published', `Already published on ${labels(enabled)}: changes made here will not reach those posts.`, enabled);
  if (post.publishAt.instant > facts.now) return upcoming(post, open, facts);
  // Judged as if approved: a pull request is often approved just before it merges, and a reviewer must hear what would then go out at once.
  const judged = pastDue(judgePosts([post], { project: facts.project, record: facts.record, findings: facts.findings, now: facts.now }));
  if (judged.kind !== 'on-merge' || facts.approval?.state !== 'waiting') return judged;
  return { ...judged, message: `${judged.message} It still needs an approval: ${facts.approval.message}.` };
}

function upcoming(post: Post, networks: NetworkId[], facts: OutlookFacts): Outlook {
  const errors = facts.findings.filter((f) => f.file === post.file && holdsPost(f));
  const where = networks.filter((network) => errors.some((f) => f.network === null || f.network === network));
  if (where.length > 0) return outlook('blocked', `Will not publish on ${labels(where)} while it has errors: fix them before it is due.`, where);
  const when = `${practiceTime(post.publishAt!.instant, facts.project.timeZone)} (${relativeTime(post.publishAt!.instant, facts.now)})`;
  if (facts.approval?.state === 'waiting') return outlook('unapproved', `Publishes on ${labels(networks)} ${when} only once this pull request is approved: ${facts.approval.message}.`, networks);
  return outlook('scheduled', `Publishes on ${labels(networks)} ${when}.`, networks);
}

type VerdictOf<K extends Verdict['kind']> = Extract<Verdict, { kind: K }>;

function pastDue(verdicts: Verdict[]): Outlook {
  const of = <K extends Verdict['kind']>(kind: K) => verdicts.filter((v): v is VerdictOf<K> => v.kind === kind);
  const networksOf = (list: Verdict[]) => list.map((v) => v.post.network);
  const due = of('due');
  if (due.length > 0) return outlook('on-merge', `Its time has passed: it publishes on ${labels(networksOf(due))} the moment this pull request merges.`, networksOf(due));
  const blocked = of('blocked');
  if (blocked.length > 0) return outlook('blocked', `Its time has passed but it will not publish on ${labels(networksOf(blocked))}: ${blocked[0]!.reason}.`, networksOf(blocked));
  const held = of('held');
  if (held.length > 0) return outlook('blocked', `Its time has passed, and it is held on ${labels(networksOf(held))}: ${held[0]!.reason}.`, networksOf(held));
  const missed = of('missed');
  if (missed.length > 0) {
    return outlook('missed', `More than 24 hours late: plan publish will report it missed on ${labels(networksOf(missed))} and not publish it (unless run with --catch-up).`, networksOf(missed));
  }
  const failed = of('failed');
  if (failed.length > 0) return outlook('failed', `An earlier attempt on ${labels(networksOf(failed))} failed: run "plan status" to see why.`, networksOf(failed));
  const renamed = of('renamed');
  if (renamed.length === 0) return outlook('blocked', 'Its time has passed, but plan publish has nothing to send for it.');
  return outlook('published', `Already published on ${labels(networksOf(renamed))} as "${renamed[0]!.twin.post}" with the same text: it will not be posted again.`, networksOf(renamed));
}

function outlook(kind: Outlook['kind'], message: string, networks: NetworkId[] = []): Outlook {
  return { kind, message, networks };
}

export function labels(networks: readonly NetworkId[]): string {
  const names = networks.map((network) => profileFor(network).label);
  if (names.length <= 1) return names[0] ?? 'no network';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
