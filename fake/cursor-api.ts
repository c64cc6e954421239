// A faithful fake of the Cursor Admin API audit-log endpoint (`GET /teams/audit-logs`), served over
// real HTTP on loopback, for the tests and the demo. Events are stored as raw JSON text and response
// bodies are built by concatenating those texts, so whatever a test serves (big numbers, escapes,
// key order) reaches the client byte for byte. Faults can be injected per request.
//
// By default it answers as the public record says (docs/cursor-api.md names the source of each
// behaviour; the comments `§ name` below point to its sections). Where the record is silent the
// fake picks the harsher plausible answer, and an option gives the other one.
//
// CLI: node fake/cursor-api.ts --port 8787 --events 2000 --days 30 [--seed 1] [--key crsr_...]

import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRng, generateEvents, TEAM_ID } from './events.ts';

// Re-exported so a test needs one import for the server and its data.
export { ADMIN_API_EVENT_TYPES, EVENT_TYPES, generateEvents, makeEvent } from './events.ts';

export const DEFAULT_API_KEY = 'crsr_' + 'a'.repeat(64);
export const AUDIT_LOGS_PATH = '/teams/audit-logs';

const DAY_MS = 86_400_000;

export interface FaultMatch {
  /** Only a request for this page (1 when the request has no `page`). */
  page?: number;
  /** Only a request with this `startTime` (the same instant, or the same text when unparseable). */
  startTime?: string;
}

interface FaultBase {
  match?: FaultMatch;
}
/** Answer with this status (e.g. 429 with `Retry-After`, 500, 502, 503). Default body in Cursor's shape, `{"error":"<reason>","message":"…"}`. */
export interface StatusFault extends FaultBase {
  kind: 'status';
  status: number;
  headers?: Record<string, string>;
  body?: string;
}
/** Destroy the socket without any response. */
export interface ResetFault extends FaultBase {
  kind: 'reset';
}
/** 200 and the first half of the real body, ended cleanly (Content-Length of the half): malformed JSON. */
export interface TruncateFault extends FaultBase {
  kind: 'truncate';
}
/** Headers with the full Content-Length, half the body, then the socket is destroyed. */
export interface TruncateAbortFault extends FaultBase {
  kind: 'truncate-abort';
}
/** 200 with an HTML page. */
export interface NonJsonFault extends FaultBase {
  kind: 'nonjson';
}
/** Wait `delayMs` of real time, then answer normally. */
export interface SlowFault extends FaultBase {
  kind: 'slow';
  delayMs: number;
}
/** 200 with no events, but `hasNextPage: true` (the rest of the pagination is the real one). */
export interface EmptyPageFault extends FaultBase {
  kind: 'empty-page';
}
/** The real page, with `pagination.totalPages` replaced. */
export interface WrongTotalPagesFault extends FaultBase {
  kind: 'wrong-total-pages';
  totalPages: number;
}
export type Fault = StatusFault | ResetFault | TruncateFault | TruncateAbortFault | NonJsonFault | SlowFault | EmptyPageFault | WrongTotalPagesFault;

export interface RecordedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The query parameters, decoded (the first value of a repeated name). */
  query: Record<string, string>;
  authorization: string | undefined;
  /** The status answered; 0 while pending or when the socket was reset. */
  status: number;
  /** The injected clock when the request arrived. */
  at: number;
  /** The injected clock when the answer was handed to the socket (or the socket reset); undefined while pending. */
  answeredAt?: number;
  /** The kind of the fault applied, if any. */
  fault?: string;
}

