// The events chart of the summary and the pull-request body (chart.ts): bars per day up to 62
// days, per week beyond, zeros where nothing happened, nothing from the API in its text.
import { chartBars, eventsChart } from '../src/chart.ts';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

describe('the events chart', () => {
  it('one day: one bar, labelled with its month and day', () => {
    expect(eventsChart([['2026-11-25', 7]]).split('\n')).toEqual([
      '```mermaid',
      expect.stringMatching(/^%%\{init: /),
      'xychart-beta',
      '  title "Events per day (UTC), 2026-11-25 → 2026-11-25"',
      '  x-axis ["Nov 25"]',
      '  y-axis "Events" 0 --> 7',
      '  bar [7]',
      '```'
    ]);
  });

  it('labels are short and distinct (Mermaid draws one bar per distinct label): day numbers, month names at some distance', () => {
    const counts = Array.from({ length: 40 }, (_, n): [string, number] => [new Date(Date.UTC(2026, 9, 30) + n * 86_400_000).toISOString().slice(0, 10), 1]);
    const axis = eventsChart(counts)
      .split('\n')
      .find((line) => line.startsWith('  x-axis'))!;
    const labels = JSON.parse(axis.slice('  x-axis '.length)) as string[];
    expect(labels).toHaveLength(40);
    expect(new Set(labels).size).toBe(40);
    // Oct 30, then Nov 1 too close for a name: 1; Dec 1 named
    expect(labels.slice(0, 4)).toEqual(['Oct 30', '31', '1', '2']);
    expect(labels[32]).toBe('Dec 1');
    const weekly = eventsChart(Array.from({ length: 365 }, (_, n): [string, number] => [day(n), 1]))
      .split('\n')
      .find((line) => line.startsWith('  x-axis'))!;
    const weeks = JSON.parse(weekly.slice('  x-axis '.length)) as string[];
    expect(new Set(weeks).size).toBe(53);
    expect(weeks.filter((label) => /\w/.test(label))).toEqual(['Dec', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec ’26']);
  });

  it('30 days: a bar a day, days without events at 0, undated left out', () => {
    const counts: [string, number][] = [
      [day(0), 3],
      [day(29), 5],
      ['undated', 9]
    ];
    const { unit, bars } = chartBars(counts);
    expect(unit).toBe('day');
    expect(bars).toHaveLength(30);
    expect(bars.map((bar) => bar.count)).toEqual([3, ...Array(28).fill(0), 5]);
    expect(bars[0]).toEqual({ day: '2026-01-01', count: 3 });
  });

  it('365 days: a bar a week from Monday, every event counted once', () => {
    const counts = Array.from({ length: 365 }, (_, n): [string, number] => [day(n), n + 1]);
    const { unit, bars } = chartBars(counts);
    expect(unit).toBe('week');
    // 2026-01-01 is a Thursday: the first week starts on Monday 2025-12-29
    expect(bars[0]).toEqual({ day: '2025-12-29', count: 1 + 2 + 3 + 4 });
    expect(bars).toHaveLength(53);
    expect(bars.reduce((sum, bar) => sum + bar.count, 0)).toBe((365 * 366) / 2);
    expect(eventsChart(counts)).toContain('title "Events per week (UTC), 2025-12-29 → 2026-12-31"');
  });

  it('no dated event: no chart', () => {
    expect(eventsChart([['undated', 2]])).toBe('');
    expect(eventsChart([])).toBe('');
  });
});
