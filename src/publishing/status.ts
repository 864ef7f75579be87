import type { AuditResult } from '../audit/index.js';
import { shownFields, statesOf, type NetworkState } from '../calendar/index.js';
import type { Post } from '../loading/post.js';
import type { NetworkId } from '../loading/schemas/index.js';
import { practiceTime } from '../review/when.js';

export type StatusState = 'published' | 'due' | 'scheduled' | 'failed' | 'unknown' | 'missed' | 'blocked' | 'held' | 'expired';

/** States that need a person: the table lists them first, whenever they are. */
export const ATTENTION_STATES: ReadonlySet<StatusState> = new Set(['unknown', 'held', 'failed', 'missed', 'blocked']);

export interface StatusRow {
  state: StatusState;
  file: string;
  post: string;
  /** The post's title, with what a PHI finding covers hidden. */
  title: string;
  network: NetworkId;
  /** Publish time (ISO, UTC). */
  at: string | null;
  /** The publish time in practice time: "Tue Dec 1, 2026, 9:00 AM EST". */
  local: string | null;
  url: string | null;
  /** When the record shows it published (ISO), for published rows. */
  publishedAt: string | null;
  /** Why it failed, what a person must check, or why it is held back. */
  detail: string | null;
  /** A person must act: it is held, failed, missed, or its outcome is unknown. */
  attention: boolean;
}

/** What `plan status` reports: the rows, and the clock they were judged at. */
export interface StatusReport {
  /** ISO, and in practice time. */
  now: string;
  nowLocal: string;
  timeZone: string;
  rows: StatusRow[];
}

export function statusReport(result: AuditResult, now: Date): StatusReport {
  const { timeZone } = result.project;
  return { now: now.toISOString(), nowLocal: practiceTime(now, timeZone), timeZone, rows: statusOf(result, now) };
}

/**
 * Every ready post × network with where it stands, as the publish record and the due policy (the
 * one `plan publish` acts on) give it. A post still to come that will be held back when its time
 * comes (an error, a missing approval) is `blocked` now, so it can be fixed before then.
 */
export function statusOf(result: AuditResult, now: Date): StatusRow[] {
  const rows: StatusRow[] = [];
  for (const post of result.posts) {
    if (post.frontmatter.status !== 'ready' || !post.publishAt) continue;
    const title = shownTitle(post, result);
    const at = post.publishAt.instant;
    for (const state of statesOf(post, { project: result.project, record: result.record, findings: result.findings, now })) {
      const status = statusFrom(state);
      rows.push({
        state: status,
        file: post.file,
        post: post.id,
        title,
        network: state.network,
        at: at.toISOString(),
        local: practiceTime(at, result.project.timeZone),
        url: state.url ?? null,
        publishedAt: state.publishedAt ?? null,
        detail: state.detail ?? null,
        attention: ATTENTION_STATES.has(status),
      });
    }
  }
  // Each post's networks stay in the order the post names them.
  return rows.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? '') || a.file.localeCompare(b.file));
}

function statusFrom(state: NetworkState): StatusState {
  switch (state.state) {
    case 'planned':
    case 'draft':
      return 'scheduled';
    case 'held':
      return state.safety ? 'held' : 'blocked';
    default:
      return state.state;
  }
}

function shownTitle(post: Post, result: AuditResult): string {
  return shownFields(post, result.project, [...result.findings, ...result.suppressed]).title ?? post.id;
}
