// The Cursor Admin API client: one page of GET /teams/audit-logs with Basic auth, a client-side rate
// limit and retries (Retry-After or backoff), 401/403 explained, the key redacted. Reading a whole
// window is pagination.ts's. Knows nothing of the toolkit: its clock, sleep, fetch and log are handed in.
import { type AuditEvent, toEvent } from './events.ts';
import { logText } from './log-text.ts';
import type { Clock, Sleep } from './clock.ts';
import { CursorApiError } from './errors.ts';
// Where run.ts imports it from until it imports errors.ts.
import { KeyForms } from './key-forms.ts';
import { type RateLimiter } from './rate-limiter.ts';
import { rawArrayElements } from './raw-json.ts';
import { formatDuration, formatTime, MINUTE, SECOND } from './time.ts';
import type { TimeWindow } from './windows.ts';

export interface CursorClientOptions {
  baseUrl: string;
  apiKey: string;
  pageSize: number;
  eventTypes: string[];
  users: string[];
  requestTimeoutMs: number;
  maxRetries: number;
  /** The client-side rate limit (`requests-per-minute` in any rolling minute), retries included. */
  limiter: RateLimiter;
  fetch?: typeof fetch;
  clock: Clock;
  sleep: Sleep;
  random?: () => number;
  /** Lines for the person reading the run: each retry, and (pagination.ts) each move of a start and each pagination anomaly. */
  log?: (message: string) => void;
  /** Aborts the request in flight when the run is cancelled. */
  signal?: AbortSignal;
  /** When the `time-budget` ends, on `clock`; no retry waits past it. Undefined: no budget. */
  deadline?: number;
}

export interface Pagination {
  page: number;
  pageSize: number;
  totalCount: number;
  totalPages: number;
  hasNextPage: boolean;
}

export interface Page {
  events: AuditEvent[];
  pagination: Pagination;
}

export interface ClientStats {
  requests: number;
  retries: number;
  http429: number;
  /** Time spent waiting: rate limit, Retry-After and backoff. */
  waitMs: number;
}

export const UNAUTHORIZED_HELP =
  'the key is wrong, revoked, truncated or has spaces. It must be an Admin API key (key_ or crsr_ followed by 64 characters) from Dashboard → Settings → Advanced → Admin API Keys, stored in a secret without leading or trailing spaces.';
export const FORBIDDEN_HELP =
  "the key's creator is not a team admin, or the team's plan lacks audit log access (Enterprise). Create the key as a team admin under Dashboard → Settings → Advanced → Admin API Keys, and check that the plan includes audit logs.";

const BACKOFF_BASE_MS = SECOND;
/** The longest wait before a retry, whatever `Retry-After` asks for. */
export const BACKOFF_CAP_MS = MINUTE;
/** The longest request URL the client sends: 8 KB, what servers and proxies commonly accept. */
export const MAX_URL_BYTES = 8192;

export interface AuditLogsQuery {
  /** `startTime` and `endTime`, as sent. */
  startTime: string;
  endTime: string;
  page: number;
  pageSize: number;
  eventTypes: string[];
  users: string[];
}

/** The request URL of one page: the only place it is built (the client, and the input check of its length). */
export function auditLogsUrl(baseUrl: string, query: AuditLogsQuery): string {
  const params = new URLSearchParams({
    startTime: query.startTime,
    endTime: query.endTime,
    page: String(query.page),
    pageSize: String(query.pageSize)
  });
  if (query.eventTypes.length) params.set('eventTypes', query.eventTypes.join(','));
  if (query.users.length) params.set('users', query.users.join(','));
  return `${baseUrl}/teams/audit-logs?${params}`;
}

/** `Retry-After` as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  // Any size is read (the caller caps the wait); kept finite so it can be shown.
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Number.MAX_SAFE_INTEGER, Math.ceil(Number(text) * SECOND));
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${formatDuration(timeoutMs)} (request-timeout)`;
  const code = e?.cause?.code;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `connection reset (${code})`;
  if (code) return `network error (${logText(String(code), 80)})`;
  return `network error (${logText(e?.cause?.message ?? e?.message ?? String(error))})`;
}

function apiMessage(body: string): string {
  try {
    const data = JSON.parse(body) as Record<string, unknown>;
    const parts = [data.error, data.message].filter((x): x is string => typeof x === 'string').map((x) => logText(x));
    const shown = [...new Set(parts.filter((x) => x !== ''))];
    if (shown.length) return shown.join(': ');
  } catch {
    // not JSON: show the text
  }
  return logText(body) || '(empty body)';
}

/** How a window is named in the log and in errors. */
export function windowName(window: TimeWindow): string {
  return `window ${formatTime(window.start)} – ${formatTime(window.end)}`;
}

