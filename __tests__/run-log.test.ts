// The run log as a person reads it on the runner: a backfill of 30 windows shows one line per
// window, with what is left and how long it should take under the rate limit, and ends with two
// plain lines of what the run did (no need to open the job summary).
import { generateEvents } from '../fake/events.ts';
import { DAY, MINUTE } from '../src/time.ts';
import { harness, type Harness } from './support/harness.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it('a backfill of 30 windows: a line per window with what is left, then two lines of summary', async () => {
  h = await harness({ start: NOW, events: generateEvents({ start: NOW - 29 * DAY, end: NOW - MINUTE, count: 9000, seed: 30 }) });
  const { rec, outputs } = await h.run({ 'backfill-start-time': '30d', 'window-days': '1', 'page-size': '100' });
  expect(rec.failed).toBeUndefined();
  // the raw log, as the runner shows it (debug lines only with step debug logging)
  const log = rec.lines.filter((line) => !line.startsWith('::debug::'));
  console.log(log.join('\n'));
  const windows = log.filter((line) => line.startsWith('Window '));
  expect(windows).toHaveLength(30);
  windows.forEach((line, index) => {
    const left = 29 - index;
    expect(line).toMatch(new RegExp(`^Window ${index + 1} of 30 \\(\\S+ → \\S+\\): [\\d,]+ events? in \\d+ pages?\\. `));
    if (left) expect(line).toMatch(new RegExp(`${left} windows? left: about \\d+ requests?, at most [\\dhms ]+ at 20/min\\.$`));
    else expect(line).toMatch(/Every window fetched\.$/);
    expect(line.length).toBeLessThan(160);
  });
  // no group per window: the lines stay in view while the run goes
  expect(log.some((line) => line.startsWith('::group::Window'))).toBe(false);
  expect(log.slice(-2)).toEqual([
    expect.stringMatching(
      new RegExp(
        `^Summary: \\S+ → \\S+: 9,000 new events \\(\\d+ notable\\), 0 duplicates dropped; \\d+ files in workspace; checkpoint ${outputs.checkpoint} \\(caught up\\)\\.$`
      )
    ),
    expect.stringMatching(/^Requests: \d+ requests to Cursor \(0 retries\), [\dhms ]+ waiting; done in [\dhms ]+\.$/)
  ]);
  expect(Number(outputs.requests)).toBeGreaterThan(90);
});
