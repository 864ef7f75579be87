/**
 * `plan insights --fetch`: reads fresh figures of every published post × network from each network's
 * API and appends one snapshot per publication to `.plan/metrics.jsonl`, where the publish record
 * lives (the working tree, or with `--commit` the record branch of the remote).
 *
 * Each network is read by its own reader (publishing/<network>/metrics.ts), all at once: one network
 * failing (a refused token, an API down) never stops the others, and what was read is kept. Calls
 * are paced by the networks' rate-limit headers: a call waits for a spent limit to reset when that is
 * within PLAN_MAX_WAIT_MS, and a 429 is waited out the same way; a failed read is tried again twice.
 */
import path from 'node:path';
import { CallError } from '../http/errors.js';
import { httpClientFor, parseJson, sleep, type HttpClient, type HttpRequest, type HttpResponse } from '../http/client.js';
import { METRICS_FILE, METRICS_JOURNAL_FILE, type Metrics, type MetricsSnapshot } from '../loading/metrics.js';
import { readRecord, type RecordEntry } from '../loading/record.js';
import { loadRepository } from '../loading/repository.js';
import { NETWORK_IDS, type NetworkId, type NetworksPlan } from '../loading/schemas/index.js';
import { missingCredentials } from '../networks/credentials.js';
import { endpointOf, endpointProblem } from '../networks/endpoints.js';
import { profileFor } from '../networks/index.js';
import { failureOf, type NetworkErrors } from './base.js';
import { appendLinesDurably, appendToRecordBranch, refreshRecordBranch } from './record.js';
import type { AccountOf } from './types.js';

/** One published post on one network, to read the figures of. */
export interface MetricsTarget {
  post: string;
  remoteId: string;
  publishedAt: Date;
}

/** What a reader read: figures by remote id (a publication left out had none to give), and what went wrong on the way. */
export interface ReadResult {
  metrics: Map<string, Metrics>;
  /** Reads that failed while others went on (a batch, one post): each a message for a person, never a secret. */
  problems: string[];
}

export interface MetricsReader {
  read(targets: readonly MetricsTarget[]): Promise<ReadResult>;
}

export interface MetricsReaderOptions<N extends NetworkId> {
  account: AccountOf<N>;
  env: NodeJS.ProcessEnv;
  http: HttpClient;
  /** The account's base URL, already allowed by the endpoint check. */
  baseUrl: string;
  now: Date;
  calls: CallPolicy;
}

interface ReaderModule {
  createMetricsReader(options: MetricsReaderOptions<NetworkId>): MetricsReader;
}

export type FetchEvent = { kind: 'progress'; line: string } | { kind: 'problem'; line: string };

export interface FetchOptions {
  cwd: string;
  now: Date;
  env: NodeJS.ProcessEnv;
  /** Keep the figures on the record branch of the remote, next to the publish record. */
  commit: boolean;
  report(event: FetchEvent): void;
}

export interface FetchSummary {
  snapshots: number;
  /** Networks some of whose figures could not be read. */
  failedNetworks: number;
}

/** Reads the figures of every publication the record shows, network by network, and keeps them. */
export async function fetchMetrics(options: FetchOptions): Promise<FetchSummary> {
  const repository = await loadRepository(options.cwd);
  const root = repository.root;
  if (options.commit) await refreshRecordBranch(root);
  const record = options.commit ? await readRecord(root) : repository.record;
  const networks = repository.project.networks.data ?? {};
  const targets = targetsByNetwork(record.entries, networks);
  if (targets.size === 0) {
    options.report({ kind: 'progress', line: 'The publish record shows no published post on a network of plans/networks.yaml: no figures to read.' });
    return { snapshots: 0, failedNetworks: 0 };
  }
  const http = httpClientFor(options.env);
  const results = await Promise.all([...targets].map(([network, those]) => readNetwork(network, those, networks[network]!, http, options)));
  const snapshots = results.flatMap((r) => r.snapshots);
  if (snapshots.length > 0) {
    const where = await keep(root, snapshots, options);
    options.report({ kind: 'progress', line: `Kept ${snapshots.length} snapshot(s) of figures in ${where}.` });
  }
  return { snapshots: snapshots.length, failedNetworks: results.filter((r) => r.failed).length };
}

