import { eventFile, toEvent } from '../src/events.ts';
import { mergeIntoFile, readLine } from '../src/merge.ts';
import { compactJson, rawArrayElements } from '../src/raw-json.ts';

const ev = (id: string, ts: string, extra = '') => toEvent(`{"event_id":"${id}","timestamp":"${ts}","event_type":"login"${extra}}`);

describe('mergeIntoFile', () => {
  it('creates a sorted file by timestamp then event_id, one line each with a newline', () => {
    const r = mergeIntoFile(undefined, [ev('b', '2026-11-01T10:00:00.000Z'), ev('a', '2026-11-01T10:00:00.000Z'), ev('c', '2026-11-01T09:00:00.000Z')]);
    expect(r.text).toBe(
      ['c', 'a', 'b'].map((id) => (id === 'c' ? ev(id, '2026-11-01T09:00:00.000Z') : ev(id, '2026-11-01T10:00:00.000Z')).line).join('\n') + '\n'
    );
    expect(r.added.map((e) => e.key)).toEqual(['c', 'a', 'b']);
  });

  it('only inserts: existing lines keep their text and order, duplicates are dropped', () => {
    const existing =
      [ev('x', '2026-11-01T08:00:00.000Z').line, '{"event_id":"y", "timestamp":"2026-11-01T12:00:00.000Z"}', 'not json at all'].join('\n') + '\n';
    const r = mergeIntoFile(existing, [ev('y', '2026-11-01T12:00:00.000Z'), ev('late', '2026-11-01T09:00:00.000Z'), ev('late', '2026-11-01T09:00:00.000Z')]);
    const lines = r.text.split('\n');
    expect(lines).toEqual([
      ev('x', '2026-11-01T08:00:00.000Z').line,
      ev('late', '2026-11-01T09:00:00.000Z').line,
      '{"event_id":"y", "timestamp":"2026-11-01T12:00:00.000Z"}',
      'not json at all',
      ''
    ]);
    expect(r.duplicates).toBe(2);
    // every old line is still there, in the same relative order
    const old = existing.split('\n').filter(Boolean);
    expect(lines.filter((l) => old.includes(l))).toEqual(old);
  });

  it('returns the file unchanged when nothing is new', () => {
    const text = ev('x', '2026-11-01T08:00:00.000Z').line + '\n';
    expect(mergeIntoFile(text, [ev('x', '2026-11-01T08:00:00.000Z')])).toMatchObject({ text, added: [], duplicates: 1 });
  });

  it('keys an event without event_id by the SHA-256 of its line', () => {
    const a = toEvent('{"timestamp":"2026-11-01T08:00:00.000Z","event_type":"logout"}');
    expect(a.key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(readLine(a.line).key).toBe(a.key);
    expect(mergeIntoFile(a.line + '\n', [a]).added).toEqual([]);
  });
});

describe('event files', () => {
  it('puts an event in its UTC day and undated events apart', () => {
    expect(eventFile(Date.parse('2026-11-01T23:59:59.999-02:00'))).toBe('2026/11/2026-11-02.jsonl');
    expect(eventFile(null)).toBe('undated.jsonl');
    expect(toEvent('{"event_id":"1","timestamp":"soon"}').time).toBeNull();
    expect(toEvent('{"event_id":"1"}').time).toBeNull();
  });
});

describe('raw events', () => {
  it('keeps each event exactly as served: key order, big numbers, escapes', () => {
    const body = '{ "events" : [ {"b":1,"a":12345678901234567890,"s":"x\\u2028 y\\"}"} , {"event_id":"2", "n": [1, 2]} ],\n "pagination": {"page":1}}';
    expect(rawArrayElements(body, 'events')).toEqual(['{"b":1,"a":12345678901234567890,"s":"x\\u2028 y\\"}"}', '{"event_id":"2","n":[1,2]}']);
    expect(rawArrayElements('{"pagination":{"events":[1]},"events":[]}', 'events')).toEqual([]);
    expect(rawArrayElements('{"other":1}', 'events')).toBeUndefined();
    expect(compactJson('{ "a" : "b c" }')).toBe('{"a":"b c"}');
  });
});