export interface FakeCursorApiOptions {
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** The one valid key (default `crsr_` + 64 × `a`). */
  apiKey?: string;
  /** Keys that authenticate but are answered 403. */
  forbiddenKeys?: string[];
  /** Events as objects, or as raw JSON texts served exactly as given. */
  events?: Array<Record<string, unknown> | string>;
  /** Rolling-window limit on requests that pass auth (default 20 per 60 000 ms, § Rate limit); null/false: none. */
  rateLimit?: { limit: number; windowMs: number } | null | false;
  /** Clock for the rate limit, retention and default times (default Date.now). */
  now?: () => number;
  /**
   * Retention (§ Retention): a startTime older than now − retentionDays days, `now` read at each
   * request, is refused with 400 `startTime cannot be more than N days in the past`. Default 30;
   * false (or null, 0) turns it off, for a test that serves older data on purpose.
   */
  retentionDays?: number | false | null;
  /** Longest accepted endTime − startTime (default 30 days, § Date range). */
  maxRangeDays?: number;
  /** Largest pageSize (default 500, § Paging). */
  maxPageSize?: number;
  /** pageSize when the request has none (default 100, § Paging). */
  defaultPageSize?: number;
  /**
   * Order of the events across pages (§ Order). Default 'oldest-first' (timestamp ascending, ties
   * by event_id ascending), as Cursor's compliance page says; 'newest-first' as its Admin API example shows.
   */
  order?: 'oldest-first' | 'newest-first';
  /**
   * `Retry-After` on the fake's own 429s (§ Rate limit): false (default: Cursor documents none),
   * true or 'seconds' (delta seconds), 'date' (an HTTP date).
   */
  retryAfter?: boolean | 'seconds' | 'date';
  /** `params.teamId` in every page (default the generator's team, 4817203). */
  teamId?: number;
  /**
   * Order of events that share a timestamp (default 'stable': event_id descending). With 'shuffle',
   * each request serves every group of ties in a new random order, so offset paging can repeat or
   * skip events across pages (the API pages by offset and promises no tie order).
   */
  tieOrder?: 'stable' | 'shuffle';
  /** Seed of the PRNG behind `tieOrder: 'shuffle'` (default 1); each request draws a new order from it. */
  seed?: number;
  /** Every page says `hasNextPage: true`, past the end too (pages past the end are empty). */
  endlessNextPage?: boolean;
  /** Most entries accepted in `users` (default: the request's pageSize, as Cursor documents). */
  maxUsers?: number;
  /** Called for every request at the fault stage (after auth and the rate limit); a fault it returns wins over the queue. */
  onRequest?: (req: RecordedRequest) => Fault | undefined;
}