/** Appends the snapshots where the publish record lives; says where. */
async function keep(root: string, snapshots: readonly MetricsSnapshot[], options: FetchOptions): Promise<string> {
  const lines = snapshots.map((s) => JSON.stringify(s));
  if (!options.commit) {
    appendLinesDurably(path.join(root, METRICS_FILE), lines);
    return METRICS_FILE;
  }
  const message = `plan insights: figures of ${lines.length} publication(s) read ${options.now.toISOString()}`;
  return `${METRICS_FILE} on ${await appendToRecordBranch(root, { file: METRICS_FILE, journal: METRICS_JOURNAL_FILE, lines, message })}`;
}

/** The publications to read on each enabled network: the latest record line of the post × network says published, with the post's remote id. */
function targetsByNetwork(entries: readonly RecordEntry[], networks: NetworksPlan): Map<NetworkId, MetricsTarget[]> {
  const latest = new Map<string, RecordEntry>();
  for (const entry of entries) latest.set(`${entry.post}\t${entry.network}`, entry);
  const byNetwork = new Map<NetworkId, MetricsTarget[]>();
  for (const entry of latest.values()) {
    if (entry.state !== 'published' || !entry.remoteId || !NETWORK_IDS.includes(entry.network) || !networks[entry.network]) continue;
    const those = byNetwork.get(entry.network) ?? [];
    those.push({ post: entry.post, remoteId: entry.remoteId, publishedAt: new Date(entry.at) });
    byNetwork.set(entry.network, those);
  }
  return byNetwork;
}

