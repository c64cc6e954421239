// Fetching a range window by window, with progress, the time budget and the retention gap.
import type { CursorClient } from './cursor-client.ts';
import type { Clock } from './clock.ts';
import { readWindow } from './pagination.ts';
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

export async function fetchWindows(o: FetchOptions): Promise<FetchOutcome> {
  const out: FetchOutcome = {
    fetched: 0,
    completedEnd: undefined,
    windowsDone: 0,
    windowsTotal: o.windows.length,
    failure: undefined,
    stoppedByBudget: false,
    gaps: []
  };
  // A start older than Cursor kept when the run began was asked for (backfill-start-time, or a
  // checkpoint a month old): what the retention limit cuts from it is a gap. The default start (30
  // days before the run) is not: the limit moving on while the run goes is only logged.
  const askedBeyondLimit = o.windows.length > 0 && o.windows[0].start < o.startedAt - RETENTION_MS;
  const addGap = (start: number, end: number) => {
    if (!(end > start)) return;
    const last = out.gaps[out.gaps.length - 1];
    if (last && last.end >= start) last.end = Math.max(last.end, end);
    else out.gaps.push({ start, end });
  };
  // Cursor's retention limit as this run knows it (a 400 near it moves it, once per run).
  const retention = new RetentionLimit(o.clock);
  let pagesSeen = 0;
  for (let i = 0; i < o.windows.length; i++) {
    if (o.signal?.aborted) {
      out.failure = new Error('cancelled');
      break;
    }
    if (o.timeBudgetMs > 0 && o.clock.now() - o.startedAt >= o.timeBudgetMs) {
      out.stoppedByBudget = true;
      o.reporter.warning(
        `time-budget of ${formatDuration(o.timeBudgetMs)} used up: stopped before window ${i + 1} of ${o.windows.length}. What was fetched is stored; the next run continues from the checkpoint.`,
        'Sync incomplete'
      );
      break;
    }
    const window = o.windows[i];
    // Wholly older than Cursor keeps: no request (the client would ask for nothing of it either).
    const oldest = retention.oldestStart();
    if (window.end <= oldest) {
      if (askedBeyondLimit) addGap(window.start, window.end);
      out.completedEnd = window.end;
      out.windowsDone++;
      continue;
    }
    const label = `Window ${i + 1} of ${o.windows.length}: ${formatTime(Math.max(window.start, oldest))} → ${formatTime(window.end)}`;
    o.reporter.startGroup(label);
    const mark = o.spool.mark();
    try {
      const result = await readWindow(
        o.client,
        retention,
        window,
        (got) => o.spool.add(got),
        (p) => {
          const windowsLeft = o.windows.length - i - 1;
          const perWindow = Math.max(1, (pagesSeen + p.page) / (i + 1));
          const requestsLeft = Math.max(0, p.totalPages - p.page) + Math.ceil(windowsLeft * perWindow);
          const eta =
            requestsLeft > 0
              ? `, about ${requestsLeft} request(s) left (at most ${formatDuration((requestsLeft * MINUTE) / o.requestsPerMinute)} at ${o.requestsPerMinute}/min)`
              : '';
          o.reporter.info(`Page ${p.page}${p.totalPages >= 0 ? ` of ${p.totalPages}` : ''}: ${p.events} event(s) in this window${eta}.`);
          if (!(p.totalPages > p.page)) pagesSeen += p.page;
        }
      );
      if (askedBeyondLimit) addGap(window.start, result.start);
      else if (result.refused) addGap(result.refused.start, result.start);
      else if (result.start > window.start) {
        o.reporter.info(
          `Read from ${formatTime(result.start)}, inside Cursor's 30-day retention limit (the start ${formatTime(window.start)} had reached it).`
        );
      }
      out.fetched += result.sent;
      out.completedEnd = window.end;
      out.windowsDone++;
      o.reporter.info(`Window done: ${result.sent} event(s).`);
    } catch (error) {
      o.spool.rollback(mark);
      out.failure = error as Error;
      o.reporter.error(`${label} failed: ${(error as Error).message}`);
      break;
    } finally {
      o.reporter.endGroup();
    }
  }
  for (const gap of out.gaps) {
    o.reporter.warning(
      `Cursor no longer serves audit events from ${formatTime(gap.start)} to ${formatTime(gap.end)} (it keeps about 30 days): that range is a gap in the log.`,
      'Audit log gap'
    );
  }
  return out;
}
