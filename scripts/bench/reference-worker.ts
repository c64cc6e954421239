// The reference part of the backfill, in a worker thread (started by backfill.ts): its own fake
// Cursor API with the same data and limit, the reference client against it, and the data check.
import { parentPort, workerData } from 'node:worker_threads';
import { startFakeCursorApi } from '../../fake/cursor-api.ts';
import { checkStored, fakeOptions, makeDataset, MINUTE_MS, PAGE_SIZE, type ReferenceFigures } from './backfill.ts';
import { round } from './process.ts';
import { runReference } from './reference.ts';

const port = parentPort;
if (!port) throw new Error('reference-worker.ts runs as a worker thread of backfill.ts');

// The same `now` gives the same dataset as the action's, event for event.
const dataset = makeDataset((workerData as { now: number }).now);
const api = await startFakeCursorApi(fakeOptions(dataset.events));
port.once('message', () => {
  runReference({ baseUrl: api.url, apiKey: api.apiKey, windows: dataset.windows, pageSize: PAGE_SIZE, minuteMs: MINUTE_MS })
    .then((r) => {
      checkStored({ lines: r.eventIds.size, ids: r.eventIds }, dataset.ids, 'what the reference client received');
      const figures: ReferenceFigures = {
        referenceWallSeconds: round(r.wallSeconds, 3),
        referenceHttp429: r.http429,
        referenceRequests: api.requests.length,
        referenceExecutions: r.executions
      };
      port.postMessage({ kind: 'done', figures });
    })
    .catch((error: unknown) => port.postMessage({ kind: 'failed', message: `reference: ${(error as Error)?.message ?? String(error)}` }))
    .finally(() => {
      void api.close().then(() => port.close());
    });
});
port.postMessage({ kind: 'ready' });