export interface FakeCursorApi {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  /** The valid API key. */
  apiKey: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  addEvents(events: Array<Record<string, unknown> | string>): void;
  setEvents(events: Array<Record<string, unknown> | string>): void;
  eventCount(): number;
  /** Append faults to the FIFO queue. */
  injectFaults(...faults: Fault[]): void;
  /** How many injected faults have not been consumed yet. */
  pendingFaults(): number;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Time

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Nanoseconds since the epoch of an RFC 3339 date-time, or undefined. */
export function parseRfc3339(text: string): bigint | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  let offsetMinutes = 0;
  if (m[9]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  const ms = d.getTime() - offsetMinutes * 60_000;
  const fraction = BigInt((m[7] ?? '').padEnd(9, '0'));
  return BigInt(ms) * 1_000_000n + fraction;
}

/** Nanoseconds of an event timestamp: RFC 3339, else whatever Date.parse reads, else undefined. */
function eventInstant(value: unknown): bigint | undefined {
  if (typeof value !== 'string') return undefined;
  const exact = parseRfc3339(value);
  if (exact !== undefined) return exact;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? BigInt(ms) * 1_000_000n : undefined;
}

const msToNs = (ms: number): bigint => BigInt(Math.floor(ms)) * 1_000_000n;

// ---------------------------------------------------------------------------------------------
// Events

interface StoredEvent {
  raw: string;
  /** Nanoseconds; undefined for an event without a readable timestamp (served in every range, last). */
  ns: bigint | undefined;
  id: string;
  type: string | undefined;
  /** Lower-cased user_email / user_id, for the `users` filter. */
  users: string[];
}

function storeEvent(event: Record<string, unknown> | string): StoredEvent {
  let raw: string;
  let data: unknown;
  if (typeof event === 'string') {
    raw = event;
    try {
      data = JSON.parse(raw);
    } catch {
      throw new TypeError(`fake Cursor API: an event given as text is not valid JSON: ${raw.slice(0, 80)}`);
    }
  } else {
    raw = JSON.stringify(event);
    if (raw === undefined) throw new TypeError('fake Cursor API: an event is not serialisable');
    data = event;
  }
  const obj = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const id = typeof obj.event_id === 'string' ? obj.event_id : typeof obj.event_id === 'number' ? String(obj.event_id) : '';
  const users: string[] = [];
  for (const key of ['user_email', 'user_id']) {
    const v = obj[key];
    if (typeof v === 'string' && v !== '') users.push(v.toLowerCase());
  }
  return { raw, ns: eventInstant(obj.timestamp), id, type: typeof obj.event_type === 'string' ? obj.event_type : undefined, users };
}

/** Newest first: timestamp desc, then event_id desc; undated events last. */
function compareNewestFirst(a: StoredEvent, b: StoredEvent): number {
  if (a.ns !== b.ns) {
    if (a.ns === undefined) return 1;
    if (b.ns === undefined) return -1;
    return a.ns > b.ns ? -1 : 1;
  }
  return a.id > b.id ? -1 : a.id < b.id ? 1 : 0;
}

/** Oldest first: timestamp asc, then event_id asc; undated events last. */
function compareOldestFirst(a: StoredEvent, b: StoredEvent): number {
  if (a.ns !== b.ns) {
    if (a.ns === undefined) return 1;
    if (b.ns === undefined) return -1;
    return a.ns < b.ns ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A `startTime`/`endTime` in any format Cursor documents (§ Date formats): RFC 3339 / ISO 8601 with a
 * zone, `YYYY-MM-DD` (00:00 UTC), Unix seconds or milliseconds (12 digits or more read as ms),
 * `now`, `today`, `yesterday` (00:00 UTC of that day), `<n>d`, `<n>h`, `<n>s` (before `at`).
 */
export function parseCursorTime(text: string, at: number): bigint | undefined {
  const exact = parseRfc3339(text);
  if (exact !== undefined) return exact;
  const midnight = (ms: number): number => ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
  if (text === 'now') return msToNs(at);
  if (text === 'today') return msToNs(midnight(at));
  if (text === 'yesterday') return msToNs(midnight(at) - DAY_MS);
  const rel = /^(\d{1,9})([dhs])$/.exec(text);
  if (rel) return msToNs(at - Number(rel[1]) * { d: DAY_MS, h: 3_600_000, s: 1000 }[rel[2] as 'd' | 'h' | 's']);
  if (/^\d{1,16}$/.test(text)) return msToNs(text.length >= 12 ? Number(text) : Number(text) * 1000);
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) return parseRfc3339(`${text}T00:00:00Z`);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Answers

interface Pagination {
  page: number;
  pageSize: number;
  totalCount: number;
  totalPages: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

interface Params {
  teamId: number;
  /** The range served, epoch milliseconds. */
  startDate: number;
  endDate: number;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** For a successful page: what the body was built from, so faults can rebuild it. */
  page?: { raws: string[]; pagination: Pagination; params: Params };
}

const JSON_TYPE = 'application/json; charset=utf-8';

// § Response shape: events, pagination, and a top-level params object.
function pageBody(raws: string[], pagination: Pagination, params: Params): string {
  return `{"events":[${raws.join(',')}],"pagination":${JSON.stringify(pagination)},"params":${JSON.stringify(params)}}`;
}

function pageAnswer(raws: string[], pagination: Pagination, params: Params): Answer {
  return { status: 200, headers: { 'Content-Type': JSON_TYPE }, body: pageBody(raws, pagination, params), page: { raws, pagination, params } };
}

// ---------------------------------------------------------------------------------------------
// Error answers

/** The `message` Cursor documents for each status (§ Errors); our own words where it documents none. */
const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Invalid API key',
  403: 'Enterprise access required',
  404: 'Resource not found',
  429: 'Rate limit exceeded. Please try again later.',
  500: 'An unexpected error occurred'
};
const defaultMessage = (status: number): string => DEFAULT_MESSAGES[status] ?? STATUS_CODES[status] ?? `HTTP ${status}`;

/** The body of an error in Cursor's documented shape, `{"error":"<reason phrase>","message":"<detail>"}` (§ Errors). */
const cursorErrorBody = (status: number, message: string): string => JSON.stringify({ error: STATUS_CODES[status] ?? `HTTP ${status}`, message });

/** An error answer in Cursor's documented shape (§ Errors). */
const cursorError = (status: number, message: string, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'Content-Type': JSON_TYPE, ...headers },
  body: cursorErrorBody(status, message)
});
const badRequest = (message: string): Answer => cursorError(400, message);

/** Whether a step of the request's handling produced a refusal rather than its value. */
const isAnswer = (value: object): value is Answer => 'status' in value && 'body' in value;

// ---------------------------------------------------------------------------------------------
// Settings: the options with their defaults

interface Settings {
  apiKey: string;
  forbiddenKeys: Set<string>;
  now: () => number;
  rateLimit: { limit: number; windowMs: number } | undefined;
  maxRangeDays: number;
  maxPageSize: number;
  defaultPageSize: number;
  retentionDays: number | undefined;
  compare: (a: StoredEvent, b: StoredEvent) => number;
  retryAfter: 'seconds' | 'date' | undefined;
  teamId: number;
  shuffleTies: boolean;
  endlessNextPage: boolean;
  maxUsers: number | undefined;
  onRequest: ((req: RecordedRequest) => Fault | undefined) | undefined;
}

function resolveSettings(options: FakeCursorApiOptions): Settings {
  return {
    apiKey: options.apiKey ?? DEFAULT_API_KEY,
    forbiddenKeys: new Set(options.forbiddenKeys ?? []),
    now: options.now ?? Date.now,
    rateLimit: options.rateLimit === undefined ? { limit: 20, windowMs: 60_000 } : options.rateLimit || undefined,
    maxRangeDays: options.maxRangeDays ?? 30,
    maxPageSize: options.maxPageSize ?? 500,
    defaultPageSize: options.defaultPageSize ?? 100,
    retentionDays: options.retentionDays === undefined ? 30 : options.retentionDays || undefined,
    compare: options.order === 'newest-first' ? compareNewestFirst : compareOldestFirst,
    retryAfter: options.retryAfter === true ? 'seconds' : options.retryAfter || undefined,
    teamId: options.teamId ?? TEAM_ID,
    shuffleTies: options.tieOrder === 'shuffle',
    endlessNextPage: options.endlessNextPage === true,
    maxUsers: options.maxUsers,
    onRequest: options.onRequest
  };
}

/** The events the fake holds, kept in the served order. */
class EventStore {
  list: StoredEvent[] = [];
  private readonly compare: (a: StoredEvent, b: StoredEvent) => number;
  constructor(compare: (a: StoredEvent, b: StoredEvent) => number) {
    this.compare = compare;
  }
  set(events: Array<Record<string, unknown> | string>): void {
    this.list = events.map(storeEvent).sort(this.compare);
  }
  add(events: Array<Record<string, unknown> | string>): void {
    this.list = this.list.concat(events.map(storeEvent)).sort(this.compare);
  }
}

// ---------------------------------------------------------------------------------------------
// Authentication

// § Authentication: HTTP Basic, the key as user name, an empty password.
function checkAuth(header: string | undefined, settings: Settings): 'ok' | 'forbidden' | 'unauthorized' {
  const m = header === undefined ? null : /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header);
  if (!m) return 'unauthorized';
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || colon !== decoded.length - 1) return 'unauthorized'; // key as user name, empty password
  const key = decoded.slice(0, colon);
  if (key === settings.apiKey) return 'ok';
  if (settings.forbiddenKeys.has(key)) return 'forbidden';
  return 'unauthorized';
}

