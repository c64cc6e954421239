// Cursor's retention limit: how far back it serves audit events, measured on the run's clock, and
// what a run learns of it from a 400 (docs/cursor-api.md § Retention).
import type { Clock } from './clock.ts';
import { CursorApiError } from './errors.ts';
import { DAY, formatTime, MINUTE } from './time.ts';

/** Cursor keeps about 30 days of audit events (docs/cursor-api.md § Retention). */
export const RETENTION_MS = 30 * DAY;
/** How far inside the retention limit a start is moved: room for the clocks and the paging. */
export const RETENTION_MARGIN_MS = 10 * MINUTE;
/** A start this close to the limit when a page is asked for is moved again: room for the waits of one request (rate limit, retries). */
const RETENTION_SAFETY_MS = 5 * MINUTE;
/** A 400 for a start this close to the limit is the limit, whatever its text (and the move after it). */
const RETENTION_NEAR_MS = DAY;

/**
 * The limit as one run knows it: 30 days before now, or a day less once Cursor refused a start
 * within a day of it (once per run: a second such refusal fails the window).
 */
export class RetentionLimit {
  private readonly clock: Clock;
  /** Learnt from a 400 near the retention limit: how much less than 30 days Cursor serves. */
  private extraMs = 0;
  private refused = false;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** The oldest start asked for now: the limit, measured now, plus a margin. */
  oldestStart(): number {
    return this.clock.now() - RETENTION_MS + RETENTION_MARGIN_MS + this.extraMs;
  }

  /** Whether a request for `start` asked now could reach the limit before it is answered (within 5 minutes of it). */
  isNear(start: number): boolean {
    return start < this.limit() + RETENTION_SAFETY_MS;
  }

  /**
   * Whether `error`, Cursor's answer to a range starting at `start`, is the retention limit: a 400
   * for a start within a day of the limit, whatever its text. The first one moves the limit a day
   * later; a second one in the run throws 'too-old'. Any other is not (the caller throws it).
   */
  isLimit(error: CursorApiError, start: number): boolean {
    if (error.status !== 400 || start >= this.limit() + RETENTION_NEAR_MS) return false;
    if (this.refused) {
      throw new CursorApiError(
        'too-old',
        `${error.message}. Its start ${formatTime(start)} is within a day of Cursor's 30-day retention limit, and a start near that limit was already moved forward once in this run; run again later, or set backfill-start-time later.`,
        400
      );
    }
    // Cursor keeps less than our 30 days; whatever the 400 says, that is the limit.
    this.refused = true;
    this.extraMs = RETENTION_NEAR_MS;
    return true;
  }

  /** The limit now: 30 days ago, or less once a 400 said so. */
  private limit(): number {
    return this.clock.now() - RETENTION_MS + this.extraMs;
  }
}
