import type { NetworkId } from './types.js';

/** The environment variables each network's publisher needs: credentials come only from the environment. */
export const CREDENTIAL_VARIABLES: Record<NetworkId, readonly string[]> = {
  x: ['PLAN_X_API_KEY', 'PLAN_X_API_SECRET', 'PLAN_X_ACCESS_TOKEN', 'PLAN_X_ACCESS_SECRET'],
  linkedin: ['PLAN_LINKEDIN_TOKEN'],
  facebook: ['PLAN_FACEBOOK_PAGE_TOKEN'],
  instagram: ['PLAN_INSTAGRAM_TOKEN'],
  bluesky: ['PLAN_BLUESKY_APP_PASSWORD'],
  mastodon: ['PLAN_MASTODON_TOKEN'],
};

/** The credential variables of a network that are not set (or blank) in the environment. */
export function missingCredentials(network: NetworkId, env: NodeJS.ProcessEnv): string[] {
  return CREDENTIAL_VARIABLES[network].filter((name) => !env[name]?.trim());
}