/** § Errors: 401 and 403 as Cursor documents them; undefined for the valid key. */
function authRefusal(header: string | undefined, settings: Settings): Answer | undefined {
  const auth = checkAuth(header, settings);
  if (auth === 'unauthorized') return cursorError(401, defaultMessage(401));
  if (auth === 'forbidden') return cursorError(403, defaultMessage(403));
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Rate limit

/** A rolling window over the requests that pass auth (§ Rate limit); its own 429s are not counted. */
class RollingRateLimit {
  /** Clock values of the requests counted, oldest first. */
  private counted: number[] = [];
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly retryAfter: Settings['retryAfter'];
  constructor(limit: number, windowMs: number, retryAfter: Settings['retryAfter']) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.retryAfter = retryAfter;
  }

  /** The 429 for a request at `at` over the limit; otherwise counts it and returns undefined. */
  refusal(at: number): Answer | undefined {
    this.counted = this.counted.filter((t) => t > at - this.windowMs);
    if (this.counted.length >= this.limit) return this.tooManyRequests(at);
    this.counted.push(at);
    return undefined;
  }

  // § Rate limit: 429 in Cursor's shape; Retry-After only when a test asks for it.
  private tooManyRequests(at: number): Answer {
    const oldest = this.counted[0] as number;
    const seconds = Math.max(1, Math.ceil((oldest + this.windowMs - at) / 1000));
    const headers: Record<string, string> = {};
    if (this.retryAfter === 'seconds') headers['Retry-After'] = String(seconds);
    if (this.retryAfter === 'date') headers['Retry-After'] = new Date(at + seconds * 1000).toUTCString();
    return cursorError(429, defaultMessage(429), headers);
  }
}

