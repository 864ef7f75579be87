/** `plan doctor` for Facebook: a read of the Page with its token, and the token's expiry from debug_token. */
import { failedCheck } from '../base.js';
import { GraphClient, tokenExpiryChecks } from '../graph.js';
import type { AccountChecks } from '../types.js';
import { TOKEN_VARIABLE } from './publisher.js';

const RENEW = `make a new Page access token from a long-lived user token (it then does not expire) and update ${TOKEN_VARIABLE}`;

export const facebookChecks: AccountChecks<'facebook'> = {
  variables: [TOKEN_VARIABLE],
  async check({ account, env, http, baseUrl, now }) {
    const name = 'facebook: token accepted';
    const token = env[TOKEN_VARIABLE]!.trim();
    const options = { http, baseUrl, token, tokenVariable: TOKEN_VARIABLE, network: 'Facebook' };
    let accepted;
    try {
      const page = await new GraphClient(options).get<{ name?: string }>(account.page_id, { fields: 'id,name' }, { what: `reading the Page ${account.page_id}` });
      accepted = { name, status: 'ok' as const, message: `Facebook accepted ${TOKEN_VARIABLE} for the Page ${page.name ? `“${page.name}” (${account.page_id})` : account.page_id}` };
    } catch (error) {
      accepted = failedCheck(name, error, RENEW);
    }
    return [accepted, ...(await tokenExpiryChecks({ ...options, env, now }, RENEW))];
  },
};
