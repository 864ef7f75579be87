import { randomUUID } from 'node:crypto';
import { judgePosts, type Approval, type Verdict } from '../audit/due.js';
import { auditRepository, type AuditResult } from '../audit/index.js';
import { phiHider } from '../audit/hide.js';
import { CallError } from '../http/errors.js';
import { httpClientFor, sleep, type HttpClient } from '../http/client.js';
import { createLimiter } from '../loading/limiter.js';
import { readRecord, type RecordEntry } from '../loading/record.js';
import { loadRepository } from '../loading/repository.js';
import type { NetworkId, NetworksPlan } from '../loading/schemas/index.js';
import { missingCredentials } from '../networks/credentials.js';
import { endpointOf, endpointProblem } from '../networks/endpoints.js';
import { profileFor } from '../networks/index.js';
import type { PreparedPost } from '../networks/prepare.js';
import { isPhiRule } from '../rules/types.js';
import { packageVersion } from '../util/package.js';
import { approvalsForRun } from './approvals.js';
import { attempt, entryFor, type AttemptSettings, type Outcome } from './attempt.js';
import { lockCheckout } from './lock.js';
import { loadPublisher } from './publishers.js';
import { openBranchHome, workingTreeHome, type RecordHome } from './record.js';
import type { Publisher } from './types.js';

export interface PublishOptions {
  cwd: string;
  /** The time to judge what is due at. */
  now: Date;
  /** The time written on record lines (the real clock, or `--now` when given). */
  clock: () => Date;
  dryRun: boolean;
  catchUp: boolean;
  /** Keep the record on the remote's record branch: claims before any create call, results after. */
  commit: boolean;
  network?: NetworkId;
  env: NodeJS.ProcessEnv;
  /** Receives what happens, as it happens (formats/publish.ts writes it for people). */
  report: (event: PublishEvent) => void;
}

type Due = Extract<Verdict, { kind: 'due' }>;

/** What a run tells as it goes. Texts are hidden where a PHI finding covers them; no secret is ever part of one. */
export type PublishEvent =
  | { kind: 'nothing-due' }
  | { kind: 'verdict'; verdict: Exclude<Verdict, Due> }
  | { kind: 'would-send'; post: PreparedPost; shownText: string; shownAlts: (string | undefined)[]; settlesFirst: boolean }
  | { kind: 'not-started'; post: PreparedPost; reason: string }
  | { kind: 'outcome'; post: PreparedPost; outcome: Outcome }
  | { kind: 'progress'; line: string }
  | { kind: 'record'; line: string };

export interface PublishSummary {
  root: string;
  published: number;
  failed: number;
  unknown: number;
  /** Due posts not sent this run (dry run, a long rate-limit wait, the run's time up). */
  notSent: number;
  missed: number;
  /** Due posts held back for safety: the record cannot tell whether they went out, or another run is sending them. */
  held: number;
  /** Due posts held back by an error finding or a missing approval: someone must fix them. */
  blocked: number;
}

const MAX_CALLS_IN_FLIGHT = 4;
// Approvals are asked for every post the run may send; one it did not ask about is not approved.
const NOT_ASKED: Approval = { approved: false, reason: 'not approved: its approval was not checked in this run' };
const CLAIM_TRIES = 5;

/**
 * Publishes what is due, exactly once: one run at a time per checkout (a lock), each post claimed in the
 * record before its create call (with --commit, on the remote, which decides between runs), every
 * result recorded as it happens.
 */
export async function publishDue(options: PublishOptions): Promise<PublishSummary> {
  const clock = options.clock;
  const repository = await loadRepository(options.cwd);
  const release = options.dryRun ? () => {} : lockCheckout(repository.root);
  try {
    const run = `run-${clock().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 8)}`;
    const home = options.dryRun ? undefined : options.commit ? await openBranchHome(repository.root, { run }) : workingTreeHome(repository.root);
    // With --commit the record was fetched just now: read it again so the judging sees the remote's latest.
    const result = await auditRepository({ ...repository, record: home ? await readRecord(repository.root) : repository.record }, { cwd: repository.root, now: options.now, env: options.env });
    const summary: PublishSummary = { root: repository.root, published: 0, failed: 0, unknown: 0, notSent: 0, missed: 0, held: 0, blocked: 0 };
    for (const damaged of result.record.damaged) options.report({ kind: 'record', line: `warning: ${damaged.source} line ${damaged.line} could not be read: the posts it may be about are held until it is repaired` });
    const approvals = await approvalsForRun(result, { now: options.now, env: options.env, userAgent: `plan/${packageVersion()}`, ...(options.network ? { network: options.network } : {}) });
    const approvalOf = approvals ? { approvalOf: (post: { file: string }) => approvals.get(post.file) ?? NOT_ASKED } : {};
    const judge = (record: AuditResult['record']) => judgePosts(result.posts, { ...result, record, now: options.now, run, catchUp: options.catchUp, ...approvalOf, ...(options.network ? { network: options.network } : {}) });
    if (!home) return dryRun(judge(result.record), result, summary, options);
    await publishClaimed(judge, result, summary, { ...options, home: namingApprovers(home, approvals), run, clock });
    return summary;
  } finally {
    release();
  }
}

