// A package registry on 127.0.0.1 that serves one package, plan's packed tarball, the way the npm
// registry would once it is published: npm installs it by name, and a lock file records it as from
// there. Every other package comes from the registry npm is configured with.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRegistry {
  /** Base URL, with a trailing slash, for `@scope:registry=`. */
  url: string;
  /** Requests received, as "METHOD path". */
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeRegistry(tarball: string, manifest: { name: string; version: string }): Promise<FakeRegistry> {
  const bytes = readFileSync(tarball);
  const integrity = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
  const shasum = createHash('sha1').update(bytes).digest('hex');
  const tarballPath = `/${manifest.name}/-/${manifest.name.split('/').pop()}-${manifest.version}.tgz`;
  const requests: string[] = [];
  let base = '';
  const server = http.createServer((request, response) => {
    const url = decodeURIComponent(request.url ?? '/');
    requests.push(`${request.method} ${url}`);
    if (request.method === 'GET' && url === `/${manifest.name}`) {
      const version = { ...manifest, _id: `${manifest.name}@${manifest.version}`, dist: { tarball: `${base.replace(/\/$/, '')}${tarballPath}`, integrity, shasum } };
      const packument = { name: manifest.name, 'dist-tags': { latest: manifest.version }, versions: { [manifest.version]: version } };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument));
    } else if (request.method === 'GET' && url === tarballPath) {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length }).end(bytes);
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url: base, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
