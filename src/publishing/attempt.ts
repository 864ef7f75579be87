import type { NetworkId } from '../loading/schemas/index.js';
import { type Publisher } from './types.js';
import { CallError } from '../http/errors.js';
import { appendEntry } from './record.js';
import { type RecordEntry, type PublishState } from '../loading/record.js';
import { type PreparedPost } from '../networks/prepare.js';

export interface AttemptSettings {
  root: string;
  /** Tries for a step that is safe to repeat (connection refused before sending, media uploads). */
  maxTries: number;
  retryDelayMs: number;
  /** Longest rate-limit wait to sit out; a longer one leaves the post for the next run. */
  maxWaitMs: number;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
  /** Removes any credential from text before it is printed or recorded. */
  redact: (text: string) => string;
}

export type Outcome =
  | { state: 'published'; url: string; settled: boolean }
  | { state: 'failed' | 'unknown' | 'postponed'; detail: string };

/** One post on one network: settle an earlier unknown outcome, else publish, recording every state as it happens. */
export async function attempt(publisher: Publisher, post: PreparedPost, previous: RecordEntry | undefined, settings: AttemptSettings): Promise<Outcome> {
  const record = (state: PublishState, extra: Partial<RecordEntry> = {}) => appendEntry(settings.root, entryFor(post, state, settings.clock(), extra));
  if (previous && (previous.state === 'attempting' || previous.state === 'unknown')) {
    const settled = await settle(publisher, post);
    if (settled === 'lookup-failed') return { state: 'unknown', detail: previous.detail ?? 'an earlier run may have published it and the account could not be checked' };
    if (settled) {
      await record('published', { remoteId: settled.remoteId, url: settled.url, detail: 'found on the account: an earlier run had published it' });
      return { state: 'published', url: settled.url, settled: true };
    }
  }
  let checkpoint = post.checkpoint;
  const withCheckpoint = (extra: Partial<RecordEntry> = {}) => (checkpoint ? { ...extra, checkpoint } : extra);
  await record('attempting', withCheckpoint());
  const hooks = {
    checkpoint: (values: Record<string, string>) => {
      checkpoint = { ...checkpoint, ...values };
      return record('attempting', withCheckpoint());
    },
    log: settings.log,
  };
  for (let tries = 1; ; tries++) {
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

async function settle(publisher: Publisher, post: PreparedPost) {
  try {
    return await publisher.findExisting(post);
  } catch {
    return 'lookup-failed' as const;
  }
}

function retryWait(failure: CallError, tries: number, settings: AttemptSettings): number | undefined {
  if (failure.kind === 'retryable' && tries < settings.maxTries) return settings.retryDelayMs * 2 ** (tries - 1);
  if (failure.kind === 'rate-limited' && tries < settings.maxTries + 2 && (failure.waitMs ?? 0) <= settings.maxWaitMs) return failure.waitMs ?? settings.retryDelayMs;
  return undefined;
}

async function finish(failure: CallError, record: (state: PublishState, extra?: Partial<RecordEntry>) => Promise<void>): Promise<Outcome> {
  switch (failure.kind) {
    case 'ambiguous':
      await record('unknown', { detail: failure.message });
      return { state: 'unknown', detail: failure.message };
    case 'final':
      await record('failed', { detail: failure.message });
      return { state: 'failed', detail: failure.message };
    case 'credentials':
      // The post is not at fault: the 'attempting' line stays, and the run after the credentials are fixed settles and sends it.
      return { state: 'failed', detail: failure.message };
    default:
      // Nothing final happened: the 'attempting' line stays, and the next run settles and retries it.
      return { state: 'postponed', detail: failure.message };
  }
}

function asCallError(error: unknown, redact: (text: string) => string): CallError {
  if (error instanceof CallError) return new CallError(error.kind, redact(error.message), error.waitMs);
  return new CallError('ambiguous', redact(`unexpected failure while publishing: ${(error as Error)?.message ?? String(error)}`));
}

function entryFor(post: PreparedPost, state: PublishState, at: Date, extra: Partial<RecordEntry>): RecordEntry {
  return { post: post.postId, network: post.network as NetworkId, state, at: at.toISOString(), fingerprint: post.fingerprint, file: post.file, ...extra };
}
