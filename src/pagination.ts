// Reading one window completely from an API that pages by offset: each range page by page under a
// guard (no page past what `totalCount` allows, an empty page asked for again), the distinct events
// of each range checked against its `totalCount` (read again in halves when short), and the start
// moved inside Cursor's retention limit. The requests themselves are the client's.
import { type CursorClient, type Page, type Pagination, windowName } from './cursor-client.ts';
import { CursorApiError } from './errors.ts';
import type { AuditEvent } from './events.ts';
import type { RetentionLimit } from './retention.ts';
import { formatTime } from './time.ts';
import type { TimeWindow } from './windows.ts';

/** Pages asked for past what `totalCount` allows while events counted are missing, whatever `hasNextPage` says. */
const EXTRA_PAGES = 1;
/** Reads of a range too narrow to halve before the window fails. */
const NARROWEST_READS = 3;

export interface PageProgress {
  page: number;
  totalPages: number;
  events: number;
}

/** What `readWindow` read of a window. */
export interface WindowResult {
  /** Events sent to the sink, duplicates included. */
  sent: number;
  /** Where reading started: the window's start, or later when Cursor's retention limit cut it. */
  start: number;
  /** The part cut after Cursor refused a start near the limit with a 400 (taken as the limit). */
  refused?: TimeWindow;
  /** The most events the API counted (`totalCount`) for the whole window as read (from `start`); -1 when it never said. */
  totalCount: number;
}

interface RangeRead {
  range: TimeWindow;
  /** Earlier reads of this same range (one too narrow to halve). */
  reads: number;
  /** Keys received for this range (pooled over its reads), each with the most times one page held it. */
  ids?: Map<string, number>;
  /** The sum of `ids`: entries received. */
  distinct?: number;
  total?: number;
  size?: number;
}

/** Where the paging of one range is. */
interface RangeCursor {
  /** The range asked for: its start moved when the retention limit reached it. */
  range: TimeWindow;
  /** The page asked for next. */
  page: number;
  /** Empty pages of this range that claimed a next page (each asked for again). */
  emptyPages: number;
}

/** Two halves sharing their middle instant (an event on it is in both; the merge drops the copy). */
function halves(range: TimeWindow): TimeWindow[] {
  const mid = Math.floor((range.start + range.end) / 2);
  if (mid <= range.start || mid >= range.end) return [range];
  return [
    { start: range.start, end: mid },
    { start: mid, end: range.end }
  ];
}

/**
 * Adds a page's events to the keys of its range; returns the distinct entries now received. One
 * entry per key, unless a page holds the key more than once: offset paging never serves an entry
 * twice in one page, so those are entries of their own (an event without event_id served twice, an
 * id served with and without a timestamp).
 */
function countPage(item: RangeRead, events: AuditEvent[]): number {
  const ids = (item.ids ??= new Map<string, number>());
  const inPage = new Map<string, number>();
  for (const event of events) inPage.set(event.key, (inPage.get(event.key) ?? 0) + 1);
  for (const [key, count] of inPage) {
    const before = ids.get(key) ?? 0;
    if (count > before) {
      ids.set(key, count);
      item.distinct = (item.distinct ?? 0) + count - before;
    }
  }
  return item.distinct ?? 0;
}

/**
 * Every event of a window, sent to `sink` as the pages come (a range read again sends its events
 * again: the merge drops duplicates).
 *
 * Retention: no request asks for a start older than Cursor keeps. Before every page, a start
 * within 5 minutes of the limit (30 days before that moment) moves to the limit plus 10 minutes,
 * and the rest is read in halves so each part is done before the limit reaches it. A 400 for a
 * start within a day of the limit is taken as the limit, whatever its text: the start moves a day
 * further, once per run; any other 400 is a refusal.
 *
 * Completeness: Cursor pages by offset and promises no order among events that share a timestamp,
 * so a page boundary can repeat one and skip another. After paging a range, the distinct events
 * received must equal its `totalCount`; a range short of it is read again in halves, down to ranges
 * that fit one page (a range too narrow to halve is read again, up to three times, its ids pooled),
 * or the window fails, named. Only the ids of the range being read are held.
 *
 * Bounded: a range never pages past what `totalCount` allows plus one page, whatever `hasNextPage`.
 */