// ---------------------------------------------------------------------------------------------
// Request parsing and validation

interface AuditQuery {
  /** The range served, nanoseconds, both ends included. */
  start: bigint;
  end: bigint;
  page: number;
  pageSize: number;
  /** Event types asked for; empty: all. */
  types: Set<string>;
  /** Lower-cased users asked for; empty: all. */
  users: Set<string>;
}

function splitList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function parsePositiveInt(value: string): number | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

/** The request's `startTime` or `endTime`: undefined when absent, a 400 when unreadable. */
function parseTimeParameter(query: Record<string, string>, name: 'startTime' | 'endTime', at: number): bigint | Answer | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  const ns = parseCursorTime(value, at);
  return ns ?? badRequest(`Invalid ${name}: ${JSON.stringify(value)}`);
}

/** The range asked for, checked against the longest range and the retention. */
function parseRange(query: Record<string, string>, at: number, settings: Settings): { start: bigint; end: bigint } | Answer {
  const start0 = parseTimeParameter(query, 'startTime', at);
  if (typeof start0 === 'object') return start0;
  const end0 = parseTimeParameter(query, 'endTime', at);
  if (typeof end0 === 'object') return end0;
  // § Date range: endTime defaults to now, startTime to 7 days ago; at most 30 days apart.
  const end = end0 ?? msToNs(at);
  const start = start0 ?? msToNs(at - 7 * DAY_MS);
  if (end < start) return badRequest('endTime must not be before startTime');
  const { maxRangeDays, retentionDays } = settings;
  if (end - start > msToNs(maxRangeDays * DAY_MS)) return badRequest(`Date range cannot exceed ${maxRangeDays} days`);
  // § Retention: 30 days (Elastic's figure; Cursor publishes none), measured at this request; the
  // wording is the one a run against Cursor saw (issue 11), in Cursor's error shape.
  if (retentionDays !== undefined && start < msToNs(at - retentionDays * DAY_MS)) {
    return badRequest(`startTime cannot be more than ${retentionDays} days in the past`);
  }
  return { start, end };
}

// § Paging: page 1-based (default 1), pageSize 1..500 (default 100).
function parsePaging(query: Record<string, string>, settings: Settings): { page: number; pageSize: number } | Answer {
  let page = 1;
  if (query.page !== undefined) {
    const n = parsePositiveInt(query.page);
    if (n === undefined) return badRequest('page must be a positive integer');
    page = n;
  }
  let pageSize = settings.defaultPageSize;
  if (query.pageSize !== undefined) {
    const n = parsePositiveInt(query.pageSize);
    if (n === undefined || n > settings.maxPageSize) return badRequest(`pageSize must be between 1 and ${settings.maxPageSize}`);
    pageSize = n;
  }
  return { page, pageSize };
}

