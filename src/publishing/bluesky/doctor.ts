/** `plan doctor` for Bluesky: one com.atproto.server.createSession with the app password (the PDS allows 30 in 5 minutes). */
import { parseJson } from '../../http/client.js';
import { failedCheck, failureOf } from '../base.js';
import type { AccountChecks } from '../types.js';
import { blueskyErrors, PASSWORD_VARIABLE } from './publisher.js';

export const blueskyChecks: AccountChecks<'bluesky'> = {
  variables: [PASSWORD_VARIABLE],
  async check({ account, env, http, baseUrl }) {
    const name = 'bluesky: app password accepted';
    const identifier = account.handle.replace(/^@/, '');
    try {
      const response = await http.send({
        method: 'POST',
        url: `${baseUrl}/xrpc/com.atproto.server.createSession`,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ identifier, password: env[PASSWORD_VARIABLE]!.trim() }),
      });
      const session = parseJson<{ accessJwt?: unknown; refreshJwt?: unknown; handle?: unknown }>(response);
      for (const jwt of [session?.accessJwt, session?.refreshJwt]) if (typeof jwt === 'string') http.redactor.add(jwt);
      if (response.status !== 200) throw failureOf(response, 'login', `logging in as ${identifier}`, blueskyErrors(identifier), http);
      return [{ name, status: 'ok', message: `Bluesky accepted ${PASSWORD_VARIABLE} for ${typeof session?.handle === 'string' ? session.handle : identifier}` }];
    } catch (error) {
      return [failedCheck(name, error, `create a new app password for ${identifier} (Settings → Privacy and security → App passwords) and update ${PASSWORD_VARIABLE}`)];
    }
  },
};
