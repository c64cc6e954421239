// What a run added, as counts: the outputs and the summary need the number of new events, their
// counts by type and by day, and the notable ones, not every event, so a backfill of a million
// events does not hold a million events in memory.
import { type AuditEvent, isNotable, spooledEvent, utcDay } from './events.ts';

/**
 * A copy of a string that shares no memory with the text it was cut from: an event's line is a
 * slice of a whole day's spool, which a kept slice would keep alive.
 */
function detach(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Notable events kept for the outputs (100) and the summary (50); the rest are counted. */
export const NOTABLE_KEPT = 1000;

export class NewEvents {
  count = 0;
  undated = 0;
  /** The first notable events (at most NOTABLE_KEPT: the outputs and summaries show fewer). */
  readonly notable: AuditEvent[] = [];
  notableCount = 0;
  private readonly byType = new Map<string, number>();
  private readonly byDay = new Map<string, number>();
  private readonly notableTypes: ReadonlySet<string>;
  /** Told of every event counted: a run with several destinations records their keys on disk. */
  private readonly onAdd: ((e: AuditEvent) => void) | undefined;

  constructor(notableTypes: ReadonlySet<string>, onAdd?: (e: AuditEvent) => void) {
    this.notableTypes = notableTypes;
    this.onAdd = onAdd;
  }

  static of(events: Iterable<AuditEvent>, notableTypes: ReadonlySet<string>): NewEvents {
    const tally = new NewEvents(notableTypes);
    tally.add(events);
    return tally;
  }

  /** Counts the events. */
  add(events: Iterable<AuditEvent>): void {
    for (const e of events) {
      this.onAdd?.(e);
      this.count++;
      this.byType.set(e.type, (this.byType.get(e.type) ?? 0) + 1);
      const day = e.time === null ? 'undated' : utcDay(e.time);
      this.byDay.set(day, (this.byDay.get(day) ?? 0) + 1);
      if (e.time === null) this.undated++;
      if (isNotable(e, this.notableTypes) && this.notableCount++ < NOTABLE_KEPT) this.notable.push(spooledEvent(detach(e.line), detach(e.key), e.time, e.type));
    }
  }

  /** Adds another tally's counts (events the other counted and this one did not). */
  absorb(other: NewEvents): void {
    this.count += other.count;
    this.undated += other.undated;
    for (const [type, n] of other.byType) this.byType.set(type, (this.byType.get(type) ?? 0) + n);
    for (const [day, n] of other.byDay) this.byDay.set(day, (this.byDay.get(day) ?? 0) + n);
    this.notable.push(...other.notable.slice(0, Math.max(0, NOTABLE_KEPT - this.notable.length)));
    this.notableCount += other.notableCount;
  }

  /** Event types by count, most first. */
  typeCounts(): [string, number][] {
    return [...this.byType].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }

  /** Days (UTC) in order, `undated` last. */
  dayCounts(): [string, number][] {
    return [...this.byDay].sort(([a], [b]) => (a < b ? -1 : 1));
  }
}
