// Two streams sharing a checkpoint-key (two steps of a job, matrix legs, two teams by mistake): the
// second never takes the first's checkpoint as its own, is told how to fix it, and loses nothing.
import { makeEvent } from '../fake/events.ts';
import { DAY, HOUR } from '../src/time.ts';
import { isEventFile } from './support/event-files.ts';
import { harness, type Harness } from './support/harness.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const ev = (id: string, at: number) => makeEvent('login', iso(at), { event_id: id });

let h: Harness;
afterEach(async () => h?.close());

/** Event ids in the day files under one folder of the workspace. */
async function idsUnder(folder: string): Promise<string[]> {
  const ids: string[] = [];
  for (const [file, text] of await h.files()) {
    if (file.startsWith(`${folder}/`) && isEventFile(file)) for (const l of text.split('\n')) if (l) ids.push(JSON.parse(l).event_id);
  }
  return ids.sort();
}

describe('a shared checkpoint-key', () => {
  it('two steps of one run: the second ignores the entry saved under its own key, backfills, and is told to use its own key', async () => {
    h = await harness({ start: NOW, events: [ev('old', NOW - 10 * DAY), ev('recent', NOW - HOUR)] });
    // Step 1 of the run saves its checkpoint; step 2 (same run id and attempt, another path) starts with the cache it left.
    const env = { GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '1' };
    const first = await h.run({ path: 'first' }, { env });
    expect(first.rec.failed).toBeUndefined();
    const second = await h.run({ path: 'second' }, { env });
    expect(second.rec.failed).toBeUndefined();
    const warning = second.rec.warnings.find((w) => w.includes('another stream shares checkpoint-key'));
    expect(warning).toMatch(/saved by this run and attempt/);
    expect(warning).toMatch(/its own checkpoint-key/);
    expect(await idsUnder('second')).toEqual(['old', 'recent']);
    // Its save is refused (the key is taken): the warning names the likely cause.
    expect(second.rec.warnings.find((w) => w.includes('Could not save the checkpoint'))).toMatch(/another step of this job uses checkpoint-key/);
  });

  it('another run of another stream: its newest entry is not taken, the fix is named, and nothing is skipped', async () => {
    h = await harness({ start: NOW, events: [ev('a', NOW - 5 * DAY)] });
    await h.run({ path: 'team-a' });
    h.clock.advance(HOUR);
    h.api.addEvents([ev('b', NOW + 30 * 60_000)]);
    const other = await h.run({ path: 'team-b' });
    expect(other.rec.warnings.find((w) => w.includes('another stream shares checkpoint-key'))).toMatch(/a run with another path/);
    expect(await idsUnder('team-b')).toEqual(['a', 'b']);
  });

  it('the same stream in its next run takes its own checkpoint without a word', async () => {
    h = await harness({ start: NOW, events: [ev('a', NOW - 5 * DAY)] });
    await h.run({});
    h.clock.advance(HOUR);
    const next = await h.run({});
    expect(next.rec.warnings.filter((w) => w.includes('checkpoint-key'))).toEqual([]);
    expect(next.text).toMatch(/Found checkpoint .* in the Actions cache/);
  });
});
