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
  /**
   * The events counted and their keys, kept only when asked for: a run with several destinations
   * reports their union, and the artifact holds what is new to the others.
   */
  readonly kept: { keys: Set<string>; events: AuditEvent[] } | undefined;

  constructor(notableTypes: ReadonlySet<string>, keep = false) {
    this.notableTypes = notableTypes;
    this.kept = keep ? { keys: new Set(), events: [] } : undefined;
  }

  static of(events: Iterable<AuditEvent>, notableTypes: ReadonlySet<string>): NewEvents {
    const tally = new NewEvents(notableTypes);
    tally.add(events);
    return tally;
  }

  /** Counts the events (when kept, each key once). */
  add(events: Iterable<AuditEvent>): void {
    for (const e of events) {
      if (this.kept) {
        if (this.kept.keys.has(e.key)) continue;
        this.kept.keys.add(e.key);
        this.kept.events.push(e);
      }
      this.count++;
      this.byType.set(e.type, (this.byType.get(e.type) ?? 0) + 1);
      const day = e.time === null ? 'undated' : utcDay(e.time);
      this.byDay.set(day, (this.byDay.get(day) ?? 0) + 1);
      if (e.time === null) this.undated++;
      if (isNotable(e, this.notableTypes) && this.notableCount++ < NOTABLE_KEPT) this.notable.push(spooledEvent(detach(e.line), detach(e.key), e.time, e.type));
    }
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
