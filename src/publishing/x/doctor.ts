/** `plan doctor` for X: GET /2/users/me, signed like every call of the publisher (OAuth 1.0a user context). */
import { parseJson } from '../../http/client.js';
import { checkedCall, failedCheck } from '../base.js';
import type { AccountChecks } from '../types.js';
import { signRequest } from './oauth.js';
import { X_ERRORS, X_VARIABLES } from './publisher.js';

export const xChecks: AccountChecks<'x'> = {
  variables: X_VARIABLES,
  async check({ env, http, baseUrl }) {
    const name = 'x: credentials accepted';
    const [consumerKey, consumerSecret, token, tokenSecret] = X_VARIABLES.map((variable) => env[variable]!.trim()) as [string, string, string, string];
    const url = `${baseUrl}/2/users/me`;
    const signed = signRequest({ consumerKey, consumerSecret, token, tokenSecret }, 'GET', url);
    http.redactor.add(signed.signature);
    try {
      const response = await checkedCall(http, { method: 'GET', url, headers: { authorization: signed.header, accept: 'application/json' } }, X_ERRORS, 'reading the account (GET /2/users/me)');
      const username = parseJson<{ data?: { username?: unknown } }>(response)?.data?.username;
      return [{ name, status: 'ok', message: `X accepted the credentials${typeof username === 'string' ? ` of @${username}` : ''}` }];
    } catch (error) {
      return [failedCheck(name, error, `create new access tokens in the X developer portal (read and write) and update ${X_VARIABLES.join(', ')}`)];
    }
  },
};