/** The audit-log request's parameters, or the 400 Cursor would answer, checked in Cursor's order. */
function parseAuditQuery(query: Record<string, string>, at: number, settings: Settings): AuditQuery | Answer {
  const range = parseRange(query, at, settings);
  if (isAnswer(range)) return range;
  const paging = parsePaging(query, settings);
  if (isAnswer(paging)) return paging;
  const userList = splitList(query.users);
  const maxUsers = settings.maxUsers ?? paging.pageSize;
  if (userList.length > maxUsers) {
    // § Users filter and its cap: at most pageSize users per request.
    return cursorError(400, `Too many users: ${userList.length} given, at most ${maxUsers} per request (the pageSize)`);
  }
  const types = new Set(splitList(query.eventTypes));
  const users = new Set(userList.map((u) => u.toLowerCase()));
  return { ...range, ...paging, types, users };
}

// ---------------------------------------------------------------------------------------------
// Paging and tie order

/** The events in the query's range (undated ones always), of its types, for its users; in served order. */
function selectEvents(events: StoredEvent[], query: AuditQuery): StoredEvent[] {
  const { start, end, types, users } = query;
  return events.filter(
    (e) =>
      (e.ns === undefined || (e.ns >= start && e.ns <= end)) &&
      (types.size === 0 || (e.type !== undefined && types.has(e.type))) &&
      (users.size === 0 || e.users.some((u) => users.has(u)))
  );
}

/** Fisher–Yates shuffle, in place, of each run of events sharing a timestamp. */
function shuffleTies(list: StoredEvent[], rng: () => number): void {
  let i = 0;
  while (i < list.length) {
    let j = i + 1;
    while (j < list.length && (list[j] as StoredEvent).ns === (list[i] as StoredEvent).ns) j++;
    for (let k = j - 1; k > i; k--) {
      const r = i + Math.floor(rng() * (k - i + 1));
      const t = list[k] as StoredEvent;
      list[k] = list[r] as StoredEvent;
      list[r] = t;
    }
    i = j;
  }
}

/** The query's page of `selected` (offset paging), with its pagination and params. */
function servePage(selected: StoredEvent[], query: AuditQuery, settings: Settings): Answer {
  const { page, pageSize, start, end } = query;
  const totalCount = selected.length;
  const totalPages = Math.ceil(totalCount / pageSize);
  const raws = selected.slice((page - 1) * pageSize, page * pageSize).map((e) => e.raw);
  const params: Params = { teamId: settings.teamId, startDate: Number(start / 1_000_000n), endDate: Number(end / 1_000_000n) };
  // § Pagination fields: totalPages 0 when nothing matches; hasNextPage page < totalPages.
  return pageAnswer(
    raws,
    {
      page,
      pageSize,
      totalCount,
      totalPages,
      hasNextPage: settings.endlessNextPage || page < totalPages,
      hasPreviousPage: page > 1
    },
    params
  );
}

/** The answer to `GET /teams/audit-logs` with `query`, at `at`. `tieRng` draws the tie order. */
function auditLogs(query: Record<string, string>, at: number, events: StoredEvent[], settings: Settings, tieRng: () => number): Answer {
  const parsed = parseAuditQuery(query, at, settings);
  if (isAnswer(parsed)) return parsed;
  const selected = selectEvents(events, parsed);
  // § Order: ties in no promised order; 'shuffle' draws a new one per request.
  if (settings.shuffleTies) shuffleTies(selected, tieRng);
  return servePage(selected, parsed, settings);
}

// ---------------------------------------------------------------------------------------------
// Fault injection

/** The FIFO queue of injected faults; a request takes the first one whose `match` fits it. */
class FaultQueue {
  private faults: Fault[] = [];
  push(list: Fault[]): void {
    this.faults.push(...list);
  }
  pending(): number {
    return this.faults.length;
  }
  take(rec: RecordedRequest): Fault | undefined {
    const index = this.faults.findIndex((fault) => faultMatches(fault, rec));
    return index < 0 ? undefined : this.faults.splice(index, 1)[0];
  }
}

