import type { Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import { damageAbout, latestEntry, MISSED_AFTER_MS, publishedTwin, type PublishRecord, type RecordEntry } from '../loading/record.js';
import { NETWORK_IDS, type NetworkId } from '../loading/schemas/index.js';
import { preparePost, type PreparedPost } from '../networks/prepare.js';
import { isDueAt } from '../rules/plan/schedule.js';
import type { Finding } from '../rules/types.js';

/**
 * The error findings that never hold a post back: a due post's time has passed by definition, so the
 * audit's findings about that are for pull requests, not a reason to hold it.
 */
export const NOT_HOLDING = new Set(['plan/ready-past', 'plan/missed']);

/** An error finding that keeps a post from being published until it is fixed. */
export function holdsPost(finding: Pick<Finding, 'severity' | 'rule'>): boolean {
  return finding.severity === 'error' && !NOT_HOLDING.has(finding.rule);
}

export type Verdict =
  | { kind: 'due'; post: PreparedPost; previous?: RecordEntry }
  | { kind: 'renamed'; post: PreparedPost; twin: RecordEntry }
  | { kind: 'missed'; post: PreparedPost; late: number }
  | { kind: 'blocked'; post: PreparedPost; reason: string }
  | { kind: 'failed'; post: PreparedPost; previous: RecordEntry }
  /** Held back for safety: the record cannot say whether it was published, or another run is sending it now. */
  | { kind: 'held'; post: PreparedPost; reason: string; previous?: RecordEntry };

/**
 * Whether a post may be published, when approval is required: granted (by whom, in which pull
 * request), or why not.
 */
export type Approval = { approved: true; by?: string; pullRequest?: { number: number; url: string } } | { approved: false; reason: string };

export interface DueFacts {
  project: Project;
  record: PublishRecord;
  findings: readonly Finding[];
  now: Date;
  catchUp?: boolean;
  network?: NetworkId;
  /** The run asking: its own `attempting` lines are not another run's work. */
  run?: string;
  /**
   * Where approval is required: whether each post is approved, as its pull request on GitHub shows.
   * `plan publish` always gives it (a run that cannot ask GitHub approves nothing). Without it the
   * approval is not judged: views that do not ask GitHub (calendar, status) show a post as it will
   * go out once approved. `approved_by` in a post is a note and never approves it.
   */
  approvalOf?: (post: Post) => Approval;
}

/**
 * What should happen to each ready post × network whose time has come: publish it, settle an earlier
 * outcome that is not known, or say why not. Published, future, draft and expired posts are left out.
 * This is the one place that decides; `plan publish`, `plan status` and `plan review` all ask it.
 */
export function judgePosts(posts: readonly Post[], facts: DueFacts): Verdict[] {
  const errors = errorsByFile(facts.findings);
  const verdicts: Verdict[] = [];
  for (const post of posts) {
    if (!isDueAt(post, facts.now)) continue;
    for (const network of [...new Set(post.frontmatter.networks ?? [])]) {
      if (facts.network && network !== facts.network) continue;
      if (!NETWORK_IDS.includes(network)) continue;
      const previous = latestEntry(facts.record, post.id, network);
      if (previous?.state === 'published') continue;
      const prepared = preparePost(post, network, facts.project);
      verdicts.push(judge(post, prepared, previous, errors.get(post.file) ?? [], facts));
    }
  }
  return verdicts;
}

function judge(post: Post, prepared: PreparedPost, previous: RecordEntry | undefined, errors: Finding[], facts: DueFacts): Verdict {
  const damage = damageAbout(facts.record, post.id, prepared.network);
  if (damage.length > 0) {
    const where = damage.map((d) => `${d.source} line ${d.line}`).join(', ');
    return { kind: 'held', post: prepared, reason: `the publish record has lines plan cannot read (${where}) that may be about it: repair or remove them, then it publishes` };
  }
  if (previous?.state === 'failed' && previous.fingerprint === prepared.fingerprint) return { kind: 'failed', post: prepared, previous };
  const unsettled = previous?.state === 'attempting' || previous?.state === 'unknown';
  // What is already out under another name, or too late to send, is told as such whatever holds it back.
  if (!unsettled) {
    const twin = publishedTwin(facts.record, prepared.postId, prepared.network, prepared.fingerprint);
    if (twin) return { kind: 'renamed', post: prepared, twin };
    const late = facts.now.getTime() - post.publishAt!.instant.getTime();
    if (late > MISSED_AFTER_MS && !facts.catchUp) return { kind: 'missed', post: prepared, late };
  }
  const approval = approvalOf(post, facts);
  if (!approval.approved) return { kind: 'blocked', post: prepared, reason: approval.reason };
  const blocking = errors.filter((f) => f.network === null || f.network === prepared.network);
  if (blocking.length > 0) return { kind: 'blocked', post: prepared, reason: `${blocking.length} error finding(s): run "plan audit ${post.file}"` };
  if (previous?.state === 'attempting' && previous.run !== undefined && previous.run !== facts.run && inFlight(previous, facts.now)) {
    return { kind: 'held', post: prepared, previous, reason: `another publish run started sending it at ${previous.at} and may still be at work: the first run after ${previous.until} checks the account and settles it` };
  }
  if (unsettled) {
    return { kind: 'due', post: { ...prepared, ...(previous.checkpoint ? { checkpoint: previous.checkpoint } : {}) }, previous };
  }
  return { kind: 'due', post: prepared, ...(previous ? { previous } : {}) };
}

/** An `attempting` line of a run whose time is not up: that run may be between its create call and its result. */
function inFlight(entry: RecordEntry, now: Date): boolean {
  return entry.until !== undefined && Date.parse(entry.until) > now.getTime();
}

function approvalOf(post: Post, facts: DueFacts): Approval {
  if (!facts.project.config.data?.approval.required || !facts.approvalOf) return { approved: true };
  return facts.approvalOf(post);
}

function errorsByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) if (holdsPost(finding)) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  return byFile;
}
