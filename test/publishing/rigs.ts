// One rig per network for the end-to-end publishing tests: its server (a strict fake, or for Bluesky a
// real PDS behind a fault-injecting proxy), the account and credentials that point `plan publish` at it,
// how to read what it created, and what the network's exactly-once mechanism makes of each fault on
// the first run.
import { randomBytes } from 'node:crypto';
import { startFakeFacebook } from '../fakes/facebook.js';
import { startStaticServer } from '../fakes/graph.js';
import { startFakeInstagram } from '../fakes/instagram.js';
import { startFakeLinkedIn } from '../fakes/linkedin.js';
import { startFakeMastodon } from '../fakes/mastodon.js';
import { startFakeX } from '../fakes/x.js';
import type { Fault } from '../fakes/server.js';
// @ts-expect-error: a plain ES module of the separate test/bluesky package, without types
import { createAccount, listRecords, pdsInstalled, startPds } from '../bluesky/pds.mjs';
import { startBlueskyProxy, type ProxiedRequest } from './bluesky-proxy.js';

/** A post as the network shows it. */
export interface RemotePost {
  /** The id the network gives it (what the ledger's `remoteId` must name). */
  id: string;
  text: string;
  altTexts: string[];
}

export interface RunningRig {
  account: Record<string, unknown>;
  env: Record<string, string>;
  mediaBaseUrl: string;
  /** Injects a fault on the call that creates the post with an image. */
  inject(fault: Fault): void;
  /** Posts the network really shows, read from the server. */
  posts(): Promise<RemotePost[]>;
  /** Requests the server received (faulted ones too). */
  calls(): number;
  violations(): Promise<string[]>;
  close(): Promise<void>;
}

export type FaultName = 'a 503' | 'an answer that never arrives after the post was created' | 'a connection broken before the request' | 'a rate limit';

export interface FirstRun {
  /** Exit code of the first `plan publish` (SPEC §4: 0 fine, 1 failed, 3 unknown). */
  code: 0 | 1 | 3;
  /** PublishRecord states after it, in order. */
  states: string[];
}

export interface Rig {
  network: string;
  /** Why the rig cannot run here (its server is not installed), or undefined. */
  unavailable?: string;
  /** The variable a missing-credentials run must name. */
  credential: string;
  /** Whether the network takes a post without media (Instagram does not). */
  textOnly: boolean;
  /** The network's answer to a request it refuses for good (sent with HTTP 400). */
  finalErrorBody: unknown;
  /**
   * How the network itself recognises a repeated create when the record of the first one is lost (the
   * ledger deleted): the post to repeat, and what `plan publish` prints when the network refuses or
   * recognises it. Undefined for networks that have no such mechanism (Facebook, Instagram).
   */
  repeat?: { withImage: boolean; says?: RegExp };
  /** What the first run does with each fault on the create call; the runs after it must settle it. */
  firstRun: Record<FaultName, FirstRun>;
  /** Starts what every test of the rig shares (Bluesky: one PDS per test file). */
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
  start(image: Buffer): Promise<RunningRig>;
}

const PUBLISHED = ['attempting', 'published'];
/** The create call's outcome is unknown: exit 3, and the next run settles it. */
const UNKNOWN: FirstRun = { code: 3, states: ['attempting', 'unknown'] };
/** Settled, or retried safely, in the same run. */
const SAME_RUN: FirstRun = { code: 0, states: PUBLISHED };
/** A rate-limit wait longer than PLAN_MAX_WAIT_MS: nothing happened, the next run sends it ("LATER"). */
const LATER: FirstRun = { code: 0, states: ['attempting'] };

const graphError = { error: { message: 'Invalid parameter', type: 'OAuthException', code: 100, fbtrace_id: 'AbCdEf' } };

async function mediaServer(image: Buffer) {
  return startStaticServer({ '/2026/flu.jpg': { body: image, contentType: 'image/jpeg' } });
}