function faultMatches(fault: Fault, rec: RecordedRequest): boolean {
  const match = fault.match;
  if (!match) return true;
  const page = rec.query.page === undefined ? 1 : Number(rec.query.page);
  if (match.page !== undefined && match.page !== page) return false;
  if (match.startTime !== undefined) {
    const given = rec.query.startTime;
    if (given === undefined) return false;
    const a = parseRfc3339(match.startTime);
    const b = parseRfc3339(given);
    if (a !== undefined && b !== undefined ? a !== b : match.startTime !== given) return false;
  }
  return true;
}

/** Answers held back by 'slow' faults; none is sent once the server is closed. */
class DelayedAnswers {
  private readonly timers = new Set<NodeJS.Timeout>();
  closed = false;
  later(delayMs: number, answer: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) answer();
    }, delayMs);
    this.timers.add(timer);
  }
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/** One request being answered: the request, its response and its record. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  rec: RecordedRequest;
  now: () => number;
}

function send({ res, rec, now }: Exchange, answer: Answer): void {
  if (res.destroyed || res.writableEnded) return;
  const body = Buffer.from(answer.body, 'utf8');
  rec.status = answer.status;
  res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(body.length) });
  res.end(body);
  rec.answeredAt = now();
}

const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n' +
  '<body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>\n';

function statusFaultAnswer(fault: StatusFault): Answer {
  const body = fault.body ?? cursorErrorBody(fault.status, defaultMessage(fault.status));
  return { status: fault.status, headers: { 'Content-Type': JSON_TYPE, ...fault.headers }, body };
}

/** 200 and the first half of the body; `abort`: with the full Content-Length, then the socket is destroyed. */
function sendHalf({ req, res, rec, now }: Exchange, answer: Answer, abort: boolean): void {
  const full = Buffer.from(answer.body, 'utf8');
  const half = full.subarray(0, Math.floor(full.length / 2));
  rec.status = 200;
  res.writeHead(200, { ...answer.headers, 'Content-Length': String((abort ? full : half).length) });
  if (abort) res.write(half, () => req.socket.destroy());
  else res.end(half);
  rec.answeredAt = now();
}

/** The real page with its pagination changed; the answer itself when it is no page. */
function alteredPage(answer: Answer, raws: (page: NonNullable<Answer['page']>) => string[], change: Partial<Pagination>): Answer {
  if (!answer.page) return answer;
  return pageAnswer(raws(answer.page), { ...answer.page.pagination, ...change }, answer.page.params);
}

/** Answers the exchange with `fault` applied to `answer`, the one it would have had. */
function applyFault(exchange: Exchange, fault: Fault, answer: Answer, delayed: DelayedAnswers): void {
  const { req, rec, now } = exchange;
  rec.fault = fault.kind;
  switch (fault.kind) {
    case 'status':
      return send(exchange, statusFaultAnswer(fault));
    case 'reset':
      rec.status = 0;
      req.socket.destroy();
      rec.answeredAt = now();
      return;
    case 'truncate':
      return sendHalf(exchange, answer, false);
    case 'truncate-abort':
      return sendHalf(exchange, answer, true);
    case 'nonjson':
      return send(exchange, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: HTML_PAGE });
    case 'slow':
      return delayed.later(fault.delayMs, () => send(exchange, answer));
    case 'empty-page':
      return send(
        exchange,
        alteredPage(answer, () => [], { hasNextPage: true })
      );
    case 'wrong-total-pages':
      return send(
        exchange,
        alteredPage(answer, (page) => page.raws, { totalPages: fault.totalPages })
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Server

/** What the server keeps between requests. */
interface ServerState {
  settings: Settings;
  events: EventStore;
  requests: RecordedRequest[];
  faults: FaultQueue;
  rateLimit: RollingRateLimit | undefined;
  /** One stream: every request draws a new tie order. */
  tieRng: () => number;
  delayed: DelayedAnswers;
}

function recordRequest(req: IncomingMessage, at: number): RecordedRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!Object.hasOwn(query, k)) query[k] = v;
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query,
    authorization: req.headers.authorization,
    status: 0,
    at
  };
}

