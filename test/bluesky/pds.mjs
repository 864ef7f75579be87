// A real Bluesky PDS for plan's publisher tests, running offline on loopback.
//
// It is @atproto/dev-env's TestNetworkNoAppView: an in-memory PLC directory
// plus a PDS with SQLite and a disk blobstore in os.tmpdir(). No AppView, no
// moderation service, no crawlers and no mailer are configured, so the PDS has
// nowhere outside this machine to call. Rate limits are off (dev-env default).
//
// Behaviour worth knowing (checked with smoke.mjs):
// - createRecord with an rkey that already exists -> HTTP 500
//   {"error":"InternalServerError","message":"Internal Server Error"} (the real
//   cause, "There is already a value at key", is only in the server log), so a
//   publisher must confirm a duplicate with getRecord on that rkey.
// - app.bsky.feed.post rkeys must be TID-shaped (/^[2-7a-j][2-7a-z]{12}$/)
//   unless validate:false; otherwise HTTP 400 InvalidRequest.
import net from 'node:net';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const LOOPBACK = '127.0.0.1';
const DEFAULT_HANDLE = 'cedarvalley.test';
const ACCOUNT_PASSWORD = 'account-password-not-for-the-publisher';

// dev-env's servers call `app.listen(port)`, which binds every interface.
// While they start, make a bare-port listen() bind loopback only.
let loopbackDepth = 0;
let originalListen = null;
export function bindLoopbackOnly() {
  if (loopbackDepth++ === 0) {
    originalListen = net.Server.prototype.listen;
    const listen = originalListen;
    net.Server.prototype.listen = function (...args) {
      if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function')) {
        args.splice(1, 0, LOOPBACK);
      } else if (args[0] && typeof args[0] === 'object' && args[0].port !== undefined && args[0].host === undefined && args[0].path === undefined) {
        args[0] = { ...args[0], host: LOOPBACK };
      }
      return listen.apply(this, args);
    };
  }
  return () => {
    if (--loopbackDepth === 0) {
      net.Server.prototype.listen = originalListen;
      originalListen = null;
    }
  };
}

export async function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, LOOPBACK, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function xrpc(service, nsid, { body, token, method = 'POST' } = {}) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${service}/xrpc/${nsid}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = new Error(`${nsid} -> HTTP ${res.status}: ${text}`);
    err.status = res.status;
    err.body = json;
    throw err;
  }
  return json;
}

/** True when this package's node_modules is installed (so tests can skip otherwise). */
export function pdsInstalled() {
  try {
    require.resolve('@atproto/dev-env');
    return true;
  } catch {
    return false;
  }
}

async function startNetwork() {
  const { TestNetworkNoAppView } = require('@atproto/dev-env');
  const plcPort = await freeLoopbackPort();
  const pdsPort = await freeLoopbackPort();
  const restore = bindLoopbackOnly();
  try {
    return await TestNetworkNoAppView.create({
      plc: { port: plcPort },
      pds: {
        port: pdsPort,
        didPlcUrl: `http://${LOOPBACK}:${plcPort}`,
        // no AppView / moderation service: nothing to proxy to outside
        bskyAppViewUrl: undefined,
        bskyAppViewDid: undefined,
        bskyAppViewCdnUrlPattern: undefined,
        modServiceUrl: undefined,
        modServiceDid: undefined,
        crawlers: [],
        rateLimitsEnabled: false,
      },
    });
  } finally {
    restore();
  }
}

/**
 * Start PLC + PDS on 127.0.0.1, create one account and an app password for it.
 * @param {{ handle?: string }} [opts]
 * @returns {Promise<{ service: string, handle: string, password: string, did: string,
 *   close: () => Promise<void> }>}  `password` is an app password (xxxx-xxxx-xxxx-xxxx).
 */
export async function startPds(opts = {}) {
  const handle = opts.handle ?? DEFAULT_HANDLE;
  // Each port is found free, then bound a moment later (the PDS first sets up its databases): another
  // process can take it in between (a client's ephemeral port, on a busy machine). Then try new ports.
  let network;
  for (let tries = 1; !network; tries++) {
    try {
      network = await startNetwork();
    } catch (err) {
      if (err?.code !== 'EADDRINUSE' || tries >= 3) throw err;
    }
  }

  const service = `http://${LOOPBACK}:${network.pds.port}`;
  const cfg = network.pds.ctx.cfg;
  // dev-env puts the SQLite files and the blobstore in fresh random dirs under os.tmpdir()
  const dirs = [path.dirname(cfg.db.accountDbLoc), cfg.blobstore?.location, cfg.blobstore?.tempLocation].filter(Boolean);

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await network.close();
    await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true }).catch(() => {})));
  };

  try {
    const account = await createAccount(service, handle);
    return { service, ...account, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * One more account on a running PDS (handles end in `.test`), with an app password: each test that
 * needs an empty repository gets its own account instead of its own PDS.
 * @returns {Promise<{ handle: string, password: string, did: string }>}
 */
export async function createAccount(service, handle) {
  const account = await xrpc(service, 'com.atproto.server.createAccount', {
    body: { handle, email: `office@${handle.replace(/\.test$/, '')}.example`, password: ACCOUNT_PASSWORD },
  });
  const app = await xrpc(service, 'com.atproto.server.createAppPassword', {
    token: account.accessJwt,
    body: { name: 'plan-publisher' },
  });
  return { handle: account.handle, password: app.password, did: account.did };
}

/** com.atproto.repo.getRecord over plain fetch. Returns `{status, body}`; never throws on HTTP errors. */
export async function getRecord(service, repo, collection, rkey) {
  const q = new URLSearchParams({ repo, collection, rkey });
  const res = await fetch(`${service}/xrpc/com.atproto.repo.getRecord?${q}`);
  return { status: res.status, body: await res.json() };
}

/** com.atproto.repo.listRecords over plain fetch (all pages). Returns the records array. */
export async function listRecords(service, repo, collection) {
  const records = [];
  let cursor;
  do {
    const q = new URLSearchParams({ repo, collection, limit: '100' });
    if (cursor) q.set('cursor', cursor);
    const res = await fetch(`${service}/xrpc/com.atproto.repo.listRecords?${q}`);
    const body = await res.json();
    if (!res.ok) throw new Error(`listRecords -> HTTP ${res.status}: ${JSON.stringify(body)}`);
    records.push(...body.records);
    cursor = body.records.length ? body.cursor : undefined;
  } while (cursor);
  return records;
}
