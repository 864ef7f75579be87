/** `plan doctor` for Instagram: a read of the professional account with its token, and the token's expiry from debug_token. */
import { failedCheck } from '../base.js';
import { GraphClient, tokenExpiryChecks } from '../graph.js';
import type { AccountChecks } from '../types.js';
import { TOKEN_VARIABLE } from './publisher.js';

const RENEW = `make a new long-lived token for the Instagram account (Meta Business settings → System users gives one that does not expire) and update ${TOKEN_VARIABLE}`;

export const instagramChecks: AccountChecks<'instagram'> = {
  variables: [TOKEN_VARIABLE],
  async check({ account, env, http, baseUrl, now }) {
    const name = 'instagram: token accepted';
    const token = env[TOKEN_VARIABLE]!.trim();
    const options = { http, baseUrl, token, tokenVariable: TOKEN_VARIABLE, network: 'Instagram' };
    let accepted;
    try {
      const user = await new GraphClient(options).get<{ username?: string }>(account.user_id, { fields: 'id,username' }, { what: `reading the account ${account.user_id}` });
      accepted = { name, status: 'ok' as const, message: `Instagram accepted ${TOKEN_VARIABLE} for ${user.username ? `@${user.username} (${account.user_id})` : account.user_id}` };
    } catch (error) {
      accepted = failedCheck(name, error, RENEW);
    }
    return [accepted, ...(await tokenExpiryChecks({ ...options, env, now }, RENEW))];
  },
};
