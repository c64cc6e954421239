// Pagination that does not depend on the order of events sharing a timestamp: the API pages by
// offset and may serve ties in a new order on every request (docs/cursor-api.md § Order), so a page
// boundary can repeat one event and skip another. The client checks the distinct events against
// `totalCount`, narrows the window until they match, and never pages past what the count allows, and fails
// naming the window when it cannot be made whole.
import { makeEvent } from '../fake/events.ts';
import { DAY, MINUTE } from '../src/time.ts';
import { allLines, harness, type Harness } from './support/harness.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
let h: Harness;
afterEach(async () => h?.close());

/** `count` events in groups of `tie` sharing one timestamp, a minute apart, over the last day. */
const tied = (count: number, tie: number) =>
  Array.from({ length: count }, (_, i) => makeEvent('login', iso(NOW - DAY + Math.floor(i / tie) * MINUTE), { event_id: `e${i}` }));

const stored = async () => allLines(await h.files()).map((l) => JSON.parse(l.line).event_id as string);

describe('pagination with ties in a new order on every request', () => {
  it('stores each event once, none missing, across 50 seeds', async () => {
    const events = tied(120, 6);
    const want = events.map((e) => String(e.event_id)).sort();
    for (let seed = 1; seed <= 50; seed++) {
      h = await harness({ start: NOW, events, tieOrder: 'shuffle', seed });
      const { rec } = await h.run({ 'page-size': '10' });
      expect({ seed, failed: rec.failed }).toEqual({ seed, failed: undefined });
      const got = (await stored()).sort();
      expect({ seed, got }).toEqual({ seed, got: want });
      await h.close();
    }
  }, 120_000);

  it('never pages past what totalCount allows, though every page says hasNextPage', async () => {
    h = await harness({ start: NOW, events: tied(30, 1), endlessNextPage: true });
    const { rec } = await h.run({ 'page-size': '10', 'backfill-start-time': iso(NOW - 2 * DAY) });
    expect(rec.failed).toBeUndefined();
    expect((await stored()).length).toBe(30);
    expect(h.api.requests.length).toBeLessThanOrEqual(4);
  });

  it('fails naming the window when a group of ties larger than a page cannot be read whole', async () => {
    // 100 events on one timestamp, pages of 10, a new order on every request: no narrowing can split them
    h = await harness({ start: NOW, events: tied(100, 100), tieOrder: 'shuffle', seed: 3 });
    const { rec } = await h.run({ 'page-size': '10', 'backfill-start-time': iso(NOW - 2 * DAY) });
    expect(rec.failed).toMatch(/Cursor API served \d+ distinct event\(s\) of the 100 it counts for .*2026-11-2\d.*raise page-size/s);
  });
});