function dryRun(verdicts: Verdict[], result: AuditResult, summary: PublishSummary, options: PublishOptions): PublishSummary {
  const due = tally(verdicts, summary, options);
  for (const { post, previous } of due) options.report({ kind: 'would-send', post, ...shownParts(post, result), settlesFirst: previous !== undefined });
  summary.notSent = due.length;
  return summary;
}

/** Reports every verdict that is not "due", counts it, and returns the due ones. */
function tally(verdicts: Verdict[], summary: PublishSummary, options: Pick<PublishOptions, 'report'>): Due[] {
  const due: Due[] = [];
  for (const verdict of verdicts) {
    if (verdict.kind === 'due') {
      due.push(verdict);
      continue;
    }
    options.report({ kind: 'verdict', verdict });
    if (verdict.kind === 'missed') summary.missed++;
    else if (verdict.kind === 'held') summary.held++;
    else if (verdict.kind === 'blocked') summary.blocked++;
    else if (verdict.kind === 'failed') summary.failed++;
  }
  if (due.length === 0 && verdicts.length === 0) options.report({ kind: 'nothing-due' });
  return due;
}

/** The text and alt texts of a post as output may show them: what a PHI finding covers is hidden. */
function shownParts(post: PreparedPost, result: AuditResult): { shownText: string; shownAlts: (string | undefined)[] } {
  const source = result.posts.find((p) => p.file === post.file);
  if (!source) return { shownText: post.text, shownAlts: post.media.map((m) => m.alt) };
  const phi = [...result.findings, ...result.suppressed].filter((f) => f.file === post.file && isPhiRule(f.rule));
  const hider = phiHider(source, result.project, phi);
  return {
    shownText: hider.networkText(post.network, post.text).text,
    shownAlts: post.media.map((m, index) => (m.alt === undefined ? undefined : hider.field(m.alt, source.locate(['media', index, 'alt'])))),
  };
}

interface RunSettings extends PublishOptions {
  home: RecordHome;
  run: string;
  clock: () => Date;
}

async function publishClaimed(judge: (record: AuditResult['record']) => Verdict[], result: AuditResult, summary: PublishSummary, settings: RunSettings): Promise<void> {
  const http = httpClientFor(settings.env);
  const budget = numberFrom(settings.env.PLAN_RUN_DEADLINE_MS, 10 * 60_000);
  const deadline = Date.now() + budget;
  // On the remote, a claim holds other runs off until the run's time is up; on one disk the lock already does.
  const until = settings.commit ? new Date(settings.clock().getTime() + budget).toISOString() : undefined;
  const publishers = new Map<NetworkId, Publisher | CallError>();
  let record = result.record;
  for (let tries = 1; ; tries++) {
    const verdicts = judge(record);
    const { ready, notStarted } = await startable(verdicts, result, publishers, http, settings);
    const claims = ready.map(({ post }) => entryFor(post, 'attempting', settings, until ? { until } : {}));
    if (claims.length === 0 || (await settings.home.claim(claims)) === 'claimed') {
      tally(verdicts, summary, settings);
      for (const { post, reason } of notStarted) settings.report({ kind: 'not-started', post, reason });
      summary.failed += notStarted.length;
      await recordRenamed(verdicts, settings);
      if (claims.length > 0) settings.report({ kind: 'record', line: `claimed ${claims.length} post(s) in the record on ${settings.home.where} before sending` });
      await sendAll(ready, publishers, summary, { ...settings, http, deadline, ...(until ? { until } : {}) });
      break;
    }
    if (tries >= CLAIM_TRIES) throw new CallError('final', `other publish runs kept writing the record first (${CLAIM_TRIES} tries): nothing was sent; the next run tries again`);
    settings.report({ kind: 'record', line: 'another publish run wrote the record first: reading it again' });
    record = await readRecord(summary.root);
  }
  await settings.home.flush();
}

/**
 * The due posts whose network can be published to this run: its publisher starts (credentials set, its
 * endpoint allowed). The others are never claimed, so a missing token leaves no trace in the record.
 */
