// Smoke test of the offline PDS, using only plain fetch like plan's publisher.
// Run: cd test/bluesky && node smoke.mjs   (prints a JSON summary, exits 0 on success)
import dns from 'node:dns';
import net from 'node:net';
import zlib from 'node:zlib';
import { startPds, getRecord, listRecords } from './pds.mjs';

// ---- network guard: record any lookup of, or connection to, a non-loopback host
const outside = [];
const isLoopbackName = (h) => h === 'localhost' || h === '::1' || /^127\./.test(h) || h === '[::1]';
for (const [obj, name] of [[dns, 'lookup'], [dns.promises, 'lookup'], [dns, 'resolve'], [dns, 'resolve4'], [dns, 'resolve6'], [dns, 'resolveTxt'], [dns.promises, 'resolveTxt']]) {
  const orig = obj[name];
  obj[name] = function (host, ...rest) {
    if (!isLoopbackName(String(host))) outside.push(`dns.${name}(${host})`);
    return orig.call(this, host, ...rest);
  };
}
const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const o = Array.isArray(args[0]) ? args[0][0] : args[0];
  const host = typeof o === 'object' && o ? (o.host ?? (o.path ? 'unix' : 'localhost')) : typeof args[1] === 'string' ? args[1] : 'localhost';
  if (host !== 'unix' && !isLoopbackName(String(host))) outside.push(`connect(${host})`);
  return origConnect.apply(this, args);
};

// ---- a 1x1 PNG made here
function crc32(buf) {
  let c = ~0;
  for (const b of buf) { c ^= b; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]); // 1x1, 8-bit RGB
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(Buffer.from([0, 0x2e, 0x8b, 0x57]))),
  chunk('IEND', Buffer.alloc(0)),
]);

async function call(service, nsid, { token, json, bytes, contentType } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let body;
  if (json !== undefined) { headers['content-type'] = 'application/json'; body = JSON.stringify(json); }
  if (bytes !== undefined) { headers['content-type'] = contentType; body = bytes; }
  const res = await fetch(`${service}/xrpc/${nsid}`, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed; try { parsed = JSON.parse(text); } catch { parsed = text; }
  return { status: res.status, body: parsed };
}
function must(r, what) {
  if (r.status !== 200) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const summary = {};
const t0 = performance.now();
const pds = await startPds();
summary.startPdsMs = Math.round(performance.now() - t0);
summary.service = pds.service;
summary.handle = pds.handle;
summary.did = pds.did;
summary.appPasswordShape = pds.password.replace(/[a-z0-9]/g, 'x');

let failed = false;
try {
  const { service } = pds;
  const session = must(await call(service, 'com.atproto.server.createSession', { json: { identifier: pds.handle, password: pds.password } }), 'createSession');
  summary.session = { did: session.did, handle: session.handle, emailConfirmed: session.emailConfirmed, active: session.active };
  const token = session.accessJwt;

  const badLogin = await call(service, 'com.atproto.server.createSession', { json: { identifier: pds.handle, password: 'wrong-pass-word-xxxx' } });
  summary.wrongPassword = badLogin;

  const blob = must(await call(service, 'com.atproto.repo.uploadBlob', { token, bytes: png, contentType: 'image/png' }), 'uploadBlob').blob;
  summary.blob = blob;

  const link = 'https://cedarvalley.example/flu';
  const prefix = 'Flu shots — walk in Mon–Fri 🩺 ';
  const text = `${prefix}${link} #FluSeason`;
  const byteStart = Buffer.byteLength(prefix, 'utf8');
  const byteEnd = byteStart + Buffer.byteLength(link, 'utf8');
  const tagStart = Buffer.byteLength(`${prefix}${link} `, 'utf8');
  const record = {
    $type: 'app.bsky.feed.post',
    text,
    createdAt: new Date().toISOString(),
    langs: ['en'],
    facets: [
      { index: { byteStart, byteEnd }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: link }] },
      { index: { byteStart: tagStart, byteEnd: Buffer.byteLength(text, 'utf8') }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'FluSeason' }] },
    ],
    embed: { $type: 'app.bsky.embed.images', images: [{ alt: 'Nurse holding a flu vaccine', image: blob, aspectRatio: { width: 1, height: 1 } }] },
  };

  // explicit rkeys: a TID-shaped one, and a free-form one (app.bsky.feed.post's lexicon says key: "tid")
  const rkeyTid = '3m2plan2flu22';
  const rkeyFree = 'plan-flu-2026-10-01';
  const create = (rkey, rec = record) => call(service, 'com.atproto.repo.createRecord', { token, json: { repo: pds.did, collection: 'app.bsky.feed.post', rkey, record: rec } });

  const first = await create(rkeyTid);
  summary.createTid = first;
  must(first, 'createRecord');
  summary.duplicateSameRecord = await create(rkeyTid);
  summary.duplicateOtherText = await create(rkeyTid, { ...record, text: 'different', facets: [] });
  summary.createFreeFormRkey = await create(rkeyFree);
  if (summary.createFreeFormRkey.status === 200) summary.duplicateFreeFormRkey = await create(rkeyFree);

  summary.readBack = await getRecord(service, pds.did, 'app.bsky.feed.post', rkeyTid);
  summary.readMissing = await getRecord(service, pds.did, 'app.bsky.feed.post', '3m2plan2zzz22');
  summary.listed = (await listRecords(service, pds.did, 'app.bsky.feed.post')).map((r) => r.uri);
  summary.byteOffsetsOk = Buffer.from(summary.readBack.body.value.text, 'utf8').subarray(byteStart, byteEnd).toString('utf8') === link;
} catch (err) {
  failed = true;
  summary.error = String(err?.stack ?? err);
} finally {
  const t1 = performance.now();
  await pds.close();
  summary.closeMs = Math.round(performance.now() - t1);
}
summary.outsideNetworkCalls = outside;
summary.activeResourcesAfterClose = process.getActiveResourcesInfo();
console.log(JSON.stringify(summary, null, 2));
if (failed || outside.length) process.exitCode = 1;