const facebook: Rig = {
  network: 'facebook',
  credential: 'PLAN_FACEBOOK_PAGE_TOKEN',
  textOnly: true,
  finalErrorBody: graphError,
  // A create that may have worked is unknown until the next run reads the Page's posts. Graph's rate
  // limits say when access returns in minutes: more than PLAN_MAX_WAIT_MS, so the post waits for the next run.
  firstRun: { 'a 503': UNKNOWN, 'an answer that never arrives after the post was created': UNKNOWN, 'a connection broken before the request': UNKNOWN, 'a rate limit': LATER },
  async start(image) {
    const media = await mediaServer(image);
    const fake = await startFakeFacebook({ pageToken: 'fbt-Kx92Lq7Wz' });
    return {
      account: { page_id: fake.pageId, api_url: fake.url },
      env: { PLAN_FACEBOOK_PAGE_TOKEN: 'fbt-Kx92Lq7Wz' },
      mediaBaseUrl: media.url,
      inject: (fault) => fake.inject('POST /v26.0/:pageId/photos', fault),
      posts: async () => fake.posts.map((p) => ({ id: p.id, text: p.message ?? '', altTexts: p.photos.map((photo) => photo.altText ?? '') })),
      calls: () => fake.requests.length,
      violations: async () => fake.violations,
      close: async () => {
        await fake.close();
        await media.close();
      },
    };
  },
};

const instagram: Rig = {
  network: 'instagram',
  credential: 'PLAN_INSTAGRAM_TOKEN',
  textOnly: false,
  finalErrorBody: graphError,
  // The container id is recorded before media_publish; a lost answer is settled at once when the container
  // says PUBLISHED, else unknown until the next run checks the container again.
  // Graph's rate limits say when access returns in minutes (estimated_time_to_regain_access): more than
  // PLAN_MAX_WAIT_MS, so the post waits for the next run.
  firstRun: { 'a 503': UNKNOWN, 'an answer that never arrives after the post was created': SAME_RUN, 'a connection broken before the request': UNKNOWN, 'a rate limit': LATER },
  async start(image) {
    const media = await mediaServer(image);
    const fake = await startFakeInstagram({ token: 'igt-Pm4Rt8Vy1' });
    return {
      account: { user_id: fake.userId, api_url: fake.url },
      env: { PLAN_INSTAGRAM_TOKEN: 'igt-Pm4Rt8Vy1' },
      mediaBaseUrl: media.url,
      inject: (fault) => fake.inject('POST /v26.0/:igUserId/media_publish', fault),
      posts: async () => fake.posts.map((p) => ({ id: p.id, text: p.caption ?? '', altTexts: p.media.map((m) => m.altText ?? '') })),
      calls: () => fake.requests.length,
      violations: async () => fake.violations,
      close: async () => {
        await fake.close();
        await media.close();
      },
    };
  },
};

// Credential values look random, as real ones do: plan hides any six characters of one wherever they appear.
const X_CREDENTIALS = { apiKey: 'xk-Q2e7Wd9', apiSecret: 'xs-Lm9Zp4Rv', accessToken: 'xt-8Hq1vBn3', accessSecret: 'xa-t6YpN2cD' };

const x: Rig = {
  network: 'x',
  credential: 'PLAN_X_API_KEY',
  textOnly: true,
  // X refuses a repeated text with 403 "duplicate content": the publisher then finds the post.
  repeat: { withImage: true, says: /X says the same text is already on the account/ },
  finalErrorBody: { title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' },
  firstRun: { 'a 503': UNKNOWN, 'an answer that never arrives after the post was created': UNKNOWN, 'a connection broken before the request': UNKNOWN, 'a rate limit': SAME_RUN },
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
      posts: async () => fake.posts.map((p) => ({ id: p.id, text: p.text, altTexts: p.media.map((m) => m.altText ?? '') })),
      calls: () => fake.requests.length,
      violations: async () => fake.violations,
      close: () => fake.close(),
    };
  },
};

const mastodon: Rig = {
  network: 'mastodon',
  credential: 'PLAN_MASTODON_TOKEN',
  textOnly: true,
  finalErrorBody: { error: "Validation failed: Text can't be blank" },
  // The same Idempotency-Key within an hour: Mastodon answers with the status it already made.
  repeat: { withImage: true },
  // The Idempotency-Key makes a repeated create return the status already made.
  firstRun: { 'a 503': SAME_RUN, 'an answer that never arrives after the post was created': SAME_RUN, 'a connection broken before the request': SAME_RUN, 'a rate limit': SAME_RUN },
  async start() {
    const fake = await startFakeMastodon({ token: 'mdt-Zq7Hn3Lc5' });
    return {
      account: { instance: fake.url },
      env: { PLAN_MASTODON_TOKEN: 'mdt-Zq7Hn3Lc5' },
      mediaBaseUrl: 'https://cedarvalleyhealth.com/social/',
      inject: (fault) => fake.inject('POST /api/v1/statuses', fault),
      posts: async () => fake.posts.map((p) => ({ id: p.id, text: p.text, altTexts: p.media.map((m) => m.description ?? '') })),
      calls: () => fake.requests.length,
      violations: async () => fake.violations,
      close: () => fake.close(),
    };
  },
};