async function readNetwork(
  network: NetworkId,
  targets: MetricsTarget[],
  account: NonNullable<NetworksPlan[NetworkId]>,
  http: HttpClient,
  options: FetchOptions,
): Promise<{ snapshots: MetricsSnapshot[]; failed: boolean }> {
  const label = profileFor(network).label;
  const problem = (line: string) => options.report({ kind: 'problem', line: http.redact(`${label}: ${line}`) });
  const refusal = whyNotRead(network, account, options.env);
  if (refusal) {
    problem(`figures not read: ${refusal}`);
    return { snapshots: [], failed: true };
  }
  const calls = new CallPolicy({
    maxWaitMs: numberFrom(options.env.PLAN_MAX_WAIT_MS, 5 * 60_000),
    retryDelayMs: numberFrom(options.env.PLAN_RETRY_DELAY_MS, 1000),
    log: (line) => options.report({ kind: 'progress', line: http.redact(`${label}: ${line}`) }),
  });
  try {
    const module = (await import(`./${network}/metrics.js`)) as ReaderModule;
    const reader = module.createMetricsReader({ account: account as never, env: options.env, http, baseUrl: endpointOf(network, account).baseUrl, now: options.now, calls });
    const result = await reader.read(targets);
    for (const line of result.problems) problem(line);
    const at = options.now.toISOString();
    const snapshots = targets.flatMap(({ post, remoteId }) => {
      const metrics = result.metrics.get(remoteId);
      return metrics && Object.keys(metrics).length > 0 ? [{ post, network, remoteId, at, metrics }] : [];
    });
    const none = targets.length - snapshots.length;
    options.report({ kind: 'progress', line: `${label}: read the figures of ${snapshots.length} of ${targets.length} publication(s)${none > 0 ? ` (${none} gave none: too new, removed, or out of the network's reach)` : ''}` });
    return { snapshots, failed: result.problems.length > 0 };
  } catch (error) {
    if (!(error instanceof CallError)) throw error;
    problem(`figures not read: ${error.message}`);
    return { snapshots: [], failed: true };
  }
}

/** Why a network's figures cannot be read this run: its credentials are missing, or its endpoint may not receive them. */
function whyNotRead(network: NetworkId, account: NonNullable<NetworksPlan[NetworkId]>, env: NodeJS.ProcessEnv): string | undefined {
  const missing = missingCredentials(network, env);
  if (missing.length > 0) return `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set (the same credentials publishing uses)`;
  return endpointProblem(endpointOf(network, account), env);
}

function numberFrom(text: string | undefined, fallback: number): number {
  const value = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

// ---- what the readers share

/** What a network's rate-limit headers say of the limit a call counted against. */
export interface LimitState {
  remaining?: number;
  /** When the limit resets, in ms since the epoch. */
  resetAt?: number;
}

export interface CallPolicyOptions {
  /** The longest wait for a rate limit before giving up the rest of the network's reads this run. */
  maxWaitMs: number;
  /** The wait before trying a failed read again (doubled the second time). */
  retryDelayMs: number;
  log(line: string): void;
}

/** How readers call: paced by the limits the last answer told, a 429 waited out, a failed read tried again twice. */
export class CallPolicy {
  private resetAt: number | undefined;

  constructor(private readonly options: CallPolicyOptions) {}

  /** Runs one read under the policy. */
  async run<T>(what: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await this.waitForReset(what);
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof CallError)) throw error;
        if (error.kind === 'rate-limited') {
          this.resetAt = Date.now() + (error.waitMs ?? this.options.maxWaitMs + 1);
          if (attempt <= 3) continue;
        }
        if (error.kind === 'retryable' && attempt <= 2) {
          this.options.log(`${error.message}; trying again`);
          await sleep(this.options.retryDelayMs * attempt);
          continue;
        }
        throw error;
      }
    }
  }

  /** Notes what an answer's rate-limit headers said: a spent limit makes the next call wait for its reset. */
  note(limit: LimitState): void {
    this.resetAt = limit.remaining === 0 && limit.resetAt !== undefined ? limit.resetAt : undefined;
  }

  private async waitForReset(what: string): Promise<void> {
    if (this.resetAt === undefined) return;
    const wait = this.resetAt - Date.now();
    this.resetAt = undefined;
    if (wait <= 0) return;
    if (wait > this.options.maxWaitMs) {
      throw new CallError('rate-limited', `the rate limit is spent until ${new Date(Date.now() + wait).toISOString()}, longer than PLAN_MAX_WAIT_MS allows: ${what} was left for the next run`, wait);
    }
    this.options.log(`rate limit spent: waiting ${Math.ceil(wait / 1000)} s before ${what}`);
    await sleep(wait);
  }
}

/**
 * One read over HTTP: paced and retried by the policy, its rate-limit headers noted, an unsuccessful
 * answer turned into the network's CallError; the body as JSON.
 */
export async function readJson<T>(
  options: { http: HttpClient; calls: CallPolicy; errors: NetworkErrors; limits?: (headers: Record<string, string>) => LimitState },
  what: string,
  request: () => Promise<HttpRequest> | HttpRequest,
): Promise<T> {
  return options.calls.run(what, async () => {
    const response: HttpResponse = await options.http.send(await request());
    if (options.limits) options.calls.note(options.limits(response.headers));
    if (response.status < 200 || response.status > 299) throw failureOf(response, 'read', what, options.errors, options.http);
    const body = parseJson<T>(response);
    if (body === undefined) throw new CallError('retryable', `${options.errors.label} answered ${what} with a body that is not JSON`);
    return body;
  });
}

/** Figures from named counts, each kept only when the network gave a whole number of 0 or more. */
export function countsOf(pairs: readonly [keyof Metrics, unknown][]): Metrics {
  const metrics: Metrics = {};
  for (const [name, value] of pairs) if (typeof value === 'number' && Number.isFinite(value) && value >= 0) metrics[name] = value;
  return metrics;
}

/** Two counts that make one figure (reposts and quotes make shares): their sum, or the one given, or absent. */
export function sumOf(...values: unknown[]): number | undefined {
  const given = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0);
  return given.length === 0 ? undefined : given.reduce((a, b) => a + b, 0);
}

/** The items in groups of `size`, for APIs that read many ids per call. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}
