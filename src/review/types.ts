import type { NetworkId, Severity } from '../loading/schemas/index.js';
import type { MediaPreview } from '../preview/index.js';
import type { LineSpan } from '../loading/git.js';
import { type PublishState } from '../loading/record.js';

/**
 * What a pull request will publish, where, when and what is wrong with it: the model every review
 * format lays out. Plain data (ISO strings, no Dates) so `--format json` is this object as it is.
 * No field holds the text a PHI finding matched: it is hidden (`HIDDEN`) wherever a post is shown.
 */
export interface Review {
  version: 1;
  /** The ref given with `--base`, and the commit the pull request branched from. */
  base: string;
  mergeBase: string;
  /** The clock of the review (`--now`), ISO, and in practice time. */
  now: string;
  nowLocal: string;
  practice: string;
  timeZone: string;
  counts: ReviewCounts;
  alerts: Alerts;
  posts: ReviewedPost[];
  deleted: DeletedPost[];
  /** plan.config.yaml and plans/* files the pull request changes. */
  planFiles: string[];
  /** Findings in the configuration and plan files, changed or not: they concern every post. */
  planFindings: ReviewFinding[];
  /** When plan files changed: posts the pull request does not touch that now have errors. */
  otherPostsWithErrors: { file: string; errors: number }[];
  calendar: ReviewWeek[];
  /** Where the pull request stands with the approval plan.config.yaml requires; absent when none is required. */
  approval?: ReviewApproval;
}

/**
 * The pull request's approval, as plan publish will judge it once merged: `approved` on its last
 * commit by a listed reviewer who did not write it; `waiting` for one (with why); `unchecked` when
 * this run could not read the reviews on GitHub.
 */
export interface ReviewApproval {
  state: 'approved' | 'waiting' | 'unchecked';
  message: string;
  /** The reviewers whose approval counts, when approved. */
  by?: string;
  pullRequest?: { number: number; url: string };
}

export interface ReviewCounts {
  added: number;
  changed: number;
  renamed: number;
  deleted: number;
  /** Findings of the reviewed posts and changed plan files. */
  error: number;
  warning: number;
  info: number;
}

export interface ReviewFinding {
  rule: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  network: NetworkId | null;
  message: string;
  /** On a line this pull request added or changed: where `--format github` annotates. */
  onChangedLine: boolean;
}

/** A moment as reviewers read it. */
export interface When {
  /** ISO 8601, UTC. */
  utc: string;
  /** "Sat Dec 5, 2026, 9:00 AM EST" in the practice's time zone. */
  local: string;
  /** "in 3 days", "2 hours ago". */
  relative: string;
  past: boolean;
}

export type OutlookKind = 'on-merge' | 'missed' | 'scheduled' | 'blocked' | 'unapproved' | 'draft' | 'expired' | 'published' | 'failed' | 'no-time';

/** What will happen to a post once the pull request is merged. */
export interface Outlook {
  kind: OutlookKind;
  message: string;
  /** The networks it concerns (where it will publish, or where it will not). */
  networks: NetworkId[];
}

export interface PublishRecord {
  state: PublishState;
  /** When the state was reached, ISO. */
  at: string;
  url?: string;
}

export interface ReviewedNetwork {
  network: NetworkId;
  label: string;
  enabled: boolean;
  /** Exactly what the network receives, with PHI hidden. */
  text: string;
  from: 'body' | 'variant';
  /** Of the real text, PHI included: hiding does not change what is counted. */
  count: number;
  limit: number;
  unit: string;
  bytes?: { count: number; limit: number };
  /** The text split where the feed cuts it to "see more". */
  seeMore?: { visible: string; hidden: string };
  link?: { url: string; sent: boolean };
  media: MediaPreview[];
  findings: ReviewFinding[];
  /** The publish record's latest entry for this post on this network. */
  record?: PublishRecord;
}

export type PostChangeKind = 'added' | 'changed' | 'renamed';

export interface ReviewedPost {
  change: PostChangeKind;
  /** Why a post the pull request did not edit is here: an image it attaches changed. */
  mediaChanged?: string[];
  file: string;
  id: string;
  title?: string;
  status?: 'draft' | 'ready';
  /** `approved_by` in the post: a note for people; the pull request's approval is what counts. */
  approvedBy?: string;
  /** For a ready post where approval is required: the pull request's approval, which lets it publish. */
  approval?: ReviewApproval;
  publishAt?: When;
  expires?: When;
  outlook: Outlook;
  rename?: RenameNote;
  networks: ReviewedNetwork[];
  /** Findings that concern the post as a whole, not one network. */
  findings: ReviewFinding[];
  /** How many spans of text were hidden because a PHI finding covers them. */
  hiddenSpans: number;
  changedLines: LineSpan[];
}

export interface RenameNote {
  previousFile: string;
  previousId: string;
  idChanged: boolean;
  message: string;
}

export interface DeletedPost {
  file: string;
  id: string;
  publishAt?: When;
  networks: NetworkId[];
  records: ({ network: NetworkId } & PublishRecord)[];
  message: string;
}

export interface Alerts {
  /** Changes to where a network's calls go or whose account it is: the first thing a reviewer reads. */
  accountChanges: AccountChange[];
  publishOnMerge: PostAlert[];
  /** Ready posts more than 24 hours late: `plan publish` reports them missed instead. */
  missed: PostAlert[];
  /** Error findings that stop posts (or, in plan files, everything) from publishing. */
  blocking: { file: string; title?: string; errors: ReviewFinding[] }[];
  suppressedPhi: SuppressedPhi[];
}

export interface AccountChange {
  network: NetworkId;
  /** The field of plans/networks.yaml that changed; null when the whole account was added or removed. */
  field: string | null;
  before: string | null;
  after: string | null;
  message: string;
  /** The publish job would refuse the new endpoint (also an error of `plan audit`). */
  refused?: boolean;
}

export interface PostAlert {
  file: string;
  id: string;
  title?: string;
  publishAt: When;
  networks: NetworkId[];
  message: string;
}

export interface SuppressedPhi {
  file: string;
  title?: string;
  rule: string;
  line: number;
  network: NetworkId | null;
  message: string;
  reason: string;
  /** The line of the plan-disable comment. */
  suppressionLine: number;
  suppressedBy: { name: string; date?: string; committed: boolean } | null;
}

export interface ReviewWeek {
  /** Monday and Sunday, practice dates. */
  start: string;
  end: string;
  networks: { network: NetworkId; posts: number; target?: number; gap: boolean }[];
  /** The reviewed and deleted posts of this week. */
  posts: { file: string; title?: string; date: string; time: string; change: PostChangeKind | 'deleted' }[];
}
