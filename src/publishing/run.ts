import { audit } from '../audit/index.js';
import type { NetworkId } from '../loading/schemas/index.js';
import { loadPublisher } from './publishers.js';
import { attempt, type Outcome } from './attempt.js';
import { judgePosts, type Verdict } from '../audit/due.js';
import { HttpClient, sleep } from '../http/client.js';
import { createLimiter } from '../loading/limiter.js';
import { type Publisher } from './types.js';
import { CallError } from '../http/errors.js';
import { appendEntry } from './record.js';

export interface PublishOptions {
  cwd: string;
  now?: Date;
  dryRun: boolean;
  catchUp: boolean;
  network?: NetworkId;
  env: NodeJS.ProcessEnv;
  /** Prints one line of progress or result. */
  out: (line: string) => void;
}

export interface PublishSummary {
  root: string;
  published: number;
  failed: number;
  unknown: number;
  /** Due posts not sent this run (dry run, a long rate-limit wait, missing credentials). */
  notSent: number;
  missed: number;
  /** Due posts held back for safety: the record cannot tell whether they went out, or another run is sending them. */
  held: number;
  /** Due posts held back by an error finding: someone must fix them. */
  blocked: number;
}

const MAX_CALLS_IN_FLIGHT = 4;

export async function publishDue(options: PublishOptions): Promise<PublishSummary> {
  const now = options.now ?? new Date();
  const result = await audit({ cwd: options.cwd, now });
  for (const damaged of result.record.damaged) options.out(`warning: ${damaged.source} line ${damaged.line} could not be read: the posts it may be about are held until it is repaired`);
  const verdicts = judgePosts(result.posts, { ...result, now, catchUp: options.catchUp, ...(options.network ? { network: options.network } : {}) });
  const summary: PublishSummary = { root: result.root, published: 0, failed: 0, unknown: 0, notSent: 0, missed: 0, blocked: 0, held: 0 };
  await reportSkipped(verdicts, summary, result.root, now, options);
  const due = verdicts.filter((v): v is Extract<Verdict, { kind: 'due' }> => v.kind === 'due');
  if (due.length === 0) options.out('nothing is due');
  if (options.dryRun) {
    for (const verdict of due) printDryRun(verdict, options.out);
    summary.notSent = due.length;
    return summary;
  }
  await publishAll(due, result.project.networks.data ?? {}, summary, { ...options, now: options.now });
  return summary;
}

async function reportSkipped(verdicts: Verdict[], summary: PublishSummary, root: string, now: Date, options: PublishOptions): Promise<void> {
  for (const verdict of verdicts) {
    const where = `${verdict.post.network}: ${verdict.post.file}`;
    if (verdict.kind === 'missed') {
      summary.missed++;
      options.out(`MISSED   ${where} is ${Math.round(verdict.late / 3_600_000)} hours late: not published. Give it a new publish_at, or run "plan publish --catch-up" to send it anyway`);
    } else if (verdict.kind === 'held') {
      summary.held++;
      options.out(`HELD     ${where}: ${verdict.reason}`);
    } else if (verdict.kind === 'blocked') {
      summary.blocked++;
      options.out(`BLOCKED  ${where}: ${verdict.reason}`);
    } else if (verdict.kind === 'failed') {
      summary.failed++;
      options.out(`FAILED   ${where} failed earlier (${verdict.previous.detail ?? 'no detail'}): change the post to try again`);
    } else if (verdict.kind === 'renamed') {
      const twin = verdict.twin;
      await appendEntry(root, { ...twin, post: verdict.post.postId, file: verdict.post.file, at: now.toISOString(), detail: `same text as ${twin.post}, published ${twin.at}` });
      options.out(`SKIPPED  ${where}: the same text was already published as "${twin.post}" (${twin.url ?? twin.remoteId ?? ''}); recorded as published, not sent again`);
    }
  }
}

