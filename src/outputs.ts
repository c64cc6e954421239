// The action's outputs: their names (as action.yml declares them) and the one function that builds
// them from what a run did. An output that does not apply to a run is an empty string.
import type { NewEvents } from './new-events.ts';
import { formatTime } from './time.ts';

export const OUTPUT_NAMES = [
  'events-count',
  'fetched-count',
  'duplicates-count',
  'window-start',
  'window-end',
  'checkpoint',
  'complete',
  'files',
  'commit-sha',
  'pull-request-number',
  'pull-request-url',
  'artifact-id',
  'requests',
  'retries',
  'notable-count',
  'notable-events',
  'verified',
  'problems-count',
  'missing-count',
  'problems',
  'attestation-id'
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];
export type Outputs = Record<OutputName, string>;
/** The outputs a destination sets (commit-sha, pull-request-url, …). */
export type DestinationOutputs = Partial<Record<OutputName, string>>;

/** The most notable events the `notable-events` output lists. */
const MAX_NOTABLE_OUTPUT = 100;

export function emptyOutputs(): Outputs {
  return Object.fromEntries(OUTPUT_NAMES.map((name) => [name, ''])) as Outputs;
}

export interface RunFigures {
  start: number;
  /** End of the last window fetched completely. */
  reached: number | undefined;
  /** The checkpoint saved, or undefined when none was. */
  savedCheckpoint: string | undefined;
  complete: boolean;
  fetched: number;
  added: NewEvents;
  files: string[];
  requests: number;
  retries: number;
  destinations: DestinationOutputs;
}

export function buildOutputs(figures: RunFigures): Outputs {
  const { added } = figures;
  return {
    ...emptyOutputs(),
    ...figures.destinations,
    'events-count': String(added.count),
    'fetched-count': String(figures.fetched),
    'duplicates-count': String(figures.fetched - added.count),
    'window-start': formatTime(figures.start),
    'window-end': figures.reached === undefined ? '' : formatTime(figures.reached),
    checkpoint: figures.savedCheckpoint ?? '',
    complete: String(figures.complete),
    files: JSON.stringify(figures.files),
    requests: String(figures.requests),
    retries: String(figures.retries),
    'notable-count': String(added.notableCount),
    'notable-events': `[${added.notable
      .slice(0, MAX_NOTABLE_OUTPUT)
      .map((event) => event.line)
      .join(',')}]`
  };
}
