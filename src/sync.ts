// Fetching a range window by window, with progress, the time budget and the retention gap.
import type { CursorClient } from './cursor-client.ts';
import type { Clock } from './rate-limiter.ts';
import type { Reporter } from './reporter.ts';
import type { EventSpool } from './spool.ts';
import { DAY, formatDuration, formatTime, MINUTE } from './time.ts';
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

/** How far forward a window refused as too old moves: past Cursor's ~30 days, with a margin. */
const RETENTION_MS = 30 * DAY;
const RETENTION_MARGIN_MS = 10 * MINUTE;

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
  let pagesSeen = 0;
  /** The oldest time Cursor accepted after refusing a window as too old: older windows are skipped. */
  let retentionFloor: number | undefined;
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
    let window = o.windows[i];
    if (retentionFloor !== undefined && window.start < retentionFloor) {
      const gapEnd = Math.min(retentionFloor, window.end);
      const last = out.gaps[out.gaps.length - 1];
      if (last && last.end >= window.start) last.end = Math.max(last.end, gapEnd);
      else out.gaps.push({ start: window.start, end: gapEnd });
      if (window.end <= retentionFloor) {
        out.completedEnd = window.end;
        out.windowsDone++;
        continue;
      }
      window = { start: retentionFloor, end: window.end };
    }
    const label = `Window ${i + 1} of ${o.windows.length}: ${formatTime(window.start)} → ${formatTime(window.end)}`;
    o.reporter.startGroup(label);
    const mark = o.spool.mark();
    try {
      let events: number | undefined;
      for (let tries = 0; events === undefined; tries++) {
        try {
          events = await o.client.fetchWindow(
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
        } catch (error) {
          o.spool.rollback(mark);
          const e = error as { name?: string; kind?: string };
          if (e?.name !== 'CursorApiError' || e.kind !== 'too-old' || tries >= 3) throw error;
          const accepted = Math.max(window.start, o.clock.now() - RETENTION_MS + RETENTION_MARGIN_MS + tries * DAY);
          retentionFloor = accepted;
          const gapEnd = Math.min(accepted, window.end);
          const last = out.gaps[out.gaps.length - 1];
          if (last && last.end >= window.start) last.end = Math.max(last.end, gapEnd);
          else out.gaps.push({ start: window.start, end: gapEnd });
          if (accepted >= window.end) events = 0;
          else window = { start: accepted, end: window.end };
        }
      }
      out.fetched += events;
      out.completedEnd = window.end;
      out.windowsDone++;
      o.reporter.info(`Window done: ${events} event(s).`);
    } catch (error) {
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
