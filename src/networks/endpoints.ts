import type { NetworksPlan } from '../loading/schemas/index.js';
import { profileFor } from './index.js';
import type { NetworkId } from './types.js';

/** Each network's own API host: the base URL when an account sets none. Bluesky and Mastodon name theirs. */
export const OFFICIAL_API_URLS = {
  x: 'https://api.x.com',
  linkedin: 'https://api.linkedin.com',
  facebook: 'https://graph.facebook.com',
  instagram: 'https://graph.facebook.com',
} as const;

/** The environment variable that lists other API hosts a run may send credentials to (set by whoever owns the CI secrets). */
export const ALLOW_HOSTS_VARIABLE = 'PLAN_ALLOW_API_HOSTS';

/** The fields of an account that say where its calls go or whose account it is: a change to any is a caution in review. */
export const ENDPOINT_FIELDS = ['api_url', 'service', 'instance'] as const;
export const IDENTITY_FIELDS = ['account', 'page_id', 'user_id', 'organization', 'handle'] as const;

export interface Endpoint {
  network: NetworkId;
  /** The base URL the publisher appends the API's paths to. */
  baseUrl: string;
  /** The field of plans/networks.yaml the base URL comes from, for messages (undefined: the network's own default). */
  field?: 'api_url' | 'service' | 'instance';
  /** Mastodon: the account's instance, whose host is the network's own. */
  instance?: string;
}

/** Where a network's API calls go for an account of plans/networks.yaml: `api_url` wins, then Bluesky's `service` or Mastodon's `instance`. */
export function endpointOf(network: NetworkId, account: NonNullable<NetworksPlan[NetworkId]>): Endpoint {
  const base = (url: string) => url.replace(/\/+$/, '');
  const instance = network === 'mastodon' && 'instance' in account ? { instance: account.instance } : {};
  if (account.api_url) return { network, baseUrl: base(account.api_url), field: 'api_url', ...instance };
  if (network === 'bluesky' && 'service' in account && account.service) return { network, baseUrl: base(account.service), field: 'service' };
  if (network === 'mastodon' && 'instance' in account && account.instance) return { network, baseUrl: base(account.instance), field: 'instance', ...instance };
  return { network, baseUrl: OFFICIAL_API_URLS[network as keyof typeof OFFICIAL_API_URLS] ?? '' };
}

/**
 * Why a run must not send credentials to an endpoint, or undefined when it may. Plain http is for
 * test servers on this machine only; an https host other than the network's own API is refused unless
 * the run's environment allows it. A Bluesky account may live on any PDS, so any https host is
 * Bluesky's own; Mastodon's own host is the account's instance.
 */
export function endpointProblem(endpoint: Endpoint, env: NodeJS.ProcessEnv): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint.baseUrl);
  } catch {
    return `${endpoint.baseUrl} is not a web address`;
  }
  const host = url.hostname.toLowerCase();
  if (url.username || url.password) return `${url.protocol}//…@${url.host} carries a user name or password in the address: put credentials in CI secrets, never in plans/networks.yaml`;
  if (url.protocol === 'http:') return isLoopback(host) ? undefined : `http://${url.host} is not encrypted: credentials may only travel over https (plain http is allowed for a test server on this machine, 127.0.0.1 or localhost)`;
  if (url.protocol !== 'https:') return `${url.protocol} is not a protocol plan sends credentials over: use https`;
  if (endpoint.network === 'bluesky' || isOfficial(endpoint, host) || isLoopback(host)) return undefined;
  if (allowedHosts(env).has(host)) return undefined;
  return `${host} is not ${profileFor(endpoint.network).label}'s own API host, so plan will not send the account's credentials there unless the CI environment allows it (${ALLOW_HOSTS_VARIABLE}=${host}, set by whoever owns the CI secrets)`;
}

function isOfficial(endpoint: Endpoint, host: string): boolean {
  const official = endpoint.network === 'mastodon' ? endpoint.instance : OFFICIAL_API_URLS[endpoint.network as keyof typeof OFFICIAL_API_URLS];
  return official !== undefined && hostOf(official) === host;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

function allowedHosts(env: NodeJS.ProcessEnv): Set<string> {
  return new Set(
    (env[ALLOW_HOSTS_VARIABLE] ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
}