/** A page's body read: each event with its exact JSON text, and the pagination (a count that is not a number is -1; page and pageSize 0). */
export function readPage(body: string): Page {
  const data = JSON.parse(body) as Record<string, unknown>;
  const pagination = data?.pagination as Record<string, unknown> | undefined;
  if (!data || !Array.isArray(data.events) || !pagination || typeof pagination !== 'object') {
    throw new SyntaxError('the body has no "events" array or no "pagination" object');
  }
  const raw = rawArrayElements(body, 'events');
  if (!raw || raw.length !== data.events.length) throw new SyntaxError('the "events" array could not be read');
  const list = data.events as unknown[];
  const events = raw.map((line, i) => {
    const obj = list[i];
    return toEvent(line, obj && typeof obj === 'object' && !Array.isArray(obj) ? (obj as Record<string, unknown>) : {});
  });
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return {
    events,
    pagination: {
      page: num(pagination.page, 0),
      pageSize: num(pagination.pageSize, 0),
      totalCount: num(pagination.totalCount, -1),
      totalPages: num(pagination.totalPages, -1),
      hasNextPage: pagination.hasNextPage === true
    }
  };
}

/** One request's outcome: the page, or why it failed (to be retried). */
type Attempt = { page: Page } | { failure: string; retryAfter?: number };

export class CursorClient {
  readonly stats: ClientStats = { requests: 0, retries: 0, http429: 0, waitMs: 0 };
  private readonly limiter: RateLimiter;
  readonly options: CursorClientOptions;
  private readonly key: KeyForms;
  private readonly fetch: typeof fetch;
  private readonly random: () => number;

  constructor(options: CursorClientOptions) {
    this.options = options;
    this.key = new KeyForms(options.apiKey);
    this.fetch = options.fetch ?? globalThis.fetch;
    this.random = options.random ?? Math.random;
    this.limiter = options.limiter;
  }

  /** Removes the key in any form from a text that may reach a log. */
  redact(text: string): string {
    return this.key.redact(text);
  }

  url(window: TimeWindow, page: number): string {
    return auditLogsUrl(this.options.baseUrl, {
      startTime: formatTime(window.start),
      endTime: formatTime(window.end),
      page,
      pageSize: this.options.pageSize,
      eventTypes: this.options.eventTypes,
      users: this.options.users
    });
  }

  /** One page, with retries. Throws CursorApiError when refused or out of retries. */
  async fetchPage(window: TimeWindow, page: number): Promise<Page> {
    const where = `${windowName(window)}, page ${page}`;
    const url = this.url(window, page);
    for (let attempt = 0; ; attempt++) {
      const answer = await this.request(url, where);
      if ('page' in answer) return answer.page;
      const { failure, retryAfter } = answer;
      if (attempt >= this.options.maxRetries) {
        throw new CursorApiError(
          'exhausted',
          `Cursor API request failed for ${where} after ${attempt + 1} attempt(s): ${failure}. The windows before it were stored; run again later, or raise max-retries or request-timeout.`
        );
      }
      const { delay, capped } = this.retryWait(attempt, retryAfter);
      this.options.log?.(
        `Retry ${attempt + 1}/${this.options.maxRetries} of ${where}: ${failure}; waiting ${formatDuration(delay)}${capped ? ` (${capped})` : ''}.`
      );
      this.holdBack(delay);
    }
  }

  /** Counts a retry the caller decided on (a page asked for again) and holds the next request back by the backoff of retry `attempt + 1`. */
  retryAfterBackoff(attempt: number): void {
    this.holdBack(this.backoff(attempt));
  }

