import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toEvent } from '../src/events.ts';
import { NewEvents, NOTABLE_KEPT } from '../src/new-events.ts';
import { EventSpool } from '../src/spool.ts';

const event = (id: unknown, timestamp: unknown, extra: Record<string, unknown> = {}) =>
  toEvent(JSON.stringify({ event_id: id, timestamp, event_type: 'login', ...extra }));

describe('EventSpool', () => {
  const parent = mkdtempSync(join(tmpdir(), 'spool-test-'));

  it('gives back each file’s events exactly, each key once, with key, time, type and a lazily parsed object', () => {
    const spool = new EventSpool(parent);
    // A key with a tab, a quote, a backslash and a snowman; a number past 2^53 kept as its digits.
    const tricky = toEvent(
      JSON.stringify({ event_id: 'id\twith "tab" and \\ and ☃', timestamp: '2026-11-24T23:59:59.999Z', event_type: 'login' }).replace(
        /}$/,
        ',"big":12345678901234567890}'
      )
    );
    const a = event('a', '2026-11-25T00:00:00Z');
    const undated = toEvent('{"event_type":"odd","no_time":true}');
    spool.add([tricky, a, undated]);
    const lone = toEvent('{"event_id":"lone \\ud800 surrogate","timestamp":"2026-11-25T00:00:01Z","event_type":"login"}');
    spool.add([lone]);
    spool.add([a]); // served again (a window read twice)
    expect(spool.received).toBe(5);
    expect(spool.files()).toEqual(['2026/11/2026-11-24.jsonl', '2026/11/2026-11-25.jsonl', 'undated.jsonl']);
    const [back] = spool.read('2026/11/2026-11-24.jsonl');
    expect([back.line, back.key, back.time, back.type]).toEqual([tricky.line, tricky.key, tricky.time, 'login']);
    expect(back.data).toEqual(tricky.data);
    expect(spool.read('2026/11/2026-11-25.jsonl').map((e) => e.key)).toEqual(['a', lone.key]);
    const [odd] = spool.read('undated.jsonl');
    expect([odd.time, odd.type, odd.key]).toEqual([null, 'odd', undated.key]);
    spool.dispose();
  });

  it('rolls a failed window back: its events are gone, earlier windows’ stay', () => {
    const spool = new EventSpool(parent);
    spool.add([event('kept', '2026-11-20T10:00:00Z')]);
    const mark = spool.mark();
    spool.add([event('dropped-1', '2026-11-20T11:00:00Z'), event('dropped-2', '2026-11-21T11:00:00Z')]);
    spool.rollback(mark);
    expect(spool.received).toBe(1);
    expect(spool.files()).toEqual(['2026/11/2026-11-20.jsonl']);
    expect(spool.read('2026/11/2026-11-20.jsonl').map((e) => e.key)).toEqual(['kept']);
    spool.add([event('later', '2026-11-21T12:00:00Z')]);
    expect(spool.read('2026/11/2026-11-21.jsonl').map((e) => e.key)).toEqual(['later']);
    spool.dispose();
  });

  it('writes past its buffer to disk and removes its folder when disposed', () => {
    const spool = new EventSpool(parent);
    const padding = 'x'.repeat(2000);
    const many = Array.from({ length: 6000 }, (_, i) => event(`e${i}`, `2026-11-${String(10 + (i % 3)).padStart(2, '0')}T00:00:00Z`, { padding }));
    spool.add(many);
    expect(spool.files()).toHaveLength(3);
    expect(spool.files().reduce((n, f) => n + spool.read(f).length, 0)).toBe(6000);
    spool.dispose();
    expect(readdirSync(parent).filter((n) => n.startsWith('cursor-audit-logs-spool-'))).toEqual([]);
  });

  it('creates its parent folder when missing (a runner’s RUNNER_TEMP may not exist yet)', () => {
    const spool = new EventSpool(join(parent, 'not', 'there'));
    expect(existsSync(join(parent, 'not', 'there'))).toBe(true);
    spool.dispose();
  });
});

describe('NewEvents', () => {
  it('counts by type and day, keeps notable events, and tells a recorder of every event counted', () => {
    const failed = event('f', '2026-11-25T01:00:00Z', { event_data: { success: false } });
    const ok = event('o', '2026-11-24T01:00:00Z', { event_data: { success: true } });
    const seen: string[] = [];
    const tally = new NewEvents(new Set(['login:failed']), (e) => seen.push(e.key));
    tally.add([failed, ok]);
    expect(tally.count).toBe(2);
    expect(tally.notable.map((e) => e.key)).toEqual(['f']);
    expect(tally.dayCounts()).toEqual([
      ['2026-11-24', 1],
      ['2026-11-25', 1]
    ]);
    expect(tally.typeCounts()).toEqual([['login', 2]]);
    expect(seen).toEqual(['f', 'o']);
  });

  it('records keys by layout file on disk and reads one file back at a time', () => {
    using spool = new EventSpool(mkdtempSync(join(tmpdir(), 'spool-keys-')));
    const record = spool.keyRecord();
    const odd = event('a\tb\n"c', '2026-11-25T01:00:00Z');
    for (const e of [event('x', '2026-11-25T02:00:00Z'), odd, event('y', '2026-11-24T02:00:00Z'), event('x', '2026-11-25T02:00:00Z')]) record.add(e);
    expect([...record.keys('2026/11/2026-11-25.jsonl')].sort()).toEqual(['a\tb\n"c', 'x'].sort());
    expect([...record.keys('2026/11/2026-11-24.jsonl')]).toEqual(['y']);
    expect(record.keys('undated.jsonl').size).toBe(0);
  });

  it('keeps the first NOTABLE_KEPT notable events and counts the rest', () => {
    const many = Array.from({ length: NOTABLE_KEPT + 5 }, (_, i) => event(`k${i}`, '2026-11-25T01:00:00Z', { event_type: 'remove_user' }));
    const tally = NewEvents.of(many, new Set(['remove_user']));
    expect([tally.notable.length, tally.notableCount]).toEqual([NOTABLE_KEPT, NOTABLE_KEPT + 5]);
    expect(tally.notable[0].line).toBe(many[0].line);
  });
});
