// A real Bluesky AppView for plan's figures tests, offline on loopback: @atproto/dev-env's PLC directory,
// a PDS, and the AppView (bsky) that indexes the PDS's repositories into PostgreSQL and answers
// app.bsky.feed.getPosts with like, repost, reply, quote and bookmark counts. The PDS passes app.bsky calls
// on to it, as bsky.social does to api.bsky.app.
//
// PostgreSQL must be installed (Debian: apt-get install postgresql); a private cluster is made in a
// temporary folder for each AppView and removed when it closes. As root, the cluster runs as the
// `postgres` user (PostgreSQL refuses to run as root).
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { bindLoopbackOnly, createAccount, freeLoopbackPort, pdsInstalled } from './pds.mjs';

const require = createRequire(import.meta.url);
const LOOPBACK = '127.0.0.1';

/** The folder of PostgreSQL's server programs (initdb, pg_ctl), or undefined when it is not installed. */
export function postgresBin() {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(base, v, 'bin')).find((dir) => existsSync(path.join(dir, 'initdb')));
  if (found) return found;
  try {
    return path.dirname(execFileSync('which', ['initdb'], { encoding: 'utf8' }).trim()) || undefined;
  } catch {
    return undefined;
  }
}

/** Why the AppView cannot run here, or undefined when it can. */
export function appViewUnavailable() {
  if (!pdsInstalled()) return 'the test/bluesky package is not installed (npm ci --prefix test/bluesky)';
  if (!postgresBin()) return 'PostgreSQL is not installed (apt-get install postgresql)';
  return undefined;
}

function asDatabaseUser(bin, args) {
  const command = path.join(bin, args[0]);
  const rest = args.slice(1);
  if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', command, ...rest], { stdio: 'pipe' });
  else execFileSync(command, rest, { stdio: 'pipe' });
}

async function startPostgres() {
  const bin = postgresBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plan-appview-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
  const port = await freeLoopbackPort();
  asDatabaseUser(bin, ['initdb', '-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
  asDatabaseUser(bin, ['pg_ctl', '-D', path.join(dir, 'data'), '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=${LOOPBACK} -c fsync=off`, 'start']);
  const stop = () => {
    try {
      asDatabaseUser(bin, ['pg_ctl', '-D', path.join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { url: `postgresql://postgres@${LOOPBACK}:${port}/postgres`, stop };
}

async function xrpc(service, nsid, { body, token, method = 'POST' } = {}) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${service}/xrpc/${nsid}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${nsid} -> HTTP ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * PLC, AppView and PDS on 127.0.0.1, with one account for the practice (an app password for plan) and one
 * for a reader who reacts to its posts.
 * @returns {Promise<{ service: string, handle: string, password: string, did: string,
 *   post(text: string): Promise<{ uri: string, cid: string }>,
 *   react(subject: { uri: string, cid: string }, what: { likes?: number, reposts?: number, replies?: number, quotes?: number }): Promise<void>,
 *   index(): Promise<void>, close(): Promise<void> }>}
 */
export async function startAppView(opts = {}) {
  const { TestPlc, TestPds, TestBsky, mockNetworkUtilities } = require('@atproto/dev-env');
  const postgres = await startPostgres();
  const restore = bindLoopbackOnly();
  let plc, bsky, pds;
  const close = async () => {
    for (const server of [pds, bsky, plc]) await server?.close().catch(() => {});
    postgres.stop();
  };
  try {
    plc = await TestPlc.create({ port: await freeLoopbackPort() });
    const pdsPort = await freeLoopbackPort();
    bsky = await TestBsky.create({
      port: await freeLoopbackPort(),
      plcUrl: plc.url,
      repoProvider: `ws://localhost:${pdsPort}`,
      dbPostgresUrl: postgres.url,
      dbPostgresSchema: 'appview',
    });
    pds = await TestPds.create({ port: pdsPort, didPlcUrl: plc.url, bskyAppViewUrl: bsky.url, bskyAppViewDid: bsky.ctx.cfg.serverDid, rateLimitsEnabled: false, crawlers: [] });
    mockNetworkUtilities(pds, bsky);
  } catch (error) {
    await close();
    throw error;
  } finally {
    restore();
  }
  const service = pds.url.replace('localhost', LOOPBACK);
  let practice, practiceSession, reader;
  try {
    practice = await createAccount(service, opts.handle ?? 'cedarvalley.test');
    practiceSession = await xrpc(service, 'com.atproto.server.createSession', { body: { identifier: practice.handle, password: practice.password } });
    reader = await xrpc(service, 'com.atproto.server.createAccount', { body: { handle: 'neighbour.test', email: 'hello@neighbour.example', password: 'neighbour-password' } });
  } catch (error) {
    await close();
    throw error;
  }
  const record = (session, collection, value) =>
    xrpc(service, 'com.atproto.repo.createRecord', { token: session.accessJwt, body: { repo: session.did, collection, record: { ...value, createdAt: new Date().toISOString() } } });
  return {
    service,
    ...practice,
    post: (text) => record(practiceSession, 'app.bsky.feed.post', { $type: 'app.bsky.feed.post', text }),
    async react(subject, what) {
      for (let i = 0; i < (what.likes ?? 0); i++) await record(reader, 'app.bsky.feed.like', { $type: 'app.bsky.feed.like', subject });
      for (let i = 0; i < (what.reposts ?? 0); i++) await record(reader, 'app.bsky.feed.repost', { $type: 'app.bsky.feed.repost', subject });
      for (let i = 0; i < (what.replies ?? 0); i++) await record(reader, 'app.bsky.feed.post', { $type: 'app.bsky.feed.post', text: 'Thank you!', reply: { root: subject, parent: subject } });
      for (let i = 0; i < (what.quotes ?? 0); i++) await record(reader, 'app.bsky.feed.post', { $type: 'app.bsky.feed.post', text: 'Worth reading', embed: { $type: 'app.bsky.embed.record', record: subject } });
    },
    /** Lets the AppView index everything the PDS has written so far. */
    async index() {
      await pds.processAll();
      await bsky.sub.processAll();
    },
    close,
  };
}
