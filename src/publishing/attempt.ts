import { CallError } from '../http/errors.js';
import type { PublishState, RecordEntry } from '../loading/record.js';
import type { PreparedPost } from '../networks/prepare.js';
import type { RecordHome } from './record.js';
import type { Publisher } from './types.js';

export interface AttemptSettings {
  /** Where results and checkpoints are recorded; the run has already claimed the post there. */
  home: RecordHome;
  /** The run's id, written on every line it records. */
  run: string;
  /** Tries for a step that is safe to repeat (connection refused before sending, media uploads). */
  maxTries: number;
  retryDelayMs: number;
  /** Longest rate-limit wait to sit out; a longer one leaves the post for the next run. */
  maxWaitMs: number;
  /** The moment (the machine's own clock, in ms) after which the run makes no create call. */
  deadline: number;
  /** The `until` of the run's claims, in the record's time: after it, another run may take them over; none on one disk. */
  until?: string;
  /** The time written on record lines: the real clock, or `--now`. */
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
  /** Removes any credential from text before it is printed or recorded. */
  redact: (text: string) => string;
}

export type Outcome =
  | { state: 'published'; url: string; settled: boolean }
  | { state: 'failed' | 'unknown' | 'postponed'; detail: string };

/**
 * One post on one network, which the run has claimed in the record: settle an earlier outcome that is
 * not known, else publish, recording every result as it happens.
 */
export async function attempt(publisher: Publisher, post: PreparedPost, previous: RecordEntry | undefined, settings: AttemptSettings): Promise<Outcome> {
  const record = (state: PublishState, extra: Partial<RecordEntry> = {}) => settings.home.append([entryFor(post, state, settings, extra)]);
  if (previous && (previous.state === 'attempting' || previous.state === 'unknown')) {
    const settled = await settle(publisher, post, settings.redact);
    if (settled instanceof CallError) {
      // A refused token is the one thing to fix; anything else leaves the earlier outcome unknown.
      if (settled.kind === 'credentials') return { state: 'failed', detail: settled.message };
      return { state: 'unknown', detail: previous.detail ?? `an earlier run may have published it and the account could not be checked (${settled.message})` };
    }
    if (settled) {
      await record('published', { remoteId: settled.remoteId, url: settled.url, detail: 'found on the account: an earlier run had published it' });
      return { state: 'published', url: settled.url, settled: true };
    }
  }
  let checkpoint = post.checkpoint;
  const withCheckpoint = (extra: Partial<RecordEntry> = {}) => (checkpoint ? { ...extra, checkpoint } : extra);
  const hooks = {
    // Progress the next step depends on (Instagram's container) must be where the record lives before that step.
    checkpoint: async (values: Record<string, string>) => {
      checkpoint = { ...checkpoint, ...values };
      await record('attempting', withCheckpoint(settings.until ? { until: settings.until } : {}));
      await settings.home.flush();
    },
    log: settings.log,
  };
  for (let tries = 1; ; tries++) {
    if (Date.now() >= settings.deadline) return { state: 'postponed', detail: "this run's time is up before it could send it" };
    try {
      const published = await publisher.publish(post, hooks);
      await record('published', { remoteId: published.remoteId, url: published.url });
      return { state: 'published', url: published.url, settled: false };
    } catch (error) {
      const failure = asCallError(error, settings.redact);
      const wait = retryWait(failure, tries, settings);
      if (wait !== undefined) {
        settings.log(`${post.network}: ${failure.message}; trying again in ${Math.ceil(wait / 1000)} s`);
        await settings.sleep(wait);
        continue;
      }
      return finish(failure, (state, extra) => record(state, withCheckpoint(extra)));
    }
  }
}

async function settle(publisher: Publisher, post: PreparedPost, redact: (text: string) => string) {
  try {
    return await publisher.findExisting(post);
  } catch (error) {
    return asCallError(error, redact);
  }
}

function retryWait(failure: CallError, tries: number, settings: AttemptSettings): number | undefined {
  const remaining = settings.deadline - Date.now();
  const fits = (wait: number) => wait <= settings.maxWaitMs && wait < remaining;
  if (failure.kind === 'retryable' && tries < settings.maxTries) return fitting(settings.retryDelayMs * 2 ** (tries - 1), fits);
  if (failure.kind === 'rate-limited' && tries < settings.maxTries + 2) return fitting(failure.waitMs ?? settings.retryDelayMs, fits);
  return undefined;
}

const fitting = (wait: number, fits: (wait: number) => boolean) => (fits(wait) ? wait : undefined);

async function finish(failure: CallError, record: (state: PublishState, extra?: Partial<RecordEntry>) => Promise<void>): Promise<Outcome> {
  switch (failure.kind) {
    case 'ambiguous':
      await record('unknown', { detail: failure.message });
      return { state: 'unknown', detail: failure.message };
    case 'final':
      await record('failed', { detail: failure.message });
      return { state: 'failed', detail: failure.message };
    case 'credentials':
      // The post is not at fault: its claim stays, and the run after the credentials are fixed settles and sends it.
      return { state: 'failed', detail: failure.message };
    default:
      // Nothing final happened: the claim stays, and the next run settles and retries it.
      return { state: 'postponed', detail: failure.message };
  }
}

function asCallError(error: unknown, redact: (text: string) => string): CallError {
  if (error instanceof CallError) return new CallError(error.kind, redact(error.message), error.waitMs);
  return new CallError('ambiguous', redact(`unexpected failure while publishing: ${(error as Error)?.message ?? String(error)}`));
}

/** A line of the record about this post, written by this run. */
export function entryFor(post: PreparedPost, state: PublishState, settings: Pick<AttemptSettings, 'run' | 'clock'>, extra: Partial<RecordEntry> = {}): RecordEntry {
  return { post: post.postId, network: post.network, state, at: settings.clock().toISOString(), fingerprint: post.fingerprint, file: post.file, run: settings.run, ...extra };
}
