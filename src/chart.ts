// A chart of events per day for the job summary and the pull-request body: a Mermaid `xychart-beta`
// bar chart, which GitHub renders in both. Up to 62 days one bar a day; longer, one bar a week
// (weeks start on Monday, UTC). Days without events count as 0, so the bars keep time's spacing.
// Its text is made of dates and counts only, never text from the API. Pure.

const DAY_MS = 86_400_000;
/** More days than this make weekly bars. */
export const MAX_DAILY_BARS = 62;

export interface Bar {
  /** `YYYY-MM-DD` of the day, or of the week's Monday. */
  day: string;
  count: number;
}

/** Bars between two month names, so that both show. */
const MONTH_LABEL_GAP = 3;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The x-axis labels, short enough not to run into each other: a bar a day is its day of the month
 * (the month's name on its first day and on the first bar); a bar a week, the month's name on the
 * month's first week and nothing on the others; a month's name too close to the one before is left
 * out. Mermaid draws one bar per distinct label, so a
 * label met before gets zero-width spaces until it is new (they show as nothing).
 */
function labels(unit: 'day' | 'week', bars: Bar[]): string[] {
  const used = new Set<string>();
  let lastMonthLabel = -Infinity;
  return bars.map((bar, index) => {
    const month = MONTHS[Number(bar.day.slice(5, 7)) - 1];
    // a month's name where its first bar is, unless the last name is too close for both to show
    const newMonth = (index === 0 || bars[index - 1].day.slice(0, 7) !== bar.day.slice(0, 7)) && index - lastMonthLabel >= MONTH_LABEL_GAP;
    if (newMonth) lastMonthLabel = index;
    const dayOfMonth = String(Number(bar.day.slice(8, 10)));
    // a month met again a year later carries its year
    const name = used.has(month) ? `${month} ’${bar.day.slice(2, 4)}` : month;
    let label = unit === 'day' ? (newMonth ? `${name} ${dayOfMonth}` : dayOfMonth) : newMonth ? name : '';
    while (label === '' || used.has(label)) label += '\u200b';
    used.add(label);
    return label;
  });
}

/** The bars for counts by UTC day (`YYYY-MM-DD`; other keys, such as `undated`, are left out). */
export function chartBars(dayCounts: readonly [string, number][]): { unit: 'day' | 'week'; bars: Bar[] } {
  const days = new Map<number, number>();
  for (const [day, count] of dayCounts) {
    const time = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
    if (Number.isFinite(time)) days.set(time, (days.get(time) ?? 0) + count);
  }
  if (days.size === 0) return { unit: 'day', bars: [] };
  const first = Math.min(...days.keys());
  const last = Math.max(...days.keys());
  const weekly = (last - first) / DAY_MS + 1 > MAX_DAILY_BARS;
  // a week's bar starts on its Monday (1970-01-01 was a Thursday)
  const start = weekly ? first - ((((first / DAY_MS + 3) % 7) + 7) % 7) * DAY_MS : first;
  const step = weekly ? 7 * DAY_MS : DAY_MS;
  const bars: Bar[] = [];
  for (let at = start; at <= last; at += step) {
    let count = 0;
    for (let day = at; day < at + step; day += DAY_MS) count += days.get(day) ?? 0;
    bars.push({ day: new Date(at).toISOString().slice(0, 10), count });
  }
  return { unit: weekly ? 'week' : 'day', bars };
}

/** The Mermaid block (with its fence), or '' when no event has a day. */
export function eventsChart(dayCounts: readonly [string, number][]): string {
  const { unit, bars } = chartBars(dayCounts);
  if (bars.length === 0) return '';
  const max = Math.max(...bars.map((bar) => bar.count));
  const span = `${bars[0].day} → ${dayCounts.filter(([day]) => /^\d{4}-/.test(day)).at(-1)?.[0] ?? bars[0].day}`;
  return [
    '```mermaid',
    // GitHub's default bars are a pale violet: a stronger colour, and labels that fit
    '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#0969da"}}, "xyChart": {"width": 860, "height": 360, "xAxis": {"labelFontSize": 12}}}}%%',
    'xychart-beta',
    `  title "Events per ${unit} (UTC), ${span}"`,
    `  x-axis [${labels(unit, bars)
      .map((label) => `"${label}"`)
      .join(', ')}]`,
    `  y-axis "Events" 0 --> ${Math.max(1, max)}`,
    `  bar [${bars.map((bar) => bar.count).join(', ')}]`,
    '```'
  ].join('\n');
}