export function readWindow(
  client: CursorClient,
  retention: RetentionLimit,
  window: TimeWindow,
  sink: (events: AuditEvent[]) => void,
  onPage?: (progress: PageProgress) => void
): Promise<WindowResult> {
  return new WindowRead(client, retention, window, sink, onPage).read();
}

/** The reading of one window: its ranges, oldest first, and what was read. */
class WindowRead {
  private readonly client: CursorClient;
  private readonly retention: RetentionLimit;
  private readonly window: TimeWindow;
  private readonly sink: (events: AuditEvent[]) => void;
  private readonly onPage: ((progress: PageProgress) => void) | undefined;
  /** The window as the log and the errors name it. */
  private readonly where: string;
  private readonly result: WindowResult;
  /** Ranges still to read; the last is read next (oldest first). */
  private readonly todo: RangeRead[];

  constructor(
    client: CursorClient,
    retention: RetentionLimit,
    window: TimeWindow,
    sink: (events: AuditEvent[]) => void,
    onPage: ((progress: PageProgress) => void) | undefined
  ) {
    this.client = client;
    this.retention = retention;
    this.window = window;
    this.sink = sink;
    this.onPage = onPage;
    this.where = windowName(window);
    this.result = { sent: 0, start: window.start, totalCount: -1 };
    this.todo = [{ range: { start: window.start, end: window.end }, reads: 0 }];
  }

  async read(): Promise<WindowResult> {
    while (this.todo.length) {
      const item = this.todo.pop() as RangeRead;
      const range = await this.readRange(item);
      this.checkCount(item, range);
    }
    return this.result;
  }

  /** Every page of one range; returns the range as asked for last. */
  private async readRange(item: RangeRead): Promise<TimeWindow> {
    const cursor: RangeCursor = { range: item.range, page: 1, emptyPages: 0 };
    for (;;) {
      if (!this.keepInsideRetention(item, cursor)) return cursor.range;
      let answer: Page;
      try {
        answer = await this.client.fetchPage(cursor.range, cursor.page);
      } catch (error) {
        this.takeRefusalAsLimit(error, cursor.range);
        item.ids = undefined;
        item.distinct = undefined;
        cursor.page = 1;
        continue;
      }
      if (!this.takePage(item, cursor, answer)) return cursor.range;
    }
  }

  /** Moves the start of what is read forward to `to` (never past the window's end). */
  private moveStart(to: number): void {
    if (to > this.result.start) this.result.start = Math.min(to, this.window.end);
  }

  /**
   * § Retention, before every request: a start within 5 minutes of the limit moves the window's
   * start to the limit plus 10 minutes. A range that now starts too early loses its ids and is
   * dropped when wholly older, read in halves when paged already, else moved. False when the range
   * is read no further.
   */
  private keepInsideRetention(item: RangeRead, cursor: RangeCursor): boolean {
    const { range, page } = cursor;
    if (this.retention.isNear(range.start) && range.start >= this.result.start) {
      this.moveStart(this.retention.oldestStart());
      this.log(
        `The start ${formatTime(range.start)} of ${this.where} is within 5 minutes of Cursor's 30-day retention limit; reading from ${formatTime(this.result.start)}${page > 1 ? ' again, in halves' : ''}.`
      );
    }
    if (range.start >= this.result.start) return true;
    item.ids = undefined;
    item.distinct = undefined;
    if (range.end <= this.result.start) return false; // wholly older than what Cursor keeps
    const moved = { start: this.result.start, end: range.end };
    if (page > 1) {
      // Paged past the limit: read the rest in halves, each quicker than the whole.
      this.pushHalves(moved);
      return false;
    }
    cursor.range = moved;
    return true;
  }

  /** § Retention: a 400 near the limit is the limit, and the window's start moves past it; any other error is thrown. */
  private takeRefusalAsLimit(error: unknown, range: TimeWindow): void {
    if (!(error instanceof CursorApiError) || !this.retention.isLimit(error, range.start)) throw error;
    this.moveStart(this.retention.oldestStart());
    this.result.refused = { start: range.start, end: this.result.start };
    this.log(
      `${error.message}. The start ${formatTime(range.start)} is within a day of Cursor's 30-day retention limit: taken as that limit, the window now starts at ${formatTime(this.result.start)}.`
    );
  }

