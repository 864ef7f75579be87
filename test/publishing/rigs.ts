// One rig per network for the end-to-end publishing tests: its fake server, the account and
// credentials that point `plan publish` at it, and how to read what it created.
import { startFakeFacebook } from '../fakes/facebook.js';
import { startStaticServer } from '../fakes/graph.js';
import { startFakeInstagram } from '../fakes/instagram.js';
import { startFakeMastodon } from '../fakes/mastodon.js';
import { startFakeX } from '../fakes/x.js';
import type { Fault } from '../fakes/server.js';

export interface RunningRig {
  account: Record<string, unknown>;
  env: Record<string, string>;
  mediaBaseUrl: string;
  /** Injects a fault on the call that creates the post. */
  inject(fault: Fault): void;
  /** Posts the network really shows. */
  created(): number;
  altTexts(): string[];
  violations(): string[];
  finalErrorBody: unknown;
  close(): Promise<void>;
}

export interface Rig {
  network: string;
  start(image: Buffer): Promise<RunningRig>;
}

const graphError = { error: { message: 'Invalid parameter', type: 'OAuthException', code: 100, fbtrace_id: 'AbCdEf' } };

async function mediaServer(image: Buffer) {
  return startStaticServer({ '/2026/flu.jpg': { body: image, contentType: 'image/jpeg' } });
}

const facebook: Rig = {
  network: 'facebook',
  async start(image) {
    const media = await mediaServer(image);
    const fake = await startFakeFacebook({ pageToken: 'fb-page-token-e2e' });
    return {
      account: { page_id: fake.pageId, api_url: fake.url },
      env: { PLAN_FACEBOOK_PAGE_TOKEN: 'fb-page-token-e2e' },
      mediaBaseUrl: media.url,
      inject: (fault) => fake.inject('POST /v23.0/:pageId/photos', fault),
      created: () => fake.posts.length,
      altTexts: () => fake.photos.map((p) => p.altText ?? ''),
      violations: () => fake.violations,
      finalErrorBody: graphError,
      close: async () => {
        await fake.close();
        await media.close();
      },
    };
  },
};

const instagram: Rig = {
  network: 'instagram',
  async start(image) {
    const media = await mediaServer(image);
    const fake = await startFakeInstagram({ token: 'ig-token-e2e' });
    return {
      account: { user_id: fake.userId, api_url: fake.url },
      env: { PLAN_INSTAGRAM_TOKEN: 'ig-token-e2e' },
      mediaBaseUrl: media.url,
      inject: (fault) => fake.inject('POST /v23.0/:igUserId/media_publish', fault),
      created: () => fake.posts.length,
      altTexts: () => fake.posts.flatMap((p) => p.media.map((m) => m.altText ?? '')),
      violations: () => fake.violations,
      finalErrorBody: graphError,
      close: async () => {
        await fake.close();
        await media.close();
      },
    };
  },
};

const X_CREDENTIALS = { apiKey: 'x-key-e2e', apiSecret: 'x-secret-e2e', accessToken: 'x-token-e2e', accessSecret: 'x-access-secret-e2e' };

const x: Rig = {
  network: 'x',
  async start() {
    const fake = await startFakeX(X_CREDENTIALS);
    return {
      account: { account: '@cedarvalleyhealth', api_url: fake.url },
      env: {
        PLAN_X_API_KEY: X_CREDENTIALS.apiKey,
        PLAN_X_API_SECRET: X_CREDENTIALS.apiSecret,
        PLAN_X_ACCESS_TOKEN: X_CREDENTIALS.accessToken,
        PLAN_X_ACCESS_SECRET: X_CREDENTIALS.accessSecret,
      },
      mediaBaseUrl: 'https://cedarvalleyhealth.com/social/',
      inject: (fault) => fake.inject('POST /2/tweets', fault),
      created: () => fake.posts.length,
      altTexts: () => fake.posts.flatMap((p) => p.media.map((m) => m.altText ?? '')),
      violations: () => fake.violations,
      finalErrorBody: { title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' },
      close: () => fake.close(),
    };
  },
};

const mastodon: Rig = {
  network: 'mastodon',
  async start() {
    const fake = await startFakeMastodon({ token: 'mastodon-token-e2e' });
    return {
      account: { instance: fake.url },
      env: { PLAN_MASTODON_TOKEN: 'mastodon-token-e2e' },
      mediaBaseUrl: 'https://cedarvalleyhealth.com/social/',
      inject: (fault) => fake.inject('POST /api/v1/statuses', fault),
      created: () => fake.posts.length,
      altTexts: () => fake.posts.flatMap((p) => p.media.map((m) => m.description ?? '')),
      violations: () => fake.violations,
      finalErrorBody: { error: 'Validation failed: Text can\'t be blank' },
      close: () => fake.close(),
    };
  },
};

export const RIGS: Rig[] = [x, mastodon, facebook, instagram];
