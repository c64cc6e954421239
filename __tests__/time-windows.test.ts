import { DAY, HOUR, MINUTE, formatDuration, formatTime, parseDuration, parseRfc3339, parseTimeSpec } from '../src/time.ts';
import { splitWindows } from '../src/windows.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');

describe('parseDuration', () => {
  it.each([
    ['10m', 10 * MINUTE],
    ['1h30m', 90 * MINUTE],
    ['7d', 7 * DAY],
    ['2w', 14 * DAY],
    ['0', 0],
    ['45S', 45_000],
    ['250ms', 250]
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['', '10', 'm', '-5m', '1.5h', '10 minutes', '5y'])('rejects %p', (text) => expect(parseDuration(text)).toBeUndefined());
});

describe('parseRfc3339 / parseTimeSpec', () => {
  it('reads Z, offsets and fractions', () => {
    expect(parseRfc3339('2026-10-01T00:00:00Z')).toBe(Date.UTC(2026, 9, 1));
    expect(parseRfc3339('2026-10-01T00:00:00-05:00')).toBe(Date.UTC(2026, 9, 1, 5));
    expect(parseRfc3339('2026-10-01T00:00:00.123456Z')).toBe(Date.UTC(2026, 9, 1, 0, 0, 0, 123));
  });
  it.each(['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-10-01T24:00:00Z', '2026-10-01T00:00:00', 'yesterday', '2026/10/01'])('rejects %p', (text) =>
    expect(parseTimeSpec(text, NOW)).toBeUndefined()
  );
  it('reads years below 100 as written, and refuses durations past the start of time', () => {
    expect(new Date(parseTimeSpec('0099-01-01', NOW)!.ms).toISOString()).toBe('0099-01-01T00:00:00.000Z');
    expect(new Date(parseRfc3339('0000-01-01T00:00:00Z')!).getUTCFullYear()).toBe(0);
    expect(parseTimeSpec('99999999d99999999h', NOW)).toBeUndefined();
  });
  it('reads a date as UTC midnight and a duration back from now', () => {
    expect(parseTimeSpec('2026-10-01', NOW)).toEqual({ ms: Date.UTC(2026, 9, 1), kind: 'date' });
    expect(parseTimeSpec('12h', NOW)).toEqual({ ms: NOW - 12 * HOUR, kind: 'duration' });
  });
  it('formats with milliseconds in UTC', () => {
    expect(formatTime(Date.UTC(2026, 9, 1))).toBe('2026-10-01T00:00:00.000Z');
    expect(formatDuration(90 * MINUTE)).toBe('1h 30m');
    expect(formatDuration(500)).toBe('500ms');
  });
});

describe('splitWindows', () => {
  it('covers the range in contiguous windows of at most the maximum', () => {
    const start = NOW - 40 * DAY;
    const w = splitWindows(start, NOW, 30 * DAY);
    expect(w).toEqual([
      { start, end: start + 30 * DAY },
      { start: start + 30 * DAY, end: NOW }
    ]);
  });
  it('is empty for an empty range and exact for a multiple', () => {
    expect(splitWindows(NOW, NOW, DAY)).toEqual([]);
    expect(splitWindows(NOW - 2 * DAY, NOW, DAY)).toHaveLength(2);
  });
});
