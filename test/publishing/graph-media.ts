/** Shared bits of the Facebook and Instagram publisher tests: media served like media_base_url, prepared posts, recording hooks. */
import { jpegBytes, startStaticServer, type StaticServer } from '../fakes/graph.js';
import type { NetworkId } from '../../src/loading/schemas/index.js';
import type { PublishHooks } from '../../src/publishing/types.js';
import { type PreparedMedia, type PreparedPost } from '../../src/networks/prepare.js';

/** The static server standing in for media_base_url, serving two JPEGs (landscape and square); any other path is a 404. */
export async function startMediaServer(): Promise<StaticServer> {
  return startStaticServer({
    '/2026/flu-clinic.jpg': { body: jpegBytes(1200, 800), contentType: 'image/jpeg' },
    '/2026/nurse.jpg': { body: jpegBytes(1080, 1080), contentType: 'image/jpeg' },
  });
}

export function image(server: StaticServer, name: 'flu-clinic.jpg' | 'nurse.jpg', alt: string): PreparedMedia {
  return { file: `media/2026/${name}`, path: `/nonexistent/media/2026/${name}`, url: `${server.url}2026/${name}`, alt, mimeType: 'image/jpeg' };
}

export function preparedPost(network: NetworkId, fields: Partial<PreparedPost> & { text: string }): PreparedPost {
  return {
    postId: 'flu-shots-2026',
    network,
    file: 'content/2026/10/flu-shots.md',
    lang: 'en',
    media: [],
    fingerprint: `fp-${fields.text.length}-${fields.text.slice(0, 12)}`,
    idempotencyKey: `key-${network}-${fields.text.slice(0, 16)}`,
    ...fields,
  };
}

export interface RecordingHooks extends PublishHooks {
  checkpoints: Record<string, string>[];
  lines: string[];
}

/** Hooks that record checkpoints and log lines; `onCheckpoint` / `onLog` run after recording (e.g. to simulate a crash). */
export function recordingHooks(extra: { onCheckpoint?: (values: Record<string, string>) => void | Promise<void>; onLog?: (line: string) => void } = {}): RecordingHooks {
  const checkpoints: Record<string, string>[] = [];
  const lines: string[] = [];
  return {
    checkpoints,
    lines,
    async checkpoint(values) {
      checkpoints.push({ ...values });
      await extra.onCheckpoint?.(values);
    },
    log(line) {
      lines.push(line);
      extra.onLog?.(line);
    },
  };
}

/** Awaits a promise that must reject, and returns what it rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, and it succeeded');
}
