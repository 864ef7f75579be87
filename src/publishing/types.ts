import type { PreparedPost } from '../networks/prepare.js';
import type { NetworkId, NetworksPlan } from '../loading/schemas/index.js';
import type { HttpClient } from '../http/client.js';

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
  /** Uploads media, then creates the post. Throws `CallError`. */
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
