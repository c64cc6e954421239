// RetentionLimit alone: the oldest start, nearness, and a 400 near the limit taken as the limit once per run.
import { CursorApiError } from '../src/errors.ts';
import { RETENTION_MARGIN_MS, RETENTION_MS, RetentionLimit } from '../src/retention.ts';
import { DAY, MINUTE } from '../src/time.ts';
import { virtualClock } from './support/clock.ts';

const refused = (status: number) => new CursorApiError('refused', `Cursor API refused window with ${status}: too old`, status);

describe('RetentionLimit', () => {
  it('asks for nothing older than 30 days minus the margin, measured now', () => {
    const clock = virtualClock(100 * DAY);
    const retention = new RetentionLimit(clock);
    expect(retention.oldestStart()).toBe(100 * DAY - RETENTION_MS + RETENTION_MARGIN_MS);
    clock.advance(MINUTE);
    expect(retention.oldestStart()).toBe(100 * DAY + MINUTE - RETENTION_MS + RETENTION_MARGIN_MS);
  });

  it('calls a start within 5 minutes of the limit near', () => {
    const clock = virtualClock(100 * DAY);
    const retention = new RetentionLimit(clock);
    const limit = 100 * DAY - RETENTION_MS;
    expect(retention.isNear(limit + 5 * MINUTE - 1)).toBe(true);
    expect(retention.isNear(limit + 5 * MINUTE)).toBe(false);
  });

  it('takes a 400 within a day of the limit as the limit once, a day later; the second fails the window as too old', () => {
    const clock = virtualClock(100 * DAY);
    const retention = new RetentionLimit(clock);
    const limit = 100 * DAY - RETENTION_MS;
    expect(retention.isLimit(refused(500), limit)).toBe(false);
    expect(retention.isLimit(refused(400), limit + DAY)).toBe(false);
    expect(retention.oldestStart()).toBe(limit + RETENTION_MARGIN_MS);
    expect(retention.isLimit(refused(400), limit + DAY - 1)).toBe(true);
    expect(retention.oldestStart()).toBe(limit + RETENTION_MARGIN_MS + DAY);
    let error: unknown;
    try {
      retention.isLimit(refused(400), limit + DAY);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CursorApiError);
    expect((error as CursorApiError).kind).toBe('too-old');
    expect((error as CursorApiError).message).toMatch(/^Cursor API refused window with 400: too old\. Its start .* was already moved forward once in this run/);
  });
});