function route(rec: RecordedRequest, state: ServerState): Answer {
  if (rec.path !== AUDIT_LOGS_PATH) return cursorError(404, defaultMessage(404));
  if (rec.method !== 'GET') return cursorError(405, `${rec.method} is not supported on ${rec.path}`, { Allow: 'GET' });
  return auditLogs(rec.query, rec.at, state.events.list, state.settings, state.tieRng);
}

/** Records the request, then answers: auth, the rate limit, the fault stage, the route. */
function handle(req: IncomingMessage, res: ServerResponse, state: ServerState): void {
  req.resume();
  const { settings } = state;
  const rec = recordRequest(req, settings.now());
  state.requests.push(rec);
  const exchange: Exchange = { req, res, rec, now: settings.now };

  const refusal = authRefusal(rec.authorization, settings) ?? state.rateLimit?.refusal(rec.at);
  if (refusal) return send(exchange, refusal);

  // The hook runs before the route, so events it adds are already served to this request.
  const fault = settings.onRequest?.(rec) ?? state.faults.take(rec);
  const answer = route(rec, state);
  if (fault) applyFault(exchange, fault, answer, state.delayed);
  else send(exchange, answer);
}

/** The HTTP server answering with `handle`, and the sockets it has open (destroyed on close). */
function createFakeServer(state: ServerState): { server: Server; sockets: Set<Socket> } {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    try {
      handle(req, res, state);
    } catch {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': JSON_TYPE });
        res.end(cursorErrorBody(500, defaultMessage(500)));
      }
    }
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return { server, sockets };
}

/** Listens on 127.0.0.1:`port` (0: any free port) and returns the port. */
async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

export async function startFakeCursorApi(options: FakeCursorApiOptions = {}): Promise<FakeCursorApi> {
  const settings = resolveSettings(options);
  const { rateLimit } = settings;
  const state: ServerState = {
    settings,
    events: new EventStore(settings.compare),
    requests: [],
    faults: new FaultQueue(),
    rateLimit: rateLimit ? new RollingRateLimit(rateLimit.limit, rateLimit.windowMs, settings.retryAfter) : undefined,
    tieRng: createRng(options.seed ?? 1),
    delayed: new DelayedAnswers()
  };
  state.events.set(options.events ?? []);
  const { server, sockets } = createFakeServer(state);
  const port = await listen(server, options.port ?? 0);

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey: settings.apiKey,
    requests: state.requests,
    addEvents: (list) => state.events.add(list),
    setEvents: (list) => state.events.set(list),
    eventCount: () => state.events.list.length,
    injectFaults: (...list: Fault[]) => state.faults.push(list),
    pendingFaults: () => state.faults.pending(),
    close: () =>
      new Promise<void>((resolve) => {
        if (state.delayed.closed) return resolve();
        state.delayed.close();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      })
  };
}

// ---------------------------------------------------------------------------------------------
// CLI

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      events: { type: 'string', default: '2000' },
      days: { type: 'string', default: '30' },
      seed: { type: 'string', default: '1' },
      key: { type: 'string' },
      'rate-limit': { type: 'string', default: '20' }
    }
  });
  const end = Date.now();
  const start = end - Number(values.days) * DAY_MS;
  const events = generateEvents({ start, end, count: Number(values.events), seed: Number(values.seed) });
  const limit = Number(values['rate-limit']);
  const api = await startFakeCursorApi({
    port: Number(values.port),
    apiKey: values.key,
    events,
    rateLimit: limit > 0 ? { limit, windowMs: 60_000 } : null
  });
  console.log(`Fake Cursor Admin API on ${api.url}`);
  console.log(`API key: ${api.apiKey}`);
  console.log(`${events.length} events from ${new Date(start).toISOString()} to ${new Date(end).toISOString()}`);
  console.log(`Try: curl -u '${api.apiKey}:' '${api.url}${AUDIT_LOGS_PATH}?pageSize=2'`);
  const stop = (): void => void api.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