  /** A page answered: its events counted and sent on; whether another page is asked for. */
  private takePage(item: RangeRead, cursor: RangeCursor, { events, pagination }: Page): boolean {
    const distinct = countPage(item, events);
    item.total = pagination.totalCount;
    if (cursor.range.start === this.result.start && cursor.range.end === this.window.end) {
      this.result.totalCount = Math.max(this.result.totalCount, pagination.totalCount);
    }
    this.result.sent += events.length;
    this.sink(events);
    this.onPage?.({ page: cursor.page, totalPages: pagination.totalPages, events: distinct });
    if (!pagination.hasNextPage) return false;
    return this.askForMore(item, cursor, events.length, distinct, pagination);
  }

  /**
   * § Bounded, for a page that claims a next one: an empty page before the last that `totalCount`
   * allows is asked for again; no page past what `totalCount` allows once all counted arrived, one
   * at most otherwise. Whether another page is asked for.
   */
  private askForMore(item: RangeRead, cursor: RangeCursor, received: number, distinct: number, pagination: Pagination): boolean {
    const pageSize = this.client.options.pageSize;
    const size = Math.max(1, Math.min(pageSize, pagination.pageSize > 0 ? pagination.pageSize : pageSize));
    item.size = size;
    const allowed = pagination.totalCount >= 0 ? Math.ceil(pagination.totalCount / size) : Infinity;
    if (received === 0 && cursor.page < allowed) {
      this.askAgain(cursor);
      return true;
    }
    // Whatever hasNextPage says: no page past what totalCount allows once all counted arrived, one at most otherwise.
    if (cursor.page >= allowed && (distinct >= pagination.totalCount || cursor.page >= allowed + EXTRA_PAGES)) {
      this.log(
        `Page ${cursor.page} of ${this.where} claims a next page, but the ${pagination.totalCount} event(s) counted fit in ${allowed} page(s); not asking for more.`
      );
      return false;
    }
    cursor.page++;
    return true;
  }

  /** An empty page that claims a next one is asked for again after a backoff, up to max-retries times. */
  private askAgain(cursor: RangeCursor): void {
    if (++cursor.emptyPages > this.client.options.maxRetries) {
      throw new CursorApiError(
        'exhausted',
        `Cursor API kept answering an empty page ${cursor.page} that claims a next page for ${this.where}. The windows before it were stored; run again later.`
      );
    }
    this.log(`Page ${cursor.page} of ${this.where} came back empty but claims a next page; asking again.`);
    this.client.retryAfterBackoff(cursor.emptyPages - 1);
  }

  /**
   * § Completeness, after a range was paged: one short of its `totalCount` is read again in halves,
   * or whole again when too narrow to halve (its ids pooled) until the third read fails the window.
   */
  private checkCount(item: RangeRead, range: TimeWindow): void {
    const ids = item.ids;
    const total = item.total ?? -1;
    const distinct = item.distinct ?? 0;
    if (!ids || total < 0 || distinct >= total) return; // whole (or moved on, or not counted)
    const pageSize = this.client.options.pageSize;
    const part =
      range.start === this.window.start && range.end === this.window.end
        ? this.where
        : `${this.where} (range ${formatTime(range.start)} – ${formatTime(range.end)})`;
    if (total > (item.size ?? pageSize) && range.end - range.start >= 2) {
      this.log(
        `Got ${distinct} distinct event(s) of the ${total} counted for ${part}: events that share a timestamp moved between pages, or events arrived. Reading it again in halves.`
      );
      this.pushHalves(range);
      return;
    }
    if (item.reads + 1 < NARROWEST_READS) {
      this.log(`Got ${distinct} distinct event(s) of the ${total} counted for ${part}, too narrow to halve; reading it again.`);
      this.todo.push({ range, reads: item.reads + 1, ids, distinct });
      return;
    }
    throw new CursorApiError(
      'incomplete',
      `Cursor API served ${distinct} distinct event(s) of the ${total} it counts for ${part}, after narrowing the window and reading that range ${NARROWEST_READS} times (events sharing a timestamp, more than page-size ${pageSize}, served in a new order on every request, or one event_id served twice). The windows before it were stored; run again later, or raise page-size.`
    );
  }

  /** Queues both halves of a range, the older to be read first. */
  private pushHalves(range: TimeWindow): void {
    this.todo.push(
      ...halves(range)
        .reverse()
        .map((half) => ({ range: half, reads: 0 }))
    );
  }

  private log(message: string): void {
    this.client.options.log?.(message);
  }
}
