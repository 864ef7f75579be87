/**
 * A small HTTP proxy (node:http only, no undici) in front of the test PDS, to count XRPC calls and to
 * inject faults around a real server:
 *
 *   const proxy = await startBlueskyProxy(pds.service);
 *   proxy.url                                    base URL to give the publisher
 *   proxy.calls('com.atproto.server.createSession')   how many such calls arrived
 *   proxy.inject('com.atproto.repo.createRecord', { kind: 'drop-after-forward' })
 *
 * Faults, consumed in order per NSID:
 *   reply               answer this (or what the function returns for the request); nothing is forwarded
 *   drop-before         destroy the connection; nothing is forwarded
 *   drop-after-forward  forward the call and wait for the PDS's full answer (the record IS created), then
 *                       destroy the client's connection without answering: the client sees a socket error
 *   status-after-forward  forward the call (the record IS created), then answer `status` instead
 *   delay-after-forward   forward the call (the record IS created), then hold the PDS's answer `ms` before
 *                         sending it (unless the client has gone by then)
 *
 * Every request records how it was answered (`answer`: the status sent, or 'dropped'), and whether a
 * fault decided it (`faulted`), so a test can tell the PDS's own refusals from injected ones.
 */
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';

export interface ProxiedRequest {
  method: string;
  nsid: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** What the client got: the status sent, 'dropped', or undefined while pending. */
  answer?: number | 'dropped';
  /** The status the PDS itself answered (undefined when the call was not forwarded). */
  upstreamStatus?: number;
  /** The PDS's own answer body (undefined when the call was not forwarded). */
  upstreamBody?: Buffer;
  faulted: boolean;
}

export interface ProxyReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type ProxyFault =
  | { kind: 'reply'; reply: ProxyReply | ((request: ProxiedRequest) => ProxyReply) }
  | { kind: 'drop-before' }
  | { kind: 'drop-after-forward' }
  | { kind: 'status-after-forward'; status: number; body?: unknown }
  | { kind: 'delay-after-forward'; ms: number };

export interface BlueskyProxy {
  url: string;
  requests: ProxiedRequest[];
  calls(nsid: string): number;
  inject(nsid: string, fault: ProxyFault, times?: number): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer', 'content-length', 'host']);

export async function startBlueskyProxy(target: string): Promise<BlueskyProxy> {
  const upstream = new URL(target);
  const requests: ProxiedRequest[] = [];
  const faults = new Map<string, { fault: ProxyFault; remaining: number }[]>();
  const sockets = new Set<Socket>();

  const take = (nsid: string): ProxyFault | undefined => {
    const queue = faults.get(nsid);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    if (--head.remaining <= 0) queue.shift();
    return head.fault;
  };

  const forward = (req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      headers['content-length'] = String(body.length);
      const out = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const answer: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers)) {
              if (!HOP_BY_HOP.has(name) && value !== undefined) answer[name] = Array.isArray(value) ? value.join(', ') : value;
            }
            resolve({ status: res.statusCode ?? 502, headers: answer, body: Buffer.concat(chunks) });
          });
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const send = (res: http.ServerResponse, status: number, headers: Record<string, string>, body: Buffer) => {
    res.writeHead(status, { ...headers, 'content-length': String(body.length) });
    res.end(body);
  };
  const encode = (body: unknown): Buffer => (body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://proxy');
        const nsid = url.pathname.replace(/^\/xrpc\//, '');
        const fault = take(nsid);
        const request: ProxiedRequest = { method: req.method ?? 'GET', nsid, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks), faulted: fault !== undefined };
        requests.push(request);
        const drop = () => {
          request.answer = 'dropped';
          req.socket.destroy();
        };
        const reply = (status: number, headers: Record<string, string>, body: Buffer) => {
          request.answer = status;
          send(res, status, headers, body);
        };
        if (fault?.kind === 'drop-before') return drop();
        if (fault?.kind === 'reply') {
          const answer = typeof fault.reply === 'function' ? fault.reply(request) : fault.reply;
          return reply(answer.status, { 'content-type': 'application/json; charset=utf-8', ...(answer.headers ?? {}) }, encode(answer.body));
        }
        const answer = await forward(req, request.body);
        request.upstreamStatus = answer.status;
        request.upstreamBody = answer.body;
        if (fault?.kind === 'drop-after-forward') return drop();
        if (fault?.kind === 'status-after-forward') {
          return reply(fault.status, { 'content-type': 'application/json; charset=utf-8' }, encode(fault.body ?? { error: 'UpstreamFailure', message: 'Bad Gateway' }));
        }
        if (fault?.kind === 'delay-after-forward') {
          await new Promise((resolve) => setTimeout(resolve, fault.ms).unref());
          if (req.socket.destroyed) {
            request.answer = 'dropped';
            return;
          }
        }
        reply(answer.status, answer.headers, answer.body);
      })().catch((error: unknown) => {
        if (!res.headersSent) send(res, 502, { 'content-type': 'text/plain' }, Buffer.from(`proxy: ${String(error)}`));
      });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    calls: (nsid) => requests.filter((r) => r.nsid === nsid).length,
    inject(nsid, fault, times = 1) {
      const queue = faults.get(nsid) ?? [];
      queue.push({ fault, remaining: times });
      faults.set(nsid, queue);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
