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

/** How a `plan doctor` check ended: ok, worth knowing, or to fix before publishing works. */
export type CheckStatus = 'ok' | 'warning' | 'error';

/** One line of `plan doctor`: what was checked, how it went, and what to do when it did not. Never a secret. */
export interface CheckResult {
  name: string;
  status: CheckStatus;
  message: string;
  fix?: string;
}

export interface AccountCheckOptions<N extends NetworkId> {
  account: AccountOf<N>;
  env: NodeJS.ProcessEnv;
  http: HttpClient;
  /** The account's base URL, already allowed by the endpoint check. */
  baseUrl: string;
  now: Date;
}

/** What `plan doctor` checks of one network's account, without publishing anything. */
export interface AccountChecks<N extends NetworkId> {
  /** The environment variables publishing needs (names only). */
  variables: readonly string[];
  /** The cheapest authenticated read the network offers, and the token's expiry where the network tells it. */
  check(options: AccountCheckOptions<N>): Promise<CheckResult[]>;
}