const LINKEDIN_ORGANIZATION = 'urn:li:organization:5590506';

const linkedin: Rig = {
  network: 'linkedin',
  credential: 'PLAN_LINKEDIN_TOKEN',
  textOnly: true,
  finalErrorBody: { status: 400, serviceErrorCode: 100, code: 'ILLEGAL_ARGUMENT', message: 'Invalid request body' },
  // 422 DUPLICATE_POST for the same commentary and content. A repeated image post uploads a new image (a new
  // URN), which the fake does not call a duplicate (LinkedIn documents no rule): so the text post repeats.
  repeat: { withImage: false, says: /LinkedIn says this post is already on the page \(DUPLICATE_POST\)/ },
  // A create that may have worked is unknown; the next run reads the page's posts (and a repeat would get
  // 422 DUPLICATE_POST). LinkedIn's 429 gives no reset time: plan waits 60 s, more than the tests allow.
  firstRun: { 'a 503': UNKNOWN, 'an answer that never arrives after the post was created': UNKNOWN, 'a connection broken before the request': UNKNOWN, 'a rate limit': LATER },
  async start() {
    const fake = await startFakeLinkedIn({ token: 'lit-Wv6Jd2Ks9', organization: LINKEDIN_ORGANIZATION });
    return {
      account: { organization: LINKEDIN_ORGANIZATION, api_url: fake.url },
      env: { PLAN_LINKEDIN_TOKEN: 'lit-Wv6Jd2Ks9' },
      mediaBaseUrl: 'https://cedarvalleyhealth.com/social/',
      inject: (fault) => fake.inject('POST /rest/posts', fault),
      posts: async () => fake.posts.map((p) => ({ id: p.id, text: p.text, altTexts: [p.image, ...(p.images ?? [])].filter((i) => i !== undefined).map((i) => i.altText ?? '') })),
      calls: () => fake.requests.length,
      violations: async () => [...fake.violations, ...fake.truncated().map((p) => `linkedin: ${p.id} was cut at '${p.truncatedAt?.char}'`)],
      close: () => fake.close(),
    };
  },
};

interface Pds {
  service: string;
  close(): Promise<void>;
}
interface StoredRecord {
  uri: string;
  value: { text?: string; embed?: { images?: { alt?: string }[] } };
}

const BLUESKY_CALLS = new Set(['com.atproto.server.createSession', 'com.atproto.server.refreshSession', 'com.atproto.repo.uploadBlob', 'com.atproto.repo.createRecord', 'com.atproto.repo.getRecord', 'com.atproto.identity.resolveHandle']);

function recordKey(request: ProxiedRequest): string | undefined {
  try {
    return (JSON.parse(request.body.toString('utf8')) as { rkey?: string }).rkey;
  } catch {
    return undefined;
  }
}

/** What the real PDS said that a correct publisher never provokes: an unknown call, or a refusal nobody injected. */
function blueskyViolations(requests: ProxiedRequest[]): string[] {
  const violations: string[] = [];
  for (const r of requests) {
    if (!BLUESKY_CALLS.has(r.nsid)) violations.push(`bluesky: unexpected call ${r.method} ${r.nsid}`);
    if (r.faulted || r.upstreamStatus === undefined || r.upstreamStatus < 400) continue;
    const error = (() => {
      try {
        return (JSON.parse(r.upstreamBody?.toString('utf8') ?? '') as { error?: string }).error;
      } catch {
        return undefined;
      }
    })();
    // Reading a record that is not there is how a publisher learns a create made nothing.
    if (r.nsid === 'com.atproto.repo.getRecord' && error === 'RecordNotFound') continue;
    // This PDS answers a record key already taken with 500: expected when an earlier create made that record
    // (the publisher then reads it), a server error otherwise.
    if (r.nsid === 'com.atproto.repo.createRecord' && r.upstreamStatus === 500) {
      const key = recordKey(r);
      if (requests.slice(0, requests.indexOf(r)).some((q) => q.nsid === r.nsid && q.upstreamStatus === 200 && recordKey(q) === key)) continue;
    }
    violations.push(`bluesky: ${r.method} ${r.nsid} answered ${r.upstreamStatus} ${r.upstreamBody?.toString('utf8').slice(0, 200) ?? ''}`);
  }
  return violations;
}

