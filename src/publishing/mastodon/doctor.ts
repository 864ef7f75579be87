/** `plan doctor` for Mastodon: GET /api/v1/accounts/verify_credentials with the account's token. */
import { parseJson } from '../../http/client.js';
import { checkedCall, failedCheck } from '../base.js';
import type { AccountChecks } from '../types.js';
import { MASTODON_ERRORS, TOKEN_VARIABLE } from './publisher.js';

export const mastodonChecks: AccountChecks<'mastodon'> = {
  variables: [TOKEN_VARIABLE],
  async check({ env, http, baseUrl }) {
    const name = 'mastodon: token accepted';
    try {
      const response = await checkedCall(
        http,
        { method: 'GET', url: `${baseUrl}/api/v1/accounts/verify_credentials`, headers: { authorization: `Bearer ${env[TOKEN_VARIABLE]!.trim()}`, accept: 'application/json' } },
        MASTODON_ERRORS,
        'reading the account (verify_credentials)',
      );
      const acct = parseJson<{ acct?: unknown }>(response)?.acct;
      return [{ name, status: 'ok', message: `${new URL(baseUrl).host} accepted ${TOKEN_VARIABLE}${typeof acct === 'string' ? ` for @${acct}` : ''}` }];
    } catch (error) {
      return [failedCheck(name, error, `create a new access token (Preferences → Development, scopes read, write:statuses, write:media) and update ${TOKEN_VARIABLE}`)];
    }
  },
};
