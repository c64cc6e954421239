import { decideStart, filtersCover, makeState, parseState, serializeState } from '../src/state.ts';
import { MINUTE } from '../src/time.ts';

const T = Date.parse('2026-11-20T00:00:00.000Z');
const all = { eventTypes: [], users: [] };

describe('checkpoint state', () => {
  it('round-trips state.json', () => {
    const s = makeState(T, T + 1, { eventTypes: ['login'], users: [] });
    expect(JSON.parse(serializeState(s))).toEqual({
      version: 1,
      checkpoint: '2026-11-20T00:00:00.000Z',
      updatedAt: '2026-11-20T00:00:00.001Z',
      filters: { eventTypes: ['login'], users: [] }
    });
    expect(parseState(serializeState(s), 'x').time).toBe(T);
    expect(() => parseState('{"version":2}', 'the cache')).toThrow(/the cache has no version 1 checkpoint/);
    expect(() => parseState('nope', 'state.json')).toThrow(/not valid JSON/);
  });

  it('starts from the earliest checkpoint minus the lookback; never below the latest', () => {
    const d = decideStart({
      found: [
        { source: 'cache', time: T, filters: all },
        { source: 'workspace', time: T - 60 * MINUTE, filters: all }
      ],
      filters: all,
      backfill: false,
      backfillStart: 0,
      lookbackMs: 10 * MINUTE,
      now: T + MINUTE
    });
    expect(d.start).toBe(T - 70 * MINUTE);
    expect(d.floor).toBe(T);
  });

  it('uses the backfill start for a backfill or without checkpoints', () => {
    const found = [{ source: 'cache', time: T, filters: all }];
    expect(decideStart({ found, filters: all, backfill: true, backfillStart: 5, lookbackMs: 0, now: T })).toMatchObject({ start: 5, floor: T });
    expect(decideStart({ found: [], filters: all, backfill: false, backfillStart: 5, lookbackMs: 0, now: T })).toMatchObject({ start: 5, floor: undefined });
  });

  it('with several destinations, one without a usable checkpoint of its own pulls the start back to the backfill start', () => {
    const branch = { source: 'branch', time: T, filters: all };
    const narrow = { source: 'workspace', time: T, filters: { eventTypes: ['login'], users: [] } };
    const base = { filters: all, backfill: false, backfillStart: 5, lookbackMs: 0, now: T + MINUTE };
    const none = decideStart({
      ...base,
      found: [branch],
      owners: [
        { name: 'branch', checkpoint: branch },
        { name: 'pull-request', checkpoint: undefined }
      ]
    });
    expect(none).toMatchObject({ start: 5, floor: T });
    expect(none.reason).toMatch(/the pull-request destination holds no usable checkpoint of its own/);
    const ignored = decideStart({
      ...base,
      found: [branch, narrow],
      owners: [
        { name: 'branch', checkpoint: branch },
        { name: 'workspace', checkpoint: narrow }
      ]
    });
    expect(ignored.start).toBe(5);
    const each = decideStart({
      ...base,
      found: [branch],
      owners: [
        { name: 'branch', checkpoint: branch },
        { name: 'artifact', checkpoint: branch }
      ]
    });
    expect(each.start).toBe(T);
  });

  it('ignores a checkpoint made with narrower filters', () => {
    expect(filtersCover({ eventTypes: ['login'], users: [] }, all)).toBe(false);
    expect(filtersCover(all, { eventTypes: ['login'], users: [] })).toBe(true);
    expect(filtersCover({ eventTypes: ['login', 'logout'], users: [] }, { eventTypes: ['login'], users: [] })).toBe(true);
    const d = decideStart({
      found: [{ source: 'cache', time: T, filters: { eventTypes: ['login'], users: [] } }],
      filters: all,
      backfill: false,
      backfillStart: 7,
      lookbackMs: 0,
      now: T
    });
    expect(d.start).toBe(7);
    expect(d.ignored).toHaveLength(1);
  });
});
