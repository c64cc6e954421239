// The reference strategy for the backfill: how Elastic's published CEL input for this API fetches.
// Its settings: `resource.rate_limit.limit: 0.35` requests/s with `burst: 2` (a token bucket that
// starts full), a polling `interval` of 5m, and each execution pages through
// `/teams/audit-logs` 30-day chunks with `page` and `pageSize=500`. On any non-200 answer (a 429,
// say) the execution stops, keeps its cursor (chunk and page), and resumes at the next interval.
//
// Time is scaled like the fake's limit: a minute lasts `minuteMs`, so the rate is 0.35/s ×
// 60000/minuteMs and the interval 300 s × minuteMs/60000. Executions start on a fixed ticker from
// t = 0; one that runs past its tick is followed right after it ends.

export interface ReferenceOptions {
  baseUrl: string;
  apiKey: string;
  windows: { start: number; end: number }[];
  pageSize: number;
  /** The scaled minute (60 000 for real time). */
  minuteMs: number;
}

export interface ReferenceResult {
  /** From the start until every page was fetched. */
  wallSeconds: number;
  requests: number;
  http429: number;
  /** Executions started (polling intervals used). */
  executions: number;
  /** Distinct event_ids received, for the data check. */
  eventIds: Set<string>;
}

const RATE_PER_SECOND = 0.35;
const BURST = 2;
const INTERVAL_MS = 300_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** A token bucket: `rate` tokens a millisecond up to `burst`, full at the start. */
function tokenBucket(ratePerMs: number, burst: number) {
  let tokens = burst;
  let last = performance.now();
  return async function take(): Promise<void> {
    for (;;) {
      const now = performance.now();
      tokens = Math.min(burst, tokens + (now - last) * ratePerMs);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await sleep((1 - tokens) / ratePerMs);
    }
  };
}

export async function runReference(o: ReferenceOptions): Promise<ReferenceResult> {
  const scale = o.minuteMs / 60_000;
  const intervalMs = INTERVAL_MS * scale;
  const take = tokenBucket(RATE_PER_SECOND / 1000 / scale, BURST);
  const authorization = `Basic ${Buffer.from(`${o.apiKey}:`).toString('base64')}`;
  const result: ReferenceResult = { wallSeconds: 0, requests: 0, http429: 0, executions: 0, eventIds: new Set() };
  const cursor = { window: 0, page: 1 };
  const started = performance.now();

  /** One execution: pages until everything is fetched (true) or an answer is not 200 (false). */
  async function execution(): Promise<boolean> {
    while (cursor.window < o.windows.length) {
      const w = o.windows[cursor.window] as { start: number; end: number };
      const query = new URLSearchParams({
        startTime: new Date(w.start).toISOString(),
        endTime: new Date(w.end).toISOString(),
        page: String(cursor.page),
        pageSize: String(o.pageSize)
      });
      await take();
      result.requests++;
      const res = await fetch(`${o.baseUrl}/teams/audit-logs?${query}`, { headers: { Authorization: authorization } });
      const body = await res.text();
      if (res.status !== 200) {
        if (res.status === 429) result.http429++;
        else throw new Error(`the reference client got ${res.status} for ${query}: ${body.slice(0, 200)}`);
        return false;
      }
      const page = JSON.parse(body) as { events: { event_id: string }[]; pagination: { hasNextPage: boolean } };
      for (const e of page.events) result.eventIds.add(e.event_id);
      if (page.pagination.hasNextPage) cursor.page++;
      else {
        cursor.window++;
        cursor.page = 1;
      }
    }
    return true;
  }

  for (;;) {
    result.executions++;
    const startedAt = performance.now() - started;
    if (await execution()) break;
    // The next tick after this execution's start; at once when the execution overran it.
    const nextTick = (Math.floor(startedAt / intervalMs) + 1) * intervalMs;
    await sleep(nextTick - (performance.now() - started));
  }
  result.wallSeconds = (performance.now() - started) / 1000;
  return result;
}
