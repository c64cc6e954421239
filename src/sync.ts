// Fetching a range window by window (each read by pagination.ts), with progress, the time budget,
// cancellation and the retention gap.
import type { CursorClient } from './cursor-client.ts';
import type { Clock } from './clock.ts';
import { type PageProgress, readWindow } from './pagination.ts';
import type { Reporter } from './reporter.ts';
import { RETENTION_MS, RetentionLimit } from './retention.ts';
import type { EventSpool } from './spool.ts';
import { formatDuration, formatTime, MINUTE } from './time.ts';
import type { TimeWindow } from './windows.ts';

export interface FetchOutcome {
  /** Events received in the windows fetched completely (in the spool), duplicates included. */
  fetched: number;
  /** End of the last window fetched completely, or undefined when none was. */
  completedEnd: number | undefined;
  windowsDone: number;
  windowsTotal: number;
  /** The error that stopped the run, after the windows before it were fetched. */
  failure: Error | undefined;
  stoppedByBudget: boolean;
  /** Ranges Cursor no longer serves (older than its retention). */
  gaps: TimeWindow[];
  /** Each window fetched completely: what was read of it, the API's count for it and the events received (for the ledger). */
  windows: FetchedWindow[];
}

export interface FetchedWindow {
  start: number;
  end: number;
  /** As the API counted it (`totalCount`); -1 when it never said (nothing was asked for). */
  totalCount: number;
  received: number;
}

export interface FetchOptions {
  client: CursorClient;
  /** Where the events of each window go; a window that fails is rolled back out of it. */
  spool: EventSpool;
  windows: TimeWindow[];
  reporter: Reporter;
  clock: Clock;
  startedAt: number;
  timeBudgetMs: number;
  requestsPerMinute: number;
  signal?: AbortSignal;
}

/** A long window shows a line of progress every so many pages (the others are debug lines). */
const PROGRESS_EVERY_PAGES = 20;

/** `1 page`, `3 pages`, `1,234 events`, `2 retries`. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}

export async function fetchWindows(options: FetchOptions): Promise<FetchOutcome> {
  return new WindowsFetch(options).run();
}

/** One run's fetch: the windows in order, what was fetched, and the gaps found. */
class WindowsFetch {
  private readonly options: FetchOptions;
  private readonly outcome: FetchOutcome;
  /** Cursor's retention limit as this run knows it (a 400 near it moves it, once per run). */
  private readonly retention: RetentionLimit;
  /**
   * A start older than Cursor kept when the run began was asked for (backfill-start-time, or a
   * checkpoint a month old): what the retention limit cuts from it is a gap. The default start (30
   * days before the run) is not: the limit moving on while the run goes is only logged.
   */
  private readonly askedBeyondLimit: boolean;
  /** Pages read so far, added at each page that is the last its `totalPages` counts: the estimate's pages per window. */
  private pagesSeen = 0;
  /** Pages read of the window being fetched. */
  private windowPages = 0;

  constructor(options: FetchOptions) {
    this.options = options;
    this.outcome = {
      fetched: 0,
      completedEnd: undefined,
      windowsDone: 0,
      windowsTotal: options.windows.length,
      failure: undefined,
      stoppedByBudget: false,
      gaps: [],
      windows: []
    };
    this.retention = new RetentionLimit(options.clock);
    this.askedBeyondLimit = options.windows.length > 0 && options.windows[0].start < options.startedAt - RETENTION_MS;
  }

  async run(): Promise<FetchOutcome> {
    for (let index = 0; index < this.options.windows.length; index++) {
      if (this.mustStopBefore(index)) break;
      if (!(await this.fetchWindow(index))) break;
    }
    this.warnGaps();
    return this.outcome;
  }

  /** Cancelled, or the time budget is used up (warned): no window more. */
  private mustStopBefore(index: number): boolean {
    const { signal, timeBudgetMs, clock, startedAt, reporter, windows } = this.options;
    if (signal?.aborted) {
      this.outcome.failure = new Error('cancelled');
      return true;
    }
    if (timeBudgetMs > 0 && clock.now() - startedAt >= timeBudgetMs) {
      this.outcome.stoppedByBudget = true;
      reporter.warning(
        `time-budget of ${formatDuration(timeBudgetMs)} used up: stopped before window ${index + 1} of ${windows.length}. What was fetched is stored; the next run continues from the checkpoint.`,
        'Sync incomplete'
      );
      return true;
    }
    return false;
  }

