/**
 * `plan doctor` for LinkedIn: the organization read with the token (GET /rest/organizations/{id}), and the
 * token's expiry from LinkedIn's token introspection (POST https://www.linkedin.com/oauth/v2/introspectToken),
 * which takes the app's client id and secret: without them the expiry is not checked.
 */
import { parseJson } from '../../http/client.js';
import { checkedCall, expiryCheck, failedCheck, failureOf } from '../base.js';
import type { AccountCheckOptions, AccountChecks, CheckResult } from '../types.js';
import { LINKEDIN_VERSION, linkedInErrors, TOKEN_VARIABLE } from './publisher.js';

export const CLIENT_ID_VARIABLE = 'PLAN_LINKEDIN_CLIENT_ID';
export const CLIENT_SECRET_VARIABLE = 'PLAN_LINKEDIN_CLIENT_SECRET';
const INTROSPECTION_URL = 'https://www.linkedin.com/oauth/v2/introspectToken';
const RENEW = `sign in to the LinkedIn app again (Developer portal → Auth → OAuth 2.0 tools) to get a new token, and update ${TOKEN_VARIABLE}`;

export const linkedinChecks: AccountChecks<'linkedin'> = {
  variables: [TOKEN_VARIABLE],
  async check(options) {
    return [await organizationRead(options), await tokenExpiry(options)];
  },
};

async function organizationRead({ account, env, http, baseUrl }: AccountCheckOptions<'linkedin'>): Promise<CheckResult> {
  const name = 'linkedin: token accepted';
  const id = account.organization.replace('urn:li:organization:', '');
  try {
    const response = await checkedCall(
      http,
      {
        method: 'GET',
        url: `${baseUrl}/rest/organizations/${id}`,
        headers: { authorization: `Bearer ${env[TOKEN_VARIABLE]!.trim()}`, 'linkedin-version': LINKEDIN_VERSION, 'x-restli-protocol-version': '2.0.0', accept: 'application/json' },
      },
      linkedInErrors(account.organization),
      `reading ${account.organization}`,
    );
    const label = parseJson<{ localizedName?: unknown }>(response)?.localizedName;
    return { name, status: 'ok', message: `LinkedIn accepted ${TOKEN_VARIABLE} for ${typeof label === 'string' ? `“${label}” (${account.organization})` : account.organization}` };
  } catch (error) {
    return failedCheck(name, error, RENEW);
  }
}

async function tokenExpiry({ account, env, http, now }: AccountCheckOptions<'linkedin'>): Promise<CheckResult> {
  const name = 'linkedin: token expiry';
  const clientId = env[CLIENT_ID_VARIABLE]?.trim();
  const clientSecret = env[CLIENT_SECRET_VARIABLE]?.trim();
  if (!clientId || !clientSecret) {
    return { name, status: 'warning', message: `not checked: LinkedIn tells a token's expiry only to its app`, fix: `add ${CLIENT_ID_VARIABLE} and ${CLIENT_SECRET_VARIABLE} (the app's Client ID and Client Secret) as secrets to check it` };
  }
  http.redactor.add(clientSecret);
  // A gateway or test server set as api_url answers introspection too; otherwise LinkedIn's own OAuth host.
  const url = account.api_url ? `${account.api_url.replace(/\/+$/, '')}/oauth/v2/introspectToken` : INTROSPECTION_URL;
  try {
    const response = await http.send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ client_id: clientId, client_secret: clientSecret, token: env[TOKEN_VARIABLE]!.trim() }).toString(),
    });
    if (response.status === 401) {
      return { name, status: 'error', message: `LinkedIn did not recognise the app in ${CLIENT_ID_VARIABLE} and ${CLIENT_SECRET_VARIABLE}`, fix: `copy the Client ID and Client Secret of the app the token was made with into ${CLIENT_ID_VARIABLE} and ${CLIENT_SECRET_VARIABLE}` };
    }
    if (response.status !== 200) throw failureOf(response, 'read', 'reading the token’s expiry', linkedInErrors(account.organization), http);
    const facts = parseJson<{ active?: unknown; status?: unknown; expires_at?: unknown }>(response);
    if (facts?.active !== true) {
      const status = typeof facts?.status === 'string' ? facts.status : 'not active';
      return { name, status: 'error', message: `${TOKEN_VARIABLE} is ${status}`, fix: RENEW };
    }
    const expiresAt = typeof facts.expires_at === 'number' ? new Date(facts.expires_at * 1000) : undefined;
    return expiryCheck(name, TOKEN_VARIABLE, expiresAt, now, RENEW);
  } catch (error) {
    return failedCheck(name, error, RENEW);
  }
}
