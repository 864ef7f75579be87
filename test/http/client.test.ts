// The HTTP client against real servers on 127.0.0.1: one deadline for the whole call, a cap on the answer's
// size, and one redaction of secret fragments before anything is cut.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { CallError } from '../../src/http/errors.js';
import { FRAGMENT, Redactor } from '../../src/http/redact.js';
import { createPublisher as mastodonPublisher } from '../../src/publishing/mastodon/publisher.js';
import { createPublisher as linkedinPublisher } from '../../src/publishing/linkedin/publisher.js';
import { createPublisher as facebookPublisher } from '../../src/publishing/facebook/publisher.js';
import { startFakeMastodon } from '../fakes/mastodon.js';
import { startFakeLinkedIn } from '../fakes/linkedin.js';
import { startFakeFacebook } from '../fakes/facebook.js';
import { closedPortUrl, preparedPost, publishError, recordingHooks } from '../publishing/media.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: http.RequestListener): Promise<{ url: string; closed: Promise<void> }> {
  let closed!: () => void;
  const done = new Promise<void>((resolve) => (closed = resolve));
  const server = http.createServer((req, res) => {
    res.on('close', closed);
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, closed: done };
}

async function failure(promise: Promise<unknown>): Promise<CallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CallError);
  return error as CallError;
}

/** Every FRAGMENT-character piece of a secret. */
const fragments = (secret: string) => Array.from({ length: secret.length - FRAGMENT + 1 }, (_, at) => secret.slice(at, at + FRAGMENT));

describe('HttpClient: one deadline for the whole call', () => {
  it('stops a server that trickles its body a byte at a time: retryable for a read, ambiguous for a create', async () => {
    const trickle: http.RequestListener = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    };
    const { url } = await serve(trickle);
    const client = new HttpClient({ timeoutMs: 400 });
    const started = Date.now();
    const read = await failure(client.send({ method: 'GET', url: `${url}/slow` }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(read.kind).toBe('retryable');
    expect(read.message).toContain('no complete answer within 0.4 s');
    const create = await failure(client.send({ method: 'POST', url: `${url}/slow`, body: '{}', creates: true }));
    expect(create.kind).toBe('ambiguous');
    expect(create.message).toContain('the post may exist');
  });

  it('a connection refused is retryable: nothing was sent', async () => {
    const error = await failure(new HttpClient({ timeoutMs: 1000 }).send({ method: 'POST', url: `${await closedPortUrl()}/x`, creates: true }));
    expect(error.kind).toBe('retryable');
    expect(error.message).toContain('nothing was sent');
  });
});

describe('HttpClient: a cap on the answer', () => {
  it('stops reading an endless body past the cap, and says so', async () => {
    const { url, closed } = await serve((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'e');
      const pump = () => {
        while (res.write(chunk));
      };
      res.on('drain', pump);
      pump();
    });
    const error = await failure(new HttpClient({ maxBodyBytes: 256 * 1024, timeoutMs: 5000 }).send({ method: 'GET', url }));
    expect(error.kind).toBe('retryable');
    expect(error.message).toMatch(/larger than .* MB, so plan stopped reading it/);
    await closed; // the connection was dropped, not drained
  });

  it('refuses an answer whose declared length is over the default 4 MB without reading it', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(503, { 'content-length': String(300 * 1024 * 1024) });
      res.write('x');
    });
    const error = await failure(new HttpClient({ timeoutMs: 5000 }).send({ method: 'POST', url, creates: true }));
    expect(error.kind).toBe('ambiguous');
    expect(error.message).toContain('larger than 4 MB');
  });
});

describe('redaction', () => {
  const TOKEN = 'Tk9zQ4xVb7Lm2Rp8Wc5'; // 19 characters

  it('hides every run of six or more characters of a secret, raw, percent-encoded or JSON-escaped, and nothing shorter', () => {
    const redactor = new Redactor(['ab/cd+ef"gh']);
    expect(redactor.redact('x ab/cd+ef"gh y')).toBe('x [redacted] y');
    expect(redactor.redact(`x ${encodeURIComponent('ab/cd+ef"gh')} y`)).toBe('x [redacted] y');
    expect(redactor.redact(`x ${JSON.stringify('ab/cd+ef"gh')} y`)).toBe('x "[redacted]" y');
    expect(redactor.redact('half: cd+ef"g. five: ab/cd')).toBe('half: [redacted]. five: ab/cd');
  });

  it('excerpts redact first, then cut: no piece of a token straddling the cut is left, wherever it falls', () => {
    const redactor = new Redactor([TOKEN]);
    for (let at = 180; at <= 210; at++) {
      const excerpt = redactor.excerpt(`${'e'.repeat(at)}${TOKEN} tail`, 200);
      for (const piece of fragments(TOKEN)) expect(excerpt).not.toContain(piece);
      expect([...excerpt].length).toBeLessThanOrEqual(200);
    }
  });

  it.each([200, 300])('never prints part of a token a server echoes near a %i-character cut of its answer', async (cut) => {
    const echo = `${'e'.repeat(cut - 11)}${TOKEN} and more text after it`;
    const mastodon = await startFakeMastodon({ token: TOKEN });
    const linkedin = await startFakeLinkedIn({ token: TOKEN });
    const facebook = await startFakeFacebook({ pageToken: TOKEN });
    try {
      mastodon.inject('POST /api/v1/statuses', { kind: 'status', status: 400, body: echo });
      linkedin.inject('POST /rest/posts', { kind: 'status', status: 400, body: echo });
      facebook.inject('POST /v26.0/:pageId/feed', { kind: 'status', status: 400, body: echo });
      const http = () => new HttpClient({ timeoutMs: 5000 });
      const errors = [
        await publishError(mastodonPublisher({ account: { instance: mastodon.url }, env: { PLAN_MASTODON_TOKEN: TOKEN }, http: http() }).publish(preparedPost('mastodon', 'hi'), recordingHooks()), 'final'),
        await publishError(linkedinPublisher({ account: { organization: linkedin.organization, api_url: linkedin.url }, env: { PLAN_LINKEDIN_TOKEN: TOKEN }, http: http() }).publish(preparedPost('linkedin', 'hi'), recordingHooks()), 'final'),
        await publishError(facebookPublisher({ account: { page_id: facebook.pageId, api_url: facebook.url }, env: { PLAN_FACEBOOK_PAGE_TOKEN: TOKEN }, http: http() }).publish(preparedPost('facebook', 'hi'), recordingHooks()), 'final'),
      ];
      for (const error of errors) {
        expect(error.message).toContain('[redacted]');
        for (const piece of fragments(TOKEN)) expect(error.message).not.toContain(piece);
      }
    } finally {
      await Promise.all([mastodon.close(), linkedin.close(), facebook.close()]);
    }
  });
});
