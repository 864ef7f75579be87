import type { NetworkId, NetworksPlan } from '../loading/schemas/index.js';
import type { HttpClient } from './http.js';

/** An image or video as a publisher sends it. */
export interface PreparedMedia {
  /** Repository path, e.g. media/2026/flu.png. */
  file: string;
  /** Absolute path on disk, to upload the bytes. */
  path: string;
  /** Public URL under `media_base_url`, for networks that fetch media by URL (Instagram, Facebook). */
  url?: string;
  alt?: string;
  mimeType: string;
}

/** One post, ready to send to one network: what `--dry-run` prints and what a publisher sends. */
export interface PreparedPost {
  postId: string;
  network: NetworkId;
  file: string;
  /** The exact text the network receives (variant or body, plus link where the network appends it). */
  text: string;
  link?: string;
  media: PreparedMedia[];
  fingerprint: string;
  /** Stable for this post, network and text: Mastodon's Idempotency-Key, the seed of Bluesky's record key. */
  idempotencyKey: string;
  /** What an earlier, interrupted attempt recorded mid-way (e.g. Instagram's container id). */
  checkpoint?: Record<string, string>;
}

export interface PublishedPost {
  remoteId: string;
  url: string;
}

export interface PublishHooks {
  /** Records progress that must survive a crash before the next step (written to the ledger at once). */
  checkpoint(values: Record<string, string>): Promise<void>;
  /** A plain progress line, e.g. "uploading image 1 of 2". Never a secret. */
  log(line: string): void;
}

/** A network's publisher: one per run, holding its session (e.g. one Bluesky login per run). */
export interface Publisher {
  network: NetworkId;
  /** Uploads media, then creates the post. Throws `PublishError`. */
  publish(post: PreparedPost, hooks: PublishHooks): Promise<PublishedPost>;
  /** Looks at the account's recent posts for this one, to settle an earlier outcome that is unknown. */
  findExisting(post: PreparedPost): Promise<PublishedPost | undefined>;
}

export type AccountOf<N extends NetworkId> = NonNullable<NetworksPlan[N]>;

export interface PublisherOptions<N extends NetworkId> {
  account: AccountOf<N>;
  env: NodeJS.ProcessEnv;
  http: HttpClient;
}

export type PublishErrorKind =
  /** Missing or rejected credentials: the whole network stops for this run. */
  | 'credentials'
  /** The network refused the post for good (a 4xx): retrying would fail the same way. */
  | 'final'
  /** Nothing was created (a connection refused, a media upload that failed): safe to try again. */
  | 'retryable'
  /** Wait `waitMs`, then try again. */
  | 'rate-limited'
  /** The create call may have succeeded: never retried blind; settled by `findExisting`. */
  | 'ambiguous';

/** A publishing failure whose message is safe to print: no token, no signature, no PHI. */
export class PublishError extends Error {
  constructor(
    readonly kind: PublishErrorKind,
    message: string,
    readonly waitMs?: number,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}
