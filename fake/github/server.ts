/**
 * The fake's HTTP server on 127.0.0.1: records every request (and, when asked, every exchange),
 * answers a queued fault first, else checks the token, parses the JSON body and hands the request
 * to the router; every answer carries GitHub's request id and rate-limit headers.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import { ApiError, type Reply } from './http.ts';
import type { FakeExchange, FakeFault, FakeRequest } from './types.ts';

/** An authenticated request with its parsed body, as the router takes it. */
export type Handler = (method: string, requestPath: string, query: URLSearchParams, headers: http.IncomingHttpHeaders, body: unknown) => Promise<Reply>;

export interface ServerOptions {
  /** The valid token (`Authorization: token X` or `Bearer X`). */
  token: string;
  recordExchanges: boolean;
  handle: Handler;
}

export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  exchanges: FakeExchange[];
  /** Canned answers, each for the next request that matches. */
  faults: FakeFault[];
  close(): Promise<void>;
}

/** One request as it arrived: method, decoded path and query, headers and body bytes. */
interface Incoming {
  method: string;
  rawUrl: string;
  path: string;
  queryString: string;
  headers: http.IncomingHttpHeaders;
  bodyText: string;
}

export async function startServer(options: ServerOptions): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const exchanges: FakeExchange[] = [];
  const faults: FakeFault[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const incoming = parseIncoming(req, Buffer.concat(chunks).toString('utf8'));
        const record: FakeRequest = { method: incoming.method, path: incoming.path, query: incoming.queryString, status: 0 };
        requests.push(record);
        const parsed: { body?: unknown } = {};
        const reply = await answer(options, faults, incoming, parsed);
        record.status = reply.status;
        const sent = send(res, reply);
        if (options.recordExchanges) exchanges.push(exchange(incoming, parsed.body, reply, sent));
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake-github: no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    exchanges,
    faults,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}

function parseIncoming(req: http.IncomingMessage, bodyText: string): Incoming {
  const method = (req.method ?? 'GET').toUpperCase();
  const rawUrl = req.url ?? '/';
  const queryIndex = rawUrl.indexOf('?');
  const rawPath = queryIndex === -1 ? rawUrl : rawUrl.slice(0, queryIndex);
  const queryString = queryIndex === -1 ? '' : rawUrl.slice(queryIndex);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    decoded = rawPath;
  }
  return { method, rawUrl, path: decoded, queryString, headers: req.headers, bodyText };
}

/** The reply to one request: a queued fault that matches, else the route's answer (errors as GitHub's). Sets `parsed.body` once the JSON body is read. */
async function answer(options: ServerOptions, faults: FakeFault[], incoming: Incoming, parsed: { body?: unknown }): Promise<Reply> {
  const { method, path: requestPath, rawUrl } = incoming;
  try {
    const faultIndex = faults.findIndex(
      (fault) =>
        (!fault.match?.method || fault.match.method.toUpperCase() === method) &&
        (!fault.match?.pathIncludes || requestPath.includes(fault.match.pathIncludes) || rawUrl.includes(fault.match.pathIncludes))
    );
    if (faultIndex !== -1) {
      const [fault] = faults.splice(faultIndex, 1) as [FakeFault];
      return {
        status: fault.status,
        body: fault.body ?? { message: http.STATUS_CODES[fault.status] ?? 'Error' },
        headers: fault.headers
      };
    }
    const auth = /^(?:token|bearer)\s+(.+)$/i.exec(String(incoming.headers.authorization ?? '').trim());
    if (!auth || auth[1] !== options.token) throw new ApiError(401, 'Bad credentials', 'https://docs.github.com/rest');
    let body: unknown;
    if (incoming.bodyText.trim() !== '') {
      try {
        body = JSON.parse(incoming.bodyText);
        parsed.body = body;
      } catch {
        throw new ApiError(400, 'Problems parsing JSON', 'https://docs.github.com/rest');
      }
    }
    return await options.handle(method, requestPath, new URLSearchParams(incoming.queryString), incoming.headers, body);
  } catch (err) {
    if (err instanceof ApiError) return { status: err.status, body: err.body, headers: err.headers };
    return { status: 500, body: { message: `fake-github: ${err instanceof Error ? err.message : String(err)}` } };
  }
}

/** Writes the reply with GitHub's headers; returns the headers sent. */
function send(res: http.ServerResponse, reply: Reply): Record<string, string> {
  const reset = Math.floor(Date.now() / 1000) + 3600;
  const headers: Record<string, string> = {
    'x-github-request-id': crypto.randomBytes(8).toString('hex').toUpperCase(),
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': String(reset),
    'x-ratelimit-used': '1',
    'x-ratelimit-resource': 'core'
  };
  let payload: Buffer | undefined;
  if (reply.raw) {
    payload = reply.raw;
  } else if (reply.body !== undefined && reply.status !== 204) {
    payload = Buffer.from(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    headers['content-type'] = 'application/json; charset=utf-8';
    headers['x-github-media-type'] = 'github.v3; format=json';
  }
  for (const [name, value] of Object.entries(reply.headers ?? {})) headers[name.toLowerCase()] = value;
  if (payload) headers['content-length'] = String(payload.length);
  res.writeHead(reply.status, headers);
  res.end(payload);
  return headers;
}

function exchange(incoming: Incoming, requestBody: unknown, reply: Reply, sent: Record<string, string>): FakeExchange {
  return {
    method: incoming.method,
    path: incoming.path,
    query: new URLSearchParams(incoming.queryString),
    requestHeaders: incoming.headers,
    requestBody,
    status: reply.status,
    responseHeaders: sent,
    // as the client receives it: through JSON, so undefined fields are gone
    responseBody:
      reply.raw || reply.body === undefined || reply.status === 204
        ? undefined
        : typeof reply.body === 'string'
          ? reply.body
          : JSON.parse(JSON.stringify(reply.body)),
    raw: reply.raw !== undefined
  };
}
