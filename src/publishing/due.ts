import type { Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import { NETWORK_IDS, type NetworkId } from '../loading/schemas/index.js';
import type { Finding } from '../rules/types.js';
import { latestEntry, publishedTwin, type Ledger, type LedgerEntry } from './ledger.js';
import { preparePost } from './prepare.js';
import type { PreparedPost } from './types.js';

// A due post's time has passed by definition: the audit's warning about that is for pull requests, not a reason to hold it.
const NOT_BLOCKING = new Set(['plan/ready-past']);

/** A post is missed, not published, when it is this late (unless --catch-up). */
export const MISSED_AFTER_MS = 24 * 60 * 60 * 1000;

export type Verdict =
  | { kind: 'due'; post: PreparedPost; previous?: LedgerEntry }
  | { kind: 'renamed'; post: PreparedPost; twin: LedgerEntry }
  | { kind: 'missed'; post: PreparedPost; late: number }
  | { kind: 'blocked'; post: PreparedPost; reason: string }
  | { kind: 'failed'; post: PreparedPost; previous: LedgerEntry };

export interface DueOptions {
  now: Date;
  catchUp: boolean;
  network?: NetworkId;
}

/**
 * What should happen to each ready post × network whose time has come: publish it, settle an
 * earlier unknown outcome, or say why not. Published, future, draft and expired posts are left out.
 */
export function judgePosts(posts: readonly Post[], findings: readonly Finding[], ledger: Ledger, project: Project, options: DueOptions): Verdict[] {
  const errors = errorsByFile(findings);
  const verdicts: Verdict[] = [];
  for (const post of posts) {
    const { status, networks = [], approved_by } = post.frontmatter;
    if (status !== 'ready' || !post.publishAt || post.publishAt.instant > options.now) continue;
    if (post.expires && post.expires.instant <= options.now) continue;
    for (const network of networks) {
      if (options.network && network !== options.network) continue;
      if (!NETWORK_IDS.includes(network)) continue;
      const previous = latestEntry(ledger, post.id, network);
      if (previous?.state === 'published') continue;
      const prepared = preparePost(post, network, project);
      verdicts.push(judge(post, prepared, previous, { errors: errors.get(post.file) ?? [], approved: !!approved_by || !project.config.data?.approval.required, ledger, options }));
    }
  }
  return verdicts;
}

interface Facts {
  errors: Finding[];
  approved: boolean;
  ledger: Ledger;
  options: DueOptions;
}

function judge(post: Post, prepared: PreparedPost, previous: LedgerEntry | undefined, facts: Facts): Verdict {
  if (!facts.approved) return { kind: 'blocked', post: prepared, reason: 'not approved: approved_by is required by plan.config.yaml' };
  const blocking = facts.errors.filter((f) => f.network === null || f.network === prepared.network);
  if (blocking.length > 0) return { kind: 'blocked', post: prepared, reason: `${blocking.length} error finding(s): run "plan audit ${post.file}"` };
  if (previous?.state === 'failed' && previous.fingerprint === prepared.fingerprint) return { kind: 'failed', post: prepared, previous };
  if (previous?.state === 'attempting' || previous?.state === 'unknown') {
    return { kind: 'due', post: { ...prepared, ...(previous.checkpoint ? { checkpoint: previous.checkpoint } : {}) }, previous };
  }
  const twin = publishedTwin(facts.ledger, prepared.postId, prepared.network, prepared.fingerprint);
  if (twin) return { kind: 'renamed', post: prepared, twin };
  const late = facts.options.now.getTime() - post.publishAt!.instant.getTime();
  if (late > MISSED_AFTER_MS && !facts.options.catchUp) return { kind: 'missed', post: prepared, late };
  return { kind: 'due', post: prepared, ...(previous ? { previous } : {}) };
}

function errorsByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) if (finding.severity === 'error' && !NOT_BLOCKING.has(finding.rule)) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  return byFile;
}
