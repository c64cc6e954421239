// Check 5, reconciliation: the last `verify-days` fetched from the API again and set against the
// record. An event the API serves that the record lacks is missing: a problem each. A stored event
// the API no longer serves is listed, not failed (Cursor may drop what it served). Pure: the
// served events come in file by file.
import { eventFile, type AuditEvent } from '../events.ts';
import { formatTime } from '../time.ts';
import { at, CheckResult, figure } from './problems.ts';

/** The fetched events, one layout file at a time (the spool). */
export interface ServedEvents {
  files(): string[];
  read(file: string): AuditEvent[];
}

export interface Reconciled {
  result: CheckResult;
  missing: number;
  /** Stored events in the range the API no longer serves (their keys, the first of them). */
  notServed: string[];
  notServedCount: number;
}

const MAX_LISTED = 100;

export function reconcileCheck(options: {
  served: ServedEvents;
  /** Every key the record holds. */
  keys: ReadonlyMap<string, string>;
  /** The record's recent events (key to time): those in the range must be served. */
  recent: ReadonlyMap<string, number>;
  from: number;
  to: number;
  path: string;
  /** Said when the range could not all be fetched (the API's retention, a failed window). */
  shortBy?: string;
}): Reconciled {
  const { served, keys, path } = options;
  const result = new CheckResult('reconciliation');
  const seen = new Set<string>();
  let missing = 0;
  for (const file of served.files()) {
    for (const event of served.read(file)) {
      seen.add(event.key);
      if (keys.has(event.key)) continue;
      missing++;
      const when = event.time === null ? 'without a usable timestamp' : `at ${formatTime(event.time)}`;
      result.add(at(path, eventFile(event.time)), `the event ${event.key} (${event.type}, ${when}) is served by the API but not in the record`);
    }
  }
  const notServed: string[] = [];
  let notServedCount = 0;
  for (const [key, time] of options.recent) {
    if (time < options.from || time > options.to || seen.has(key)) continue;
    notServedCount++;
    if (notServed.length < MAX_LISTED) notServed.push(key);
  }
  result.figures = `${formatTime(options.from)} → ${formatTime(options.to)}: ${figure(seen.size)} served, ${figure(missing)} missing, ${figure(notServedCount)} stored but no longer served`;
  if (notServedCount)
    result.notes.push(
      `${figure(notServedCount)} stored event(s) are no longer served (listed, not failed): ${notServed.slice(0, 10).join(', ')}${notServedCount > 10 ? ', …' : ''}`
    );
  if (options.shortBy) result.notes.push(options.shortBy);
  return { result, missing, notServed, notServedCount };
}
