import type { PublishEvent, PublishSummary } from '../publishing/run.js';

const hours = (ms: number) => Math.round(ms / 3_600_000);

/** The line (or lines) a person reads in the job log for one thing a publish run did. */
export function formatPublishEvent(event: PublishEvent): string {
  switch (event.kind) {
    case 'nothing-due':
      return 'nothing is due\n';
    case 'record':
      return `${event.line}\n`;
    case 'progress':
      return `         ${event.line}\n`;
    case 'not-started':
      return `FAILED   ${where(event.post)}: ${event.reason}\n`;
    case 'would-send':
      return wouldSend(event);
    case 'outcome':
      return outcomeLine(event);
    case 'verdict':
      return verdictLine(event.verdict);
  }
}

function where(post: { network: string; file: string }): string {
  return `${post.network}: ${post.file}`;
}

function wouldSend(event: Extract<PublishEvent, { kind: 'would-send' }>): string {
  const settle = event.settlesFirst ? ' (an earlier run may have sent it: it would first check the account)' : '';
  const lines = [`WOULD SEND ${where(event.post)}${settle}`, ...event.shownText.split('\n').map((line) => `    │ ${line}`)];
  event.post.media.forEach((media, index) => {
    const alt = event.shownAlts[index];
    lines.push(`    + ${media.file}${alt ? ` (alt: ${alt})` : ' (no alt text)'}`);
  });
  return `${lines.join('\n')}\n`;
}

function outcomeLine({ post, outcome }: Extract<PublishEvent, { kind: 'outcome' }>): string {
  switch (outcome.state) {
    case 'published':
      return `${outcome.settled ? 'SETTLED ' : 'PUBLISHED'} ${where(post)} → ${outcome.url}\n`;
    case 'failed':
      return `FAILED   ${where(post)}: ${outcome.detail}\n`;
    case 'unknown':
      return `UNKNOWN  ${where(post)}: ${outcome.detail}. Check the account: if the post is there, nothing to do (the next run records it); plan will not send it again until it knows\n`;
    case 'postponed':
      return `LATER    ${where(post)}: ${outcome.detail}; the next run tries again\n`;
  }
}

function verdictLine(verdict: Extract<PublishEvent, { kind: 'verdict' }>['verdict']): string {
  const at = where(verdict.post);
  switch (verdict.kind) {
    case 'missed':
      return `MISSED   ${at} is ${hours(verdict.late)} hours late: not published. Give it a new publish_at, or run "plan publish --catch-up" to send it anyway\n`;
    case 'held':
      return `HELD     ${at}: ${verdict.reason}\n`;
    case 'blocked':
      return `BLOCKED  ${at}: ${verdict.reason}\n`;
    case 'failed':
      return `FAILED   ${at} failed earlier (${verdict.previous.detail ?? 'no detail'}): change the post to try again\n`;
    case 'renamed':
      return `SKIPPED  ${at}: the same text was already published as "${verdict.twin.post}" (${verdict.twin.url ?? verdict.twin.remoteId ?? ''}); recorded as published, not sent again\n`;
  }
}

export function formatPublishSummary(summary: PublishSummary): string {
  return `published ${summary.published}, failed ${summary.failed}, unknown ${summary.unknown}, missed ${summary.missed}, held ${summary.held}, blocked ${summary.blocked}, not sent ${summary.notSent}\n`;
}
