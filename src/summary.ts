// The job summary: range, counts by type and by day, notable events, requests, links.
// Everything that came from the API goes through md() first.
import { eventsChart } from './chart.ts';
import type { ClientStats } from './cursor-client.ts';
import type { AuditEvent } from './events.ts';
import { md, table } from './markdown.ts';
import type { NewEvents } from './new-events.ts';
import { formatDuration, formatTime } from './time.ts';

export interface RunReport {
  start: number;
  end: number;
  complete: boolean;
  dryRun: boolean;
  fetched: number;
  added: NewEvents;
  checkpoint: string;
  stats: ClientStats;
  elapsedMs: number;
  destinations: string[];
  files: string[];
  links: { label: string; url: string }[];
  failure: string | undefined;
  gaps: { start: number; end: number }[];
}

const MAX_NOTABLE_ROWS = 50;

/** The notable events as a table (time, type, actor, details, IP). */
export function notableTable(events: AuditEvent[], total: number, max = MAX_NOTABLE_ROWS): string {
  const rows = events
    .slice(0, max)
    .map((e) => [
      md(e.data.timestamp),
      md(e.type === 'login' && (e.data.event_data as { success?: unknown } | undefined)?.success === false ? 'login (failed)' : e.type),
      md(e.data.user_email),
      md(e.data.event_data, 160),
      md(e.data.ip_address)
    ]);
  const shown = Math.min(max, events.length);
  const more = total > shown ? `\n\n…and ${total - shown} more (all are in the files).` : '';
  return table(['Time (UTC)', 'Type', 'Actor', 'Details', 'IP'], rows) + more;
}

export function eventSections(events: NewEvents, notableRows = MAX_NOTABLE_ROWS): string {
  if (events.count === 0) return '';
  const parts = [
    '### Events by type',
    table(
      ['Event type', 'Events'],
      events.typeCounts().map(([t, n]) => [md(t), String(n)])
    ),
    '### Events per day (UTC)',
    // the chart for the eye; the table beside it for screen readers and the text view
    ...[eventsChart(events.dayCounts())].filter(Boolean),
    table(
      ['Day', 'Events'],
      events.dayCounts().map(([d, n]) => [d, String(n)])
    )
  ];
  parts.push('### Notable events', events.notableCount ? notableTable(events.notable, events.notableCount, notableRows) : 'None.');
  return parts.join('\n\n');
}

export function renderSummary(report: RunReport): string {
  const status = report.failure ? '❌ failed' : report.complete ? '✅ caught up' : '⏸️ incomplete (the next run continues)';
  const lines = [
    `## Cursor audit logs${report.dryRun ? ' (dry run: nothing written)' : ''}`,
    '',
    `**Range:** ${formatTime(report.start)} → ${formatTime(report.end)} · **Status:** ${status} · **Checkpoint:** ${report.checkpoint || 'not saved'}`,
    '',
    report.added.count
      ? `**${report.added.count} new event(s)** stored (${report.fetched} received, ${report.fetched - report.added.count} already stored or duplicated), **${report.added.notableCount} notable**.`
      : `**No new events** (${report.fetched} received, all already stored).`
  ];
  if (report.failure) lines.push('', `> [!CAUTION]\n> ${md(report.failure, 1000)}`);
  for (const g of report.gaps) lines.push('', `> [!WARNING]\n> Cursor no longer serves ${formatTime(g.start)} → ${formatTime(g.end)}: a gap in the log.`);
  const sections = eventSections(report.added);
  if (sections) lines.push('', sections);
  lines.push(
    '',
    '### Requests',
    table(
      ['Requests', 'Retries', '429 answers', 'Time waiting', 'Run time'],
      [
        [
          String(report.stats.requests),
          String(report.stats.retries),
          String(report.stats.http429),
          formatDuration(report.stats.waitMs),
          formatDuration(report.elapsedMs)
        ]
      ]
    )
  );
  if (!report.dryRun) {
    lines.push('', '### Stored in', '', `Destinations: ${report.destinations.join(', ')} · ${report.files.length} file(s) received events.`);
    for (const l of report.links) lines.push(`- [${md(l.label)}](${encodeURI(l.url)})`);
  }
  return `${lines.join('\n')}\n`;
}