  /**
   * One request, once the rate limit grants it: the page, or why it failed when a retry may help
   * (the network, a 5xx, a 429, a malformed page). Throws CursorApiError when refused or cancelled.
   */
  private async request(url: string, where: string): Promise<Attempt> {
    const grant = await this.limiter.acquire();
    this.stats.waitMs += grant.waitedMs;
    this.throwIfCancelled(where);
    this.stats.requests++;
    try {
      const res = await this.fetch(url, { headers: { Authorization: this.key.authorization, Accept: 'application/json' }, signal: this.requestSignal() });
      grant.done();
      return this.readAnswer(res.status, res.headers, await res.text(), where);
    } catch (e) {
      grant.done();
      if (e instanceof CursorApiError) throw e;
      this.throwIfCancelled(where);
      return { failure: this.redact(describeNetworkError(e, this.options.requestTimeoutMs)) };
    }
  }

  /** Ends a request at request-timeout, or when the run is cancelled. */
  private requestSignal(): AbortSignal {
    const timeout = AbortSignal.timeout(this.options.requestTimeoutMs);
    return this.options.signal ? AbortSignal.any([timeout, this.options.signal]) : timeout;
  }

  /** An answer: a page (200), a failure to retry (malformed page, 429, 5xx); any other status is thrown as a refusal. */
  private readAnswer(status: number, headers: Headers, body: string, where: string): Attempt {
    if (status === 200) {
      try {
        return { page: readPage(body) };
      } catch (e) {
        return { failure: `malformed JSON in the answer (${this.redact(logText((e as Error).message))})` };
      }
    }
    if (status === 429) {
      this.stats.http429++;
      const retryAfter = parseRetryAfter(headers.get('retry-after'), this.options.clock.now());
      return { failure: `rate limited (429${retryAfter !== undefined ? `, Retry-After ${formatDuration(retryAfter)}` : ''})`, retryAfter };
    }
    if (status >= 500) return { failure: `server error ${status} (${this.redact(apiMessage(body))})` };
    throw this.refusal(status, this.redact(apiMessage(body)), where);
  }

  /** Counts a retry and holds every request back by `delay`. */
  private holdBack(delay: number): void {
    this.stats.retries++;
    this.limiter.blockUntil(this.options.clock.now() + delay);
  }

  private throwIfCancelled(where: string): void {
    if (this.options.signal?.aborted) throw new CursorApiError('cancelled', `Cancelled during ${where}.`);
  }

  /**
   * The wait before retry `attempt + 1`: `Retry-After` when given, else the backoff; never more than
   * BACKOFF_CAP_MS, nor more than what is left of the time budget (at least BACKOFF_BASE_MS, so a
   * spent budget never retries in a tight loop). `capped` says when and why the wait was capped.
   */
  private retryWait(attempt: number, retryAfter: number | undefined): { delay: number; capped?: string } {
    const wanted = retryAfter ?? this.backoff(attempt);
    const left = this.options.deadline === undefined ? Infinity : this.options.deadline - this.options.clock.now();
    const cap = Math.min(BACKOFF_CAP_MS, Math.max(BACKOFF_BASE_MS, left));
    if (wanted <= cap) return { delay: wanted };
    const why = cap === BACKOFF_CAP_MS ? 'the longest wait' : left > BACKOFF_BASE_MS ? 'what is left of time-budget' : 'time-budget is used up';
    return { delay: cap, capped: `${retryAfter !== undefined ? 'Retry-After' : 'backoff'} ${formatDuration(wanted)} capped to ${formatDuration(cap)}, ${why}` };
  }

  private backoff(attempt: number): number {
    return Math.round(Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt) * (0.5 + this.random() * 0.5));
  }

  private refusal(status: number, message: string, where: string): CursorApiError {
    if (status === 401) return new CursorApiError('unauthorized', `Cursor API answered 401 Unauthorized: ${UNAUTHORIZED_HELP} (API said: ${message})`, status);
    if (status === 403) return new CursorApiError('forbidden', `Cursor API answered 403 Forbidden: ${FORBIDDEN_HELP} (API said: ${message})`, status);
    // A 400 is decided by the window, never by its wording: pagination.ts takes one near the retention limit as that limit.
    return new CursorApiError('refused', `Cursor API refused ${where} with ${status}: ${message}`, status);
  }
}