function printDryRun(verdict: Extract<Verdict, { kind: 'due' }>, out: (line: string) => void): void {
  const { post, previous } = verdict;
  const settle = previous ? ` (an earlier run left it ${previous.state}: it would first check the account)` : '';
  out(`WOULD SEND ${post.network}: ${post.file}${settle}`);
  for (const line of post.text.split('\n')) out(`    │ ${line}`);
  for (const media of post.media) out(`    + ${media.file}${media.alt ? ` (alt: ${media.alt})` : ' (no alt text)'}`);
}

async function publishAll(due: Extract<Verdict, { kind: 'due' }>[], accounts: Record<string, unknown>, summary: PublishSummary, options: PublishOptions): Promise<void> {
  const secrets = credentialValues(options.env);
  const http = new HttpClient({ secrets, timeoutMs: numberFrom(options.env.PLAN_HTTP_TIMEOUT_MS, 30_000) });
  const limit = createLimiter(MAX_CALLS_IN_FLIGHT);
  const byNetwork = new Map<NetworkId, typeof due>();
  for (const verdict of due) byNetwork.set(verdict.post.network, [...(byNetwork.get(verdict.post.network) ?? []), verdict]);
  const settings = {
    root: summary.root,
    maxTries: 3,
    retryDelayMs: numberFrom(options.env.PLAN_RETRY_DELAY_MS, 1000),
    maxWaitMs: numberFrom(options.env.PLAN_MAX_WAIT_MS, 15 * 60_000),
    clock: () => options.now ?? new Date(),
    sleep,
    log: (line: string) => options.out(`         ${http.redact(line)}`),
    redact: (text: string) => http.redact(text),
  };
  await Promise.all(
    [...byNetwork].map(async ([network, verdicts]) => {
      const publisher = await openPublisher(network, accounts[network], options.env, http);
      for (const verdict of verdicts) {
        const where = `${network}: ${verdict.post.file}`;
        if (publisher instanceof CallError) {
          summary.failed++;
          options.out(`FAILED   ${where}: ${publisher.message}`);
          continue;
        }
        const outcome = await limit(() => attempt(publisher, verdict.post, verdict.previous, settings));
        count(outcome, summary);
        options.out(describe(outcome, where));
      }
    }),
  );
}

async function openPublisher(network: NetworkId, account: unknown, env: NodeJS.ProcessEnv, http: HttpClient): Promise<Publisher | CallError> {
  try {
    return await loadPublisher(network, { account: account as never, env, http });
  } catch (error) {
    return error instanceof CallError ? error : new CallError('final', http.redact(`could not start the ${network} publisher: ${(error as Error).message}`));
  }
}

function count(outcome: Outcome, summary: PublishSummary): void {
  if (outcome.state === 'published') summary.published++;
  else if (outcome.state === 'failed') summary.failed++;
  else if (outcome.state === 'unknown') summary.unknown++;
  else summary.notSent++;
}

function describe(outcome: Outcome, where: string): string {
  switch (outcome.state) {
    case 'published':
      return `${outcome.settled ? 'SETTLED ' : 'PUBLISHED'} ${where} → ${outcome.url}`;
    case 'failed':
      return `FAILED   ${where}: ${outcome.detail}`;
    case 'unknown':
      return `UNKNOWN  ${where}: ${outcome.detail}. Check the account: if the post is there, nothing to do (the next run records it); plan will not send it again until it knows`;
    case 'postponed':
      return `LATER    ${where}: ${outcome.detail}; the next run tries again`;
  }
}

function credentialValues(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => name.startsWith('PLAN_') && /TOKEN|SECRET|KEY|PASSWORD/.test(name) && value)
    .map(([, value]) => value!);
}

function numberFrom(text: string | undefined, fallback: number): number {
  const value = Number(text);
  return text !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** 3 when an outcome is unknown or a post is held for safety, 1 when something failed, was missed or is blocked, else 0. */
export function publishExitCode(summary: PublishSummary): number {
  if (summary.unknown > 0 || summary.held > 0) return 3;
  if (summary.failed > 0 || summary.missed > 0 || summary.blocked > 0) return 1;
  return 0;
}
