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

describe('append-only as bytes (property)', () => {
  // A small seeded generator: the same files every run, many shapes.
  function rng(seed: number) {
    return () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
  }
  const pick = <T>(r: () => number, xs: T[]): T => xs[Math.floor(r() * xs.length)];

  function randomLine(r: () => number, i: number): Buffer {
    const ts = `2026-11-01T${String(Math.floor(r() * 24)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}:00.000Z`;
    const id = `e${Math.floor(r() * 40)}`;
    const kind = pick(r, ['event', 'event', 'event', 'invalid-utf8', 'not-json', 'empty', 'no-id', 'crlf', 'nested-id']);
    switch (kind) {
      case 'invalid-utf8':
        return Buffer.concat([Buffer.from(`{"event_id":"${id}","timestamp":"${ts}","x":"`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
      case 'not-json':
        return Buffer.from(`garbage ${i} {`);
      case 'empty':
        return Buffer.alloc(0);
      case 'no-id':
        return Buffer.from(`{"timestamp":"${ts}","n":${i}}`);
      case 'crlf':
        return Buffer.from(`{"event_id":"${id}","timestamp":"${ts}"}\r`);
      case 'nested-id':
        return Buffer.from(`{"event_data":{"event_id":${i}},"event_id":${Math.floor(r() * 40)},"timestamp":"${ts}"}`);
      default:
        return Buffer.from(`{"event_id":"${id}","timestamp":"${ts}","event_type":"login"}`);
    }
  }

  function lines(b: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let from = 0;
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, from)) {
      out.push(b.subarray(from, i));
      from = i + 1;
    }
    if (from < b.length) out.push(b.subarray(from));
    return out;
  }

  it('after any merge, every stored line is still there byte for byte, in the same order', () => {
    const r = rng(12);
    for (let round = 0; round < 400; round++) {
      const stored = Array.from({ length: Math.floor(r() * 12) }, (_, i) => randomLine(r, i));
      const parts: Buffer[] = [];
      if (r() < 0.2) parts.push(Buffer.from([0xef, 0xbb, 0xbf]));
      stored.forEach((l, i) => parts.push(l, i < stored.length - 1 || r() < 0.7 ? Buffer.from('\n') : Buffer.alloc(0)));
      const before = Buffer.concat(parts);
      const incoming = Array.from({ length: Math.floor(r() * 8) }, () =>
        ev(`e${Math.floor(r() * 40)}`, `2026-11-01T${String(Math.floor(r() * 24)).padStart(2, '0')}:30:00.000Z`)
      );
      const after = mergeIntoFile(before, incoming).bytes();
      const want = lines(before);
      let i = 0;
      for (const line of lines(after)) if (i < want.length && line.equals(want[i])) i++;
      expect({ round, kept: i }).toEqual({ round, kept: want.length });
      // and only whole lines were added: the file without the added lines is the old one
      const addedLines = new Set(mergeIntoFile(before, incoming).added.map((e) => e.line));
      const rest = lines(after).filter((l) => !addedLines.has(l.toString()));
      expect(Buffer.concat(rest.map((l) => Buffer.concat([l, Buffer.from('\n')])))).toEqual(
        before.length && before[before.length - 1] !== 10 ? Buffer.concat([before, Buffer.from('\n')]) : before
      );
    }
  });
});
