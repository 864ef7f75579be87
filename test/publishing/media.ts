/** Shared helpers for the publisher tests: a tiny PNG on disk, a PreparedPost, recording hooks. */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { NetworkId } from '../../src/loading/schemas/index.js';
import { type PublishHooks } from '../../src/publishing/types.js';
import { CallError, type CallErrorKind } from '../../src/http/errors.js';
import { type PreparedMedia, type PreparedPost } from '../../src/networks/prepare.js';

/** A valid 1×1 PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export interface TempMedia {
  dir: string;
  /** A PreparedMedia for media/<name> written into the temporary folder. */
  png(name: string, alt?: string): Promise<PreparedMedia>;
  cleanup(): Promise<void>;
}

export async function tempMedia(): Promise<TempMedia> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'plan-publish-'));
  return {
    dir,
    async png(name, alt) {
      const file = path.join(dir, name);
      await writeFile(file, TINY_PNG);
      return { file: `media/${name}`, path: file, mimeType: 'image/png', ...(alt ? { alt } : {}) };
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A post as `preparePost` would hand it to a publisher. */
export function preparedPost(network: NetworkId, text: string, media: PreparedMedia[] = [], postId = 'test-post'): PreparedPost {
  const fingerprint = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return {
    postId,
    network,
    file: `content/${postId}.md`,
    text,
    lang: 'en',
    media,
    fingerprint,
    idempotencyKey: createHash('sha256').update(`${postId}\n${network}\n${fingerprint}`).digest('hex').slice(0, 32),
  };
}

export interface RecordingHooks extends PublishHooks {
  lines: string[];
  checkpoints: Record<string, string>[];
}

export function recordingHooks(): RecordingHooks {
  const lines: string[] = [];
  const checkpoints: Record<string, string>[] = [];
  return {
    lines,
    checkpoints,
    log: (line) => void lines.push(line),
    checkpoint: async (values) => void checkpoints.push(values),
  };
}

/** The CallError a promise rejects with (fails the test if it resolves or throws something else). */
export async function publishError(promise: Promise<unknown>, kind?: CallErrorKind): Promise<CallError> {
  let outcome: unknown;
  try {
    outcome = await promise;
  } catch (error) {
    if (!(error instanceof CallError)) throw new Error(`expected a CallError, got ${String(error)}`);
    if (kind && error.kind !== kind) throw new Error(`expected a '${kind}' CallError, got '${error.kind}': ${error.message}`);
    return error;
  }
  throw new Error(`expected a CallError, but it resolved with ${JSON.stringify(outcome)}`);
}

/** A port nothing listens on (for "connection refused": nothing was sent). */
export async function closedPortUrl(): Promise<string> {
  const net = await import('node:net');
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}