async function startable(verdicts: Verdict[], result: AuditResult, publishers: Map<NetworkId, Publisher | CallError>, http: HttpClient, settings: RunSettings) {
  const ready: Due[] = [];
  const notStarted: { post: PreparedPost; reason: string }[] = [];
  for (const verdict of verdicts) {
    if (verdict.kind !== 'due') continue;
    const network = verdict.post.network;
    if (!publishers.has(network)) publishers.set(network, await openPublisher(network, result.project.networks.data?.[network], settings.env, http));
    const publisher = publishers.get(network)!;
    if (publisher instanceof CallError) notStarted.push({ post: verdict.post, reason: publisher.message });
    else ready.push(verdict);
  }
  return { ready, notStarted };
}

/** The record as this run writes it: a published line names who approved the post, and the pull request. */
function namingApprovers(home: RecordHome, approvals: Map<string, Approval> | undefined): RecordHome {
  if (!approvals) return home;
  const named = (entry: RecordEntry): RecordEntry => {
    const approval = approvals.get(entry.file);
    if (entry.state !== 'published' || !approval?.approved || !approval.by) return entry;
    return { ...entry, approvedBy: approval.by, ...(approval.pullRequest ? { pullRequest: approval.pullRequest.url } : {}) };
  };
  return {
    where: home.where,
    claim: (entries) => home.claim(entries),
    append: (entries) => home.append(entries.map(named)),
    flush: () => home.flush(),
  };
}

/** A post renamed with its text unchanged is the one already published: the record says so under its new id. */
async function recordRenamed(verdicts: Verdict[], settings: RunSettings): Promise<void> {
  const renamed = verdicts.filter((v): v is Extract<Verdict, { kind: 'renamed' }> => v.kind === 'renamed');
  const at = settings.clock().toISOString();
  await settings.home.append(
    renamed.map(({ post, twin }) => ({ ...twin, post: post.postId, file: post.file, at, run: settings.run, detail: `same text as ${twin.post}, published ${twin.at}` })),
  );
}

async function sendAll(ready: Due[], publishers: Map<NetworkId, Publisher | CallError>, summary: PublishSummary, settings: RunSettings & { http: HttpClient; deadline: number; until?: string }): Promise<void> {
  const limit = createLimiter(MAX_CALLS_IN_FLIGHT);
  const attemptSettings: AttemptSettings = {
    home: settings.home,
    run: settings.run,
    maxTries: 3,
    retryDelayMs: numberFrom(settings.env.PLAN_RETRY_DELAY_MS, 1000),
    maxWaitMs: numberFrom(settings.env.PLAN_MAX_WAIT_MS, 5 * 60_000),
    deadline: settings.deadline,
    ...(settings.until ? { until: settings.until } : {}),
    clock: settings.clock,
    sleep,
    log: (line) => settings.report({ kind: 'progress', line: settings.http.redact(line) }),
    redact: (text) => settings.http.redact(text),
  };
  const byNetwork = new Map<NetworkId, Due[]>();
  for (const verdict of ready) byNetwork.set(verdict.post.network, [...(byNetwork.get(verdict.post.network) ?? []), verdict]);
  await Promise.all(
    [...byNetwork].map(async ([network, verdicts]) => {
      const publisher = publishers.get(network) as Publisher;
      for (const verdict of verdicts) {
        const outcome = await limit(() => attempt(publisher, verdict.post, verdict.previous, attemptSettings));
        count(outcome, summary);
        settings.report({ kind: 'outcome', post: verdict.post, outcome });
      }
    }),
  );
}

/** The network's publisher, or why it cannot publish this run: credentials missing, or an endpoint the run may not send them to. */
async function openPublisher(network: NetworkId, account: NetworksPlan[NetworkId], env: NodeJS.ProcessEnv, http: HttpClient): Promise<Publisher | CallError> {
  const missing = missingCredentials(network, env);
  if (missing.length > 0) return new CallError('credentials', `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: ${profileFor(network).label} needs ${missing.length === 1 ? 'it' : 'them'} to publish (set ${missing.length === 1 ? 'it' : 'them'} as CI secrets)`);
  const refused = account ? endpointProblem(endpointOf(network, account), env) : undefined;
  if (refused) return new CallError('credentials', `plan will not publish to ${profileFor(network).label}: ${refused}`);
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

function numberFrom(text: string | undefined, fallback: number): number {
  const value = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** 3 when an outcome is unknown or a post is held for safety, 1 when something failed, was missed or is blocked, else 0. */
export function publishExitCode(summary: PublishSummary): number {
  if (summary.unknown > 0 || summary.held > 0) return 3;
  if (summary.failed > 0 || summary.missed > 0 || summary.blocked > 0) return 1;
  return 0;
}