let pds: Pds | undefined;
let accounts = 0;

const bluesky: Rig = {
  network: 'bluesky',
  unavailable: (pdsInstalled as () => boolean)() ? undefined : 'the test PDS is not installed: run `npm ci --prefix test/bluesky` (about 2.5 minutes)',
  credential: 'PLAN_BLUESKY_APP_PASSWORD',
  textOnly: true,
  finalErrorBody: { error: 'InvalidRequest', message: 'Invalid app.bsky.feed.post record' },
  // The same record key: this PDS answers the repeat with HTTP 500, and the publisher reads the record.
  repeat: { withImage: true, says: /Bluesky answered HTTP 500 to the create call .*reading record/ },
  // The record key is derived from the post: after any failure of the create the publisher reads that
  // record, so the outcome is never unknown, and a retry cannot make a second post.
  firstRun: { 'a 503': SAME_RUN, 'an answer that never arrives after the post was created': SAME_RUN, 'a connection broken before the request': SAME_RUN, 'a rate limit': SAME_RUN },
  async setup() {
    pds = (await (startPds as () => Promise<Pds>)()) as Pds;
  },
  async teardown() {
    await pds?.close();
    pds = undefined;
  },
  async start() {
    if (!pds) throw new Error('bluesky rig: setup() first');
    const service = pds.service;
    // Every test its own account, so its repository holds only what that test published.
    const account = (await (createAccount as (s: string, h: string) => Promise<{ handle: string; did: string; password: string }>)(service, `e2e${++accounts}-${randomBytes(3).toString('hex')}.test`)) as {
      handle: string;
      did: string;
      password: string;
    };
    const proxy = await startBlueskyProxy(service);
    const createRecord = 'com.atproto.repo.createRecord';
    const records = async () => (await (listRecords as (...a: string[]) => Promise<StoredRecord[]>)(service, account.did, 'app.bsky.feed.post')) as StoredRecord[];
    return {
      account: { handle: account.handle, service, api_url: proxy.url },
      env: { PLAN_BLUESKY_APP_PASSWORD: account.password },
      mediaBaseUrl: 'https://cedarvalleyhealth.com/social/',
      inject(fault) {
        switch (fault.kind) {
          case 'status':
            return proxy.inject(createRecord, { kind: 'reply', reply: { status: fault.status, ...(fault.headers ? { headers: fault.headers } : {}), body: fault.body } });
          case 'rate-limit':
            // The PDS's own 429: RateLimitExceeded, with ratelimit-* headers (reset in epoch seconds).
            return proxy.inject(createRecord, {
              kind: 'reply',
              reply: () => ({
                status: 429,
                headers: { 'ratelimit-limit': '5000', 'ratelimit-remaining': '0', 'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + fault.resetSeconds), 'ratelimit-policy': '5000;w=3600' },
                body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
              }),
            });
          case 'drop-after-create':
            return proxy.inject(createRecord, { kind: 'drop-after-forward' });
          case 'drop-before':
            return proxy.inject(createRecord, { kind: 'drop-before' });
          case 'delay':
            return proxy.inject(createRecord, { kind: 'delay-after-forward', ms: fault.ms });
        }
      },
      posts: async () => (await records()).map((r) => ({ id: r.uri, text: r.value.text ?? '', altTexts: (r.value.embed?.images ?? []).map((i) => i.alt ?? '') })),
      calls: () => proxy.requests.length,
      violations: async () => blueskyViolations(proxy.requests),
      close: () => proxy.close(),
    };
  },
};

export const RIGS: Rig[] = [x, mastodon, facebook, instagram, linkedin, bluesky];
