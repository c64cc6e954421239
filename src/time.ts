// Parsing and formatting of the times and durations the inputs accept. Pure: no clock of its own.

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const UNIT_MS: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY };

/** `90s`, `10m`, `1h30m`, `7d`, `2w`, or `0`. Returns milliseconds, or undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim().toLowerCase();
  if (s === '0') return 0;
  if (!/^(\d{1,9}(ms|s|m|h|d|w))+$/.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(/(\d+)(ms|s|m|h|d|w)/g)) total += Number(m[1]) * UNIT_MS[m[2]];
  return Number.isSafeInteger(total) ? total : undefined;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Date.UTC, without its mapping of years 0–99 to 1900–1999. */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(Date.UTC(2000, mo, d, h, mi, s, ms));
  date.setUTCFullYear(y, mo, d);
  return date.getTime();
}

function validDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(utc(y, mo, 0)).getUTCDate();
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Digits of `text` from `from` to `to` as a number, or -1 when one is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The common shape `YYYY-MM-DDTHH:MM:SS[.sss]Z`, read without a regular expression (the merge reads
 * every stored line's time). Any other shape returns undefined and goes the general way.
 */
function parseCanonicalUtc(t: string): number | undefined {
  const n = t.length;
  if (n !== 20 && n !== 24) return undefined;
  if (t[4] !== '-' || t[7] !== '-' || t[10] !== 'T' || t[13] !== ':' || t[16] !== ':' || t[n - 1] !== 'Z' || (n === 24 && t[19] !== '.')) return undefined;
  const y = digits(t, 0, 4),
    mo = digits(t, 5, 7),
    d = digits(t, 8, 10),
    h = digits(t, 11, 13),
    mi = digits(t, 14, 16),
    sec = digits(t, 17, 19);
  const ms = n === 24 ? digits(t, 20, 23) : 0;
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || ms < 0) return undefined;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS_IN_MONTH[mo - 1] + (leap ? 1 : 0)) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms);
}

/**
 * An RFC 3339 time with `Z` or an offset. Returns epoch milliseconds, or undefined. Fractions of
 * any length are read (to the millisecond, truncated). With `leapSecond`, a second of 60 (a leap
 * second, `23:59:60Z`) is read as the last millisecond of the second before it, so it stays on
 * its day and sorts after it.
 */
export function parseRfc3339(text: string, options: { leapSecond?: boolean } = {}): number | undefined {
  const fast = parseCanonicalUtc(text);
  if (fast !== undefined) return fast;
  const m = RFC3339.exec(text.trim());
  if (!m) return undefined;
  const [, ys, mos, ds, hs, mis, ss = '00', frac = '', tz] = m;
  const y = Number(ys),
    mo = Number(mos),
    d = Number(ds),
    h = Number(hs),
    mi = Number(mis),
    sec = Number(ss);
  const leap = sec === 60 && options.leapSecond === true;
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || (sec > 59 && !leap)) return undefined;
  let offset = 0;
  if (tz !== 'Z' && tz !== 'z') {
    const oh = Number(tz.slice(1, 3)),
      om = Number(tz.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offset = (tz[0] === '-' ? -1 : 1) * (oh * HOUR + om * MINUTE);
  }
  if (leap) return utc(y, mo - 1, d, h, mi, 59, 999) - offset;
  const ms = frac ? Math.min(999, Math.floor(Number(`0${frac}`) * 1000)) : 0;
  return utc(y, mo - 1, d, h, mi, sec, ms) - offset;
}

export type TimeSpec = { ms: number; kind: 'time' | 'date' | 'duration' };

/** A time input: RFC 3339, a date (UTC midnight), or a duration back from `now`. */
export function parseTimeSpec(text: string, now: number): TimeSpec | undefined {
  const s = text.trim();
  const date = DATE_ONLY.exec(s);
  if (date) {
    const [y, mo, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    return validDate(y, mo, d) ? { ms: utc(y, mo - 1, d), kind: 'date' } : undefined;
  }
  const time = parseRfc3339(s);
  if (time !== undefined) return { ms: time, kind: 'time' };
  const duration = parseDuration(s);
  if (duration !== undefined && duration <= now) return { ms: now - duration, kind: 'duration' };
  return undefined;
}

/** The first and last milliseconds of the years 0001–9999, the years a day file can name. */
export const FIRST_LAYOUT_TIME = -62135596800000;
export const LAST_LAYOUT_TIME = 253402300799999;

/** RFC 3339 UTC with milliseconds, as the API's query takes it. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** `1h 5m`, `42s`, `850ms`: for logs and the summary. */
export function formatDuration(ms: number): string {
  if (ms < SECOND) return `${Math.round(ms)}ms`;
  const total = Math.round(ms / SECOND);
  const d = Math.floor(total / 86400),
    h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60),
    s = total % 60;
  const parts: string[] = [];
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (s || parts.length === 0) parts.push(`${s}s`);
  return parts.slice(0, 2).join(' ');
}
