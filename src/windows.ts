// Splitting a time range into request windows. Pure.

export interface TimeWindow {
  start: number;
  end: number;
}

/**
 * Contiguous windows of at most `maxMs` covering [start, end], oldest first. Consecutive windows
 * share their boundary instant; the merge drops an event served by both.
 */
export function splitWindows(start: number, end: number, maxMs: number): TimeWindow[] {
  if (!(maxMs > 0)) throw new Error(`window length must be positive, got ${maxMs}`);
  const windows: TimeWindow[] = [];
  for (let s = start; s < end; s += maxMs) windows.push({ start: s, end: Math.min(s + maxMs, end) });
  return windows;
}