  /** One window, its events into the spool (rolled back when it fails), and its one log line; false when it failed. */
  private async fetchWindow(index: number): Promise<boolean> {
    const { client, spool, reporter, windows } = this.options;
    const window = windows[index];
    // Wholly older than Cursor keeps: no request (the client would ask for nothing of it either).
    const oldest = this.retention.oldestStart();
    if (window.end <= oldest) {
      if (this.askedBeyondLimit) this.addGap(window.start, window.end);
      this.windowDone(window, { start: window.start, end: window.end, totalCount: -1, received: 0 });
      return true;
    }
    const label = `Window ${index + 1} of ${windows.length} (${formatTime(Math.max(window.start, oldest))} → ${formatTime(window.end)})`;
    const mark = spool.mark();
    this.windowPages = 0;
    try {
      const result = await readWindow(
        client,
        this.retention,
        window,
        (events) => spool.add(events),
        (progress) => this.showProgress(index, progress)
      );
      if (this.askedBeyondLimit) this.addGap(window.start, result.start);
      else if (result.refused) this.addGap(result.refused.start, result.start);
      else if (result.start > window.start) {
        reporter.info(`Read from ${formatTime(result.start)}, inside Cursor's 30-day retention limit (the start ${formatTime(window.start)} had reached it).`);
      }
      this.windowDone(window, { start: result.start, end: window.end, totalCount: result.totalCount, received: result.sent });
      reporter.info(`${label}: ${count(result.sent, 'event')} in ${count(this.windowPages, 'page')}. ${this.whatIsLeft(index)}`);
      return true;
    } catch (error) {
      spool.rollback(mark);
      this.outcome.failure = error as Error;
      reporter.error(`${label} failed: ${(error as Error).message}`);
      return false;
    }
  }

  /** After window `index`: the windows left, and the requests and time they should take under the rate limit. */
  private whatIsLeft(index: number): string {
    const { windows } = this.options;
    const windowsLeft = windows.length - index - 1;
    if (windowsLeft === 0) return 'Every window fetched.';
    const requests = this.requestsFor(windowsLeft, this.pagesSeen, index);
    return `${count(windowsLeft, 'window')} left: about ${count(requests, 'request')}, ${this.timeFor(requests)}.`;
  }

  /** The requests `windowsLeft` windows should take, at the pages a window took so far (`pages` over `index + 1` windows). */
  private requestsFor(windowsLeft: number, pages: number, index: number): number {
    return Math.ceil(windowsLeft * Math.max(1, pages / (index + 1)));
  }

  /** How long `requests` take at most under the rate limit. */
  private timeFor(requests: number): string {
    const { requestsPerMinute } = this.options;
    return `at most ${formatDuration((requests * MINUTE) / requestsPerMinute)} at ${requestsPerMinute}/min`;
  }

  private windowDone(window: TimeWindow, fetched: FetchedWindow): void {
    this.outcome.windows.push(fetched);
    this.outcome.fetched += fetched.received;
    this.outcome.completedEnd = window.end;
    this.outcome.windowsDone++;
  }

  /**
   * Each page: a debug line (shown with step debug logging), and every 20th page of a long window
   * a line of its own with what is left, so a window of many pages still shows progress.
   */
  private showProgress(index: number, progress: PageProgress): void {
    const { windows, reporter } = this.options;
    this.windowPages++;
    const windowsLeft = windows.length - index - 1;
    const requestsLeft = Math.max(0, progress.totalPages - progress.page) + this.requestsFor(windowsLeft, this.pagesSeen + progress.page, index);
    const eta = requestsLeft > 0 ? `, about ${requestsLeft} request(s) left (${this.timeFor(requestsLeft)})` : '';
    const line = `Window ${index + 1} of ${windows.length}, page ${progress.page}${progress.totalPages >= 0 ? ` of ${progress.totalPages}` : ''}: ${progress.events} event(s) in this window${eta}.`;
    if (progress.page % PROGRESS_EVERY_PAGES === 0) reporter.info(line);
    else reporter.debug(line);
    if (!(progress.totalPages > progress.page)) this.pagesSeen += progress.page;
  }

  /** A range the retention limit cut from what was asked for, joined to the gap before it when they touch. */
  private addGap(start: number, end: number): void {
    if (!(end > start)) return;
    const gaps = this.outcome.gaps;
    const last = gaps[gaps.length - 1];
    if (last && last.end >= start) last.end = Math.max(last.end, end);
    else gaps.push({ start, end });
  }

  private warnGaps(): void {
    for (const gap of this.outcome.gaps) {
      this.options.reporter.warning(
        `Cursor no longer serves audit events from ${formatTime(gap.start)} to ${formatTime(gap.end)} (it keeps about 30 days): that range is a gap in the log.`,
        'Audit log gap'
      );
    }
  }
}
